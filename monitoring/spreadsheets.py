"""Writing spreadsheets safely, for every export of the platform: one sheet title rule, text
cells a spreadsheet would read as a formula kept as text, and pandas frames to an XLSX."""

from __future__ import annotations

import io

import pandas as pd
import xlsxwriter

INVALID_SHEET_CHARACTERS = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text cell that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def sheet_title(text: str, taken: set[str]) -> str:
    base = " ".join(text.translate(INVALID_SHEET_CHARACTERS).split()).strip("'")[:31] or "-"
    title, number = base, 2
    while title.casefold() in taken:
        suffix = f" ({number})"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(title.casefold())
    return title


def workbook_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    """Write the frames with XlsxWriter row by row (pandas' cell-by-cell path is several times
    slower on a round's 70,000 rows). Answers that start with "=" stay text."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "remove_timezone": True,
            "default_date_format": "dd.mm.yyyy hh:mm",
        },
    )
    header = workbook.add_format({"bold": True, "bg_color": "#E8EEF3"})
    taken: set[str] = set()
    for name, frame in frames.items():
        sheet = workbook.add_worksheet(sheet_title(name, taken))
        clean = frame.astype(object).where(frame.notna(), None)
        for index, column in enumerate(clean.columns):
            sample = [str(column), *(str(v) for v in clean[column].head(200).tolist())]
            width = max((len(value) for value in sample), default=8)
            sheet.set_column(index, index, min(max(width, 8), 60) + 2)
        sheet.write_row(0, 0, [str(column) for column in clean.columns], header)
        for row_number, row in enumerate(clean.itertuples(index=False, name=None), start=1):
            sheet.write_row(row_number, 0, row)
        sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()
