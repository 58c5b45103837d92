"""Writing spreadsheets safely, for every export of the platform: one sheet title rule, text
cells a spreadsheet would read as a formula kept as text, and pandas frames to an XLSX."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import IO

import pandas as pd
import xlsxwriter

INVALID_SHEET_CHARACTERS = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FILE_CHUNK_BYTES = 64 * 1024
WIDTH_SAMPLE_ROWS = 200
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "remove_timezone": True,
    "default_date_format": "dd.mm.yyyy hh:mm",
}


def safe_row(values: Iterable) -> list:
    """The row's cells, those a spreadsheet would read as a formula with a leading apostrophe.
    Inlined rather than a call a cell: an export of 50,000 rows has a million cells."""
    return [
        "'" + value if value.__class__ is str and value.startswith(FORMULA_STARTS) else value
        for value in values
    ]


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
        {"in_memory": True, **WORKBOOK_OPTIONS},
    )
    taken: set[str] = set()
    for name, frame in frames.items():
        clean = frame.astype(object).where(frame.notna(), None)
        rows = clean.itertuples(index=False, name=None)
        _write_sheet(workbook, sheet_title(name, taken), [str(c) for c in clean.columns], rows)
    workbook.close()
    return buffer.getvalue()


@contextmanager
def workbook_file(name: str, columns: Sequence[str], rows: Iterable[Sequence]) -> Iterator[IO]:
    """One sheet of any length in constant memory: XlsxWriter writes each row to disk as it
    comes (rows in order, no shared strings), and the workbook is assembled in a temporary
    file, given open at its start and removed afterwards."""
    with tempfile.TemporaryFile() as output:
        workbook = xlsxwriter.Workbook(output, {"constant_memory": True, **WORKBOOK_OPTIONS})
        _write_sheet(workbook, sheet_title(name, set()), list(columns), iter(rows))
        workbook.close()
        output.seek(0)
        yield output


def _write_sheet(workbook, title: str, columns: list[str], rows: Iterator[Sequence]) -> None:
    """A header row, column widths from the first rows, then every row; the header frozen."""
    sheet = workbook.add_worksheet(title)
    header = workbook.add_format({"bold": True, "bg_color": "#E8EEF3"})
    sample = list(islice(rows, WIDTH_SAMPLE_ROWS))
    for index, column in enumerate(columns):
        shown = [column, *(str(row[index]) for row in sample if row[index] is not None)]
        width = max((len(value) for value in shown), default=8)
        sheet.set_column(index, index, min(max(width, 8), 60) + 2)
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, columns, header)
    for row_number, row in enumerate(sample, start=1):
        sheet.write_row(row_number, 0, row)
    for row_number, row in enumerate(rows, start=len(sample) + 1):
        sheet.write_row(row_number, 0, row)
