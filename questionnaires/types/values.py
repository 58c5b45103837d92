"""The value rules every question type shares: counts, numbers, dates, and their bounds.

`parse_count` is the one rule for a count of persons or cases, used by the statistics-table
answers of the portal and the workbook (questionnaires.types.table) and by the import of
national figures (indicators.services): nothing here imports another app.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_SHORT_TEXT = 500
MAX_LONG_TEXT = 50_000
MAX_REPEATING_ROWS = 200
URL_PATTERN = re.compile(r"^https?://[^\s]+$")
# Bounds on numbers, so that a typed "9" * 5000 or "1e999999999" is refused with a message
# instead of failing later (Python reads at most 4300 digits; the workbook writes numbers as
# Excel numbers, which hold 15 significant digits).
MAX_COUNT = 10**12 - 1
MAX_NUMBER = Decimal("1E15")
MAX_DECIMAL_PLACES = 10


_WHOLE = re.compile(r"-?\d+")
_DECIMAL = re.compile(r"-?\d+[.,]\d*")


def parse_count(
    raw: str | int | float | None, *, quote: bool = False, required: bool = False
) -> tuple[int | None, str | None]:
    """A count of persons or cases: a whole number from 0 to MAX_COUNT, or why it is not one.

    The one rule for every count: a statistics table's cell in the portal and the workbook
    (questionnaires.types.table) and a figure of the national statistics import
    (indicators.services). Text may group thousands with spaces (also no-break spaces);
    a sign "+", decimals (even ".0" as text), a comma (decimal in Russian), and anything over
    MAX_COUNT are refused; a number from a spreadsheet cell (int, or float without a fraction)
    is taken as it is, under the same bounds.

    `quote` names the value in the message (an import's list of errors, away from the cell);
    otherwise the message speaks to the cell. A blank is no answer, (None, None), unless
    `required`.
    """
    if isinstance(raw, bool):
        return None, _not_a_number(str(raw), quote)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return None, _not_a_number(str(raw), quote)
        if not raw.is_integer():
            return None, _not_whole(str(raw), quote)
        raw = int(raw)
    if isinstance(raw, int):
        number, shown = raw, str(raw)
    else:
        shown = str(raw if raw is not None else "").strip().replace("\u00a0", "").replace(" ", "")
        if shown == "":
            return None, (_("The value is empty.") if required else None)
        if not _WHOLE.fullmatch(shown):
            if _DECIMAL.fullmatch(shown):
                return None, _not_whole(shown, quote)
            return None, _not_a_number(shown, quote)
        if len(shown.lstrip("-").lstrip("0")) > len(str(MAX_COUNT)):  # before int(): 4300 digits
            return None, _too_large(shown, quote)
        number = int(shown)
    if number < 0:
        if quote:
            return None, _("%(value)s is negative; counts cannot be negative.") % {"value": shown}
        return None, _("A count cannot be negative.")
    if number > MAX_COUNT:
        return None, _too_large(shown, quote)
    return number, None


def _not_a_number(shown: str, quote: bool) -> str:
    if quote:
        return _("“%(value)s” is not a number.") % {"value": shown}
    return _("Enter a number, for example 12.")


def _not_whole(shown: str, quote: bool) -> str:
    if quote:
        return _("%(value)s is not a whole number; counts are whole numbers.") % {"value": shown}
    return _("Enter a whole number, without decimals.")


def _too_large(shown: str, quote: bool) -> str:
    if quote:
        return _("%(value)s is too large for a count (at most %(max)s).") % {
            "value": shown[:20] + ("…" if len(shown) > 20 else ""),
            "max": MAX_COUNT,
        }
    return _("The number is too large.")


def parse_decimal(raw: str) -> tuple[Decimal | None, str | None]:
    cleaned = raw.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if cleaned == "":
        return None, None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None, _("Enter a number, for example 12.5.")
    if not number.is_finite():
        return None, _("Enter a number, for example 12.5.")
    if number and number.adjusted() >= MAX_NUMBER.adjusted():  # no arithmetic: 1e999999999
        return None, _("The number is too large.")
    if number and number.as_tuple().exponent < -MAX_DECIMAL_PLACES:
        return None, _("Use at most %(count)s decimal places.") % {"count": MAX_DECIMAL_PLACES}
    return number, None


def parse_date(raw: str) -> tuple[date | None, str | None]:
    if not raw:
        return None, None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(raw, pattern).date(), None
        except ValueError:
            continue
    return None, _("Enter a date as DD.MM.YYYY.")
