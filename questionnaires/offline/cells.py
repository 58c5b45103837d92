"""The cells of a section sheet: layout (column A codes, column B labels, answers from column C),
styles, and the writer and reader that the question types use for their own cells
(`AnswerType.write_cells` / `read_cells` in questionnaires.types)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from monitoring.i18n import language_codes
from monitoring.upload_limits import Sheet

from .control import WorkbookError, cell_text

LISTS_SHEET = "lists"
EXCEL_CELL_LIMIT = 32_000  # Excel keeps at most 32,767 characters in a cell
EMPTY_REPEATING_ROWS = 5
FIRST_ANSWER_COLUMN = 3  # C
TEXT_SPAN = 6  # text answers span C:H
CHECK_MARK = "x"
CHECKED = {"x", "✓", "✔", "1", "yes", "да", "true", "истина"}
UNCHECKED = {"", "0", "-", "–", "no", "нет", "false", "ложь"}

BRAND = "1F4E79"
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
READ_ONLY_FILL = PatternFill("solid", fgColor="EEF0F3")
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
TOTAL_FILL = PatternFill("solid", fgColor="C9D3DF")
THIN = Side(style="thin", color="8A94A3")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


# --- labels as typed back -------------------------------------------------------------------


def norm(text) -> str:
    return " ".join(str(text).split()).casefold()


def labels_lookup(items: Iterable[dict]) -> dict[str, str]:
    """Every language's label (and the key itself) → the key."""
    lookup: dict[str, str] = {}
    for item in items:
        for name in [*language_codes(), "key"]:
            if item.get(name):
                lookup[norm(item[name])] = item["key"]
    return lookup


def yes_no_labels() -> dict[str, str]:
    lookup = {"yes": "yes", "no": "no"}
    for code in language_codes():
        with translation.override(code):
            lookup[norm(_("Yes"))] = "yes"
            lookup[norm(_("No"))] = "no"
    return lookup


# --- writing ----------------------------------------------------------------------------


class Lists:
    """The hidden sheet that holds the drop-down lists."""

    def __init__(self, workbook: Workbook):
        self.sheet = workbook.create_sheet(LISTS_SHEET)
        self.sheet.sheet_state = "hidden"
        self.sheet.protection.sheet = True
        self.column = 0
        self.yes_no = self.add([_("Yes"), _("No")])
        self.check = self.add([CHECK_MARK])

    def add(self, items: list[str]) -> str:
        self.column += 1
        letter = get_column_letter(self.column)
        for row, item in enumerate(items, start=1):
            put(self.sheet.cell(row, self.column), item)
        return f"{LISTS_SHEET}!${letter}$1:${letter}${max(len(items), 1)}"


def put(cell, value, *, font: Font | None = None, fill=None, alignment=None, border=None):
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # an answer is text, never a formula
    if font:
        cell.font = font
    if fill:
        cell.fill = fill
    if alignment:
        cell.alignment = alignment
    if border:
        cell.border = border
    return cell


class SheetWriter:
    def __init__(self, sheet: Worksheet, lists: Lists, editable: bool):
        self.sheet = sheet
        self.lists = lists
        self.editable = editable
        self.validations: dict[str, DataValidation] = {}
        self.skipped: set[int] = set()  # questions shown but not read back

    def answer_cell(self, row: int, column: int, value, *, span: int = 1, number_format=None):
        cell = self.sheet.cell(row, column)
        put(
            cell,
            value,
            fill=INPUT_FILL if self.editable else READ_ONLY_FILL,
            alignment=WRAP,
            border=BOX,
        )
        cell.protection = Protection(locked=not self.editable)
        if number_format:
            cell.number_format = number_format
        if span > 1:
            for offset in range(1, span):
                self.sheet.cell(row, column + offset).border = BOX
            self.sheet.merge_cells(
                start_row=row, start_column=column, end_row=row, end_column=column + span - 1
            )
        return cell

    def validate(self, cell, key: str, **options) -> None:
        if not self.editable:
            return
        validation = self.validations.get(key)
        if validation is None:
            validation = DataValidation(allow_blank=True, showErrorMessage=True, **options)
            self.sheet.add_data_validation(validation)
            self.validations[key] = validation
        validation.add(cell)

    def label(self, row: int, column: int, text: str, *, bold=False, fill=None):
        return put(
            self.sheet.cell(row, column),
            text,
            font=Font(bold=bold),
            fill=fill,
            alignment=WRAP,
            border=BOX if fill else None,
        )


def row_height(text: str, width_chars: int, minimum: float = 15) -> float:
    lines = sum(max(1, math.ceil(len(line) / max(width_chars, 1))) for line in text.split("\n"))
    return max(minimum, min(409, 15 * lines))


# --- reading ------------------------------------------------------------------------------


class SheetReader:
    def __init__(self, values: Sheet, formulas: Sheet, errors: list[WorkbookError]):
        self.values = values
        self.formulas = formulas
        self.errors = errors
        self.title = values.title

    def text(self, row: int, column: int, code: str = "") -> str:
        value = self.values.cell(row, column).value
        if value is None:
            formula = self.formulas.cell(row, column).value
            if isinstance(formula, str) and formula.startswith("="):
                self.errors.append(
                    WorkbookError(
                        _(
                            "This cell holds a formula whose result is not saved in the file; "
                            "type the value instead."
                        ),
                        self.title,
                        self.ref(row, column),
                        code,
                    )
                )
        return cell_text(value)

    @staticmethod
    def ref(row: int, column: int) -> str:
        return f"{get_column_letter(column)}{row}"

    def mismatch(self, row: int, column: int, code: str, expected: str) -> None:
        self.errors.append(
            WorkbookError(
                _(
                    "This cell should read “%(label)s”: rows or columns were moved. Download a "
                    "new workbook and copy your answers into it."
                )
                % {"label": expected},
                self.title,
                self.ref(row, column),
                code,
            )
        )


@dataclass
class Block:
    """One question's answer cells as read: the form fields (as the portal would post them),
    the cell of each field, and the cell errors without a field of their own point to."""

    reader: SheetReader
    code: str
    first: int  # the first row of answer cells (two below the code)
    end: int  # the last row before the next question's code
    data: dict[str, str] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    main: str = ""

    def take(self, field_name: str, row: int, column: int) -> str:
        text = self.reader.text(row, column, self.code)
        self.data[field_name] = text
        self.cells[field_name] = self.reader.ref(row, column)
        return text

    def text(self, row: int, column: int) -> str:
        return self.reader.text(row, column, self.code)

    def error(self, message: str, row: int, column: int) -> None:
        self.reader.errors.append(
            WorkbookError(message, self.reader.title, self.reader.ref(row, column), self.code)
        )

    def mismatch(self, row: int, column: int, expected: str) -> None:
        self.reader.mismatch(row, column, self.code, expected)


def date_or_text(raw: str):
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return raw
