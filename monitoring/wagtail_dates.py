"""Wagtail's date pickers in the reader's language's date format.

Wagtail gives every language one format (`WAGTAIL_DATE_FORMAT`, 2026-12-02 by default), fixed
when a widget is built, and it builds many at import: its listing filters (date ranges of the
site history, the page explorer), the publishing schedule, model forms. The rest of the
platform writes a date in the reader's short format (`|day`, monitoring/formats): 02.12.2026
in Russian, 2 December 2026 in English. So Wagtail's `AdminDateInput` and
`AdminDateTimeInput` read the active language's `SHORT_DATE_FORMAT` / `SHORT_DATETIME_FORMAT`
when they render, wherever Wagtail made them: the value shown, and the picker's format (Django's
format letters are the PHP ones the picker reads). The date fields parse what they write: each
short format is one of the language's `DATE_INPUT_FORMATS` / `DATETIME_INPUT_FORMATS`
(tests/monitoring/test_wagtail_dates.py checks both directions).

Wagtail offers no per-language setting, hence a property on its two classes rather than a
subclass: a subclass would not reach the widgets Wagtail builds itself.
"""

from __future__ import annotations

import datetime

from django.utils import formats
from wagtail.admin.widgets.datetime import AdminDateInput, AdminDateTimeInput

FORMAT_OF = {AdminDateInput: "SHORT_DATE_FORMAT", AdminDateTimeInput: "SHORT_DATETIME_FORMAT"}


def _reader_format(widget) -> str:
    name = next(FORMAT_OF[cls] for cls in type(widget).__mro__ if cls in FORMAT_OF)
    return formats.get_format(name)


def _format_value(self, value):
    if isinstance(value, datetime.date):  # a datetime too, already in the reader's time zone
        return formats.date_format(value, _reader_format(self))
    return value  # the text as typed, shown back with its error


def _ignored(self, value) -> None:
    """Wagtail's __init__ assigns the one format; the reader's language decides instead."""


def connect() -> None:
    for widget in FORMAT_OF:
        widget.js_format = property(_reader_format, _ignored)
        widget.format_value = _format_value
