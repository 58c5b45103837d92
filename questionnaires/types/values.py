"""The value rules every question type shares: counts, numbers, dates, and their bounds.

`parse_count` is the one rule for a count of persons or cases, used by the statistics-table
answers of the portal and the workbook (questionnaires.types.table) and by the import of
national figures (indicators.services): nothing here imports another app.
"""

from __future__ import annotations

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


def parse_count(raw: str) -> tuple[int | None, str | None]:
    """A count of persons or cases: a whole number, zero or more. Spaces are thousands."""
    cleaned = raw.replace("\u00a0", "").replace(" ", "")
    if cleaned == "":
        return None, None
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        if re.fullmatch(r"[+-]?\d+[.,]\d*", cleaned):
            return None, _("Enter a whole number, without decimals.")
        return None, _("Enter a number, for example 12.")
    if len(cleaned.lstrip("+-").lstrip("0")) > len(str(MAX_COUNT)):
        return None, _("The number is too large.")
    number = int(cleaned)
    if number < 0:
        return None, _("A count cannot be negative.")
    return number, None


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
