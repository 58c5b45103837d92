"""Dates and numbers for reading, in the active language's one format
(`monitoring/formats/<lang>/formats.py`): the `|day` and `|number` filters and every message,
PDF or e-mail that prints a date go through here. Exports and the API keep ISO 8601."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import formats, timezone

STYLES = {
    "short": "SHORT_DATE_FORMAT",  # 02.12.2026 / 2 December 2026
    "long": "DATE_FORMAT",  # 2 декабря 2026 г. / 2 December 2026  # noqa: RUF003
    "datetime": "SHORT_DATETIME_FORMAT",  # 02.12.2026 14:05 / 2 December 2026, 14:05
    "long-datetime": "DATETIME_FORMAT",
    "time": "TIME_FORMAT",
}
ISO = "iso"  # the machine date of <time datetime="…">, not for reading


def day(value: date | datetime | None, style: str = "short") -> str:
    """A date (or a moment, read in the local time zone) in the active language's format:
    `style` is a key of STYLES, or "iso" for the machine date of a <time datetime>."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if style in ("short", "long", ISO):
            value = value.date()
    if style == ISO:
        return value.isoformat()
    fmt = STYLES.get(style, STYLES["short"])
    return formats.date_format(value, fmt) if fmt != "TIME_FORMAT" else formats.time_format(value)


def number(value: int | float | Decimal | None, decimals: int | None = None) -> str:
    """A number with the active language's decimal and thousands separators."""
    if value in (None, ""):
        return ""
    return formats.number_format(value, decimal_pos=decimals, force_grouping=True)
