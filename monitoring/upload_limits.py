"""Limits on uploaded files, checked before a file is parsed or stored (the settings
`UPLOAD_ZIP_*` and `UPLOAD_WORKBOOK_*`).

An office document (DOCX, XLSX, ODT) is a zip archive whose central directory states each part's
size packed and unpacked: a zip bomb is refused from that directory alone, nothing is unpacked.
A directory that understates a size gains nothing, because Python's zipfile (which openpyxl reads
through) never unpacks more than the size a part declares. A workbook that is read is further
limited by the cells its sheets declare (`<dimension ref="A1:H60"/>`, near the start of each
sheet), then by the cells actually read, in openpyxl's read-only mode, a row at a time.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

MEGABYTE = 1024 * 1024
RATIO_CHECKED_FROM = MEGABYTE  # a small part may pack tightly; a large one that does is a bomb
DIMENSION_SEARCHED = 64 * 1024  # the dimension comes before the cells, in the sheet's first bytes
DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([A-Za-z0-9:$]+)[\"']")
SHEET_DATA = re.compile(rb"<(?:[\w.-]+:)?sheetData\b")


def max_entries() -> int:
    return settings.UPLOAD_ZIP_MAX_ENTRIES


def max_ratio() -> int:
    return settings.UPLOAD_ZIP_MAX_RATIO


def max_document_unpacked() -> int:
    return settings.UPLOAD_ZIP_MAX_UNPACKED_BYTES


def max_workbook_unpacked() -> int:
    return settings.UPLOAD_WORKBOOK_MAX_UNPACKED_BYTES


def max_cells() -> int:
    return settings.UPLOAD_WORKBOOK_MAX_CELLS


def _megabytes(size: int) -> str:
    shown = round(size / MEGABYTE, 1)
    return str(int(shown)) if shown.is_integer() else str(shown)


def _check_directory(archive: zipfile.ZipFile, max_unpacked: int) -> None:
    entries = archive.infolist()
    if len(entries) > max_entries():
        raise ValidationError(
            _("The file is made of %(count)s parts; the limit is %(limit)s.")
            % {"count": len(entries), "limit": max_entries()}
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > max_unpacked:
        raise ValidationError(
            _("The file takes %(size)s MB once unpacked; the limit is %(limit)s MB.")
            % {"size": _megabytes(unpacked), "limit": _megabytes(max_unpacked)}
        )


def _check_ratios(archive: zipfile.ZipFile) -> None:
    for entry in archive.infolist():
        if entry.file_size < RATIO_CHECKED_FROM:
            continue
        ratio = entry.file_size / max(entry.compress_size, 1)
        if ratio > max_ratio():
            raise ValidationError(
                _(
                    "The file is packed suspiciously tightly: a part of it unpacks to %(ratio)s "
                    "times its size, the limit is %(limit)s. Save it again from your office "
                    "program."
                )
                % {"ratio": int(ratio), "limit": max_ratio()}
            )


def check_document(uploaded) -> None:
    """An office document to be stored: refused if its zip directory shows too many parts,
    too much data once unpacked, or a part packed like a bomb. Nothing is unpacked; the file
    is left at its start."""
    try:
        with zipfile.ZipFile(uploaded) as archive:
            _check_directory(archive, max_document_unpacked())
            _check_ratios(archive)
    except zipfile.BadZipFile:
        pass  # not a zip: the content check refuses what must be one
    finally:
        uploaded.seek(0)


def _declared_cells(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> int:
    """The cells a sheet declares, read from its first bytes (0 when it declares none)."""
    try:
        with archive.open(entry) as source:
            head = source.read(DIMENSION_SEARCHED)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        return 0  # a damaged or encrypted part: reading the workbook says it cannot be read
    found = DIMENSION.search(head)
    data = SHEET_DATA.search(head)
    if found is None or (data is not None and data.start() < found.start()):
        return 0
    try:
        min_col, min_row, max_col, max_row = range_boundaries(found.group(1).decode())
    except (ValueError, TypeError):
        return 0
    if None in (min_col, min_row, max_col, max_row):
        return 0
    return (max_col - min_col + 1) * (max_row - min_row + 1)


def too_many_cells(count: int | None = None) -> ValidationError:
    if count is None:
        message = _(
            "The workbook has more than %(limit)s cells; at most %(limit)s are read. Delete the "
            "rows and columns that are not needed, or split the file."
        ) % {"limit": max_cells()}
    else:
        message = _(
            "The workbook has %(count)s cells; at most %(limit)s are read. Delete the rows and "
            "columns that are not needed, or split the file."
        ) % {"count": count, "limit": max_cells()}
    return ValidationError(message)


def check_workbook(archive: zipfile.ZipFile) -> None:
    """A workbook about to be read: its zip directory, then the cells its sheets declare."""
    _check_directory(archive, max_workbook_unpacked())
    sheets = [
        entry
        for entry in archive.infolist()
        if entry.filename.startswith("xl/worksheets/") and entry.filename.endswith(".xml")
    ]
    declared = sum(_declared_cells(archive, entry) for entry in sheets)
    if declared > max_cells():
        raise too_many_cells(declared)
    _check_ratios(archive)


@dataclass(frozen=True)
class Cell:
    value: object


EMPTY = Cell(None)


class Sheet:
    """A sheet's values as read, with the part of openpyxl's Worksheet that readers use:
    `title`, `max_row` and `cell(row, column).value` (1-based)."""

    def __init__(self, title: str, rows: list[tuple]):
        self.title = title
        self.rows = rows

    @property
    def max_row(self) -> int:
        return len(self.rows)

    def cell(self, row: int, column: int) -> Cell:
        if 1 <= row <= len(self.rows) and 1 <= column <= len(self.rows[row - 1]):
            return Cell(self.rows[row - 1][column - 1])
        return EMPTY


class Book:
    """The sheets of a workbook as read, in order, by title (`sheetnames`, `worksheets`,
    `book[title]`, as on openpyxl's Workbook)."""

    def __init__(self, sheets: list[Sheet]):
        self.worksheets = sheets
        self._by_title = {sheet.title: sheet for sheet in sheets}
        self.sheetnames = list(self._by_title)

    def __getitem__(self, title: str) -> Sheet:
        return self._by_title[title]


def read_workbook(data: bytes, *, data_only: bool = True, first_sheet_only: bool = False) -> Book:
    """The values of a workbook's sheets, read a row at a time in openpyxl's read-only mode and
    stopped past `UPLOAD_WORKBOOK_MAX_CELLS` (counting the empty cells a row is padded with).
    Raises ValidationError for a workbook over the limits, zipfile.BadZipFile or openpyxl's
    errors for a damaged one; call `check_workbook` first."""
    limit = max_cells()
    cells = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about Excel features it drops
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
        try:
            sheets = []
            for worksheet in workbook.worksheets[:1] if first_sheet_only else workbook.worksheets:
                worksheet.reset_dimensions()  # read what the sheet holds, whatever it declares
                rows = []
                for row in worksheet.iter_rows(values_only=True):
                    cells += max(len(row), 1)
                    if cells > limit:
                        raise too_many_cells()
                    rows.append(row)
                sheets.append(Sheet(worksheet.title, rows))
        finally:
            workbook.close()
    return Book(sheets)
