"""Offline fill-in: a response as an XLSX workbook to answer without a connection, read back IN
FULL before anything is saved. (The read-only PDF is questionnaires.pdf.)

The workbook
  * a cover sheet (what to do) with a hidden, protected control block: the response, the
    questionnaire and its version, the country, each answer's version and fingerprint at download
    time, the sheet of each section, and a signature over all of it;
  * one sheet per section. Column A holds the question codes and nothing else: it anchors every
    question's block, so reading does not depend on absolute row numbers. Column B holds labels,
    answer cells start at column C. Statistics tables are real grids, repeating groups tables with
    empty rows, choices drop-down lists (a hidden `lists` sheet holds them).

Reading back maps every cell to the same field names as the portal's form (`q<pk>`,
`q<pk>-<row>-<col>`, …) and runs `types.parse`, so the workbook obeys exactly the portal's
rules. Errors name the sheet, the cell and the question code; with one error nothing is saved.
A valid workbook saves each changed answer through `services.answer_save` (one revision each),
inside one transaction, with the answer's version at download time: an answer changed by someone
else since the download is a conflict, unless the workbook left it as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from monitoring import access, upload_limits
from monitoring.i18n import active_language, language_codes
from monitoring.upload_limits import Book, Sheet

from . import reading, services, types
from .models import Answer, Question, Response, Section
from .uploads import check_upload

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMAT = "1"
META_MARKER = "thb-monitoring-offline-workbook"
META_FIRST_ROW = 40
SIGNING_SALT = "questionnaires.offline.workbook"
LISTS_SHEET = "lists"
EXCEL_CELL_LIMIT = 32_000  # Excel keeps at most 32,767 characters in a cell
EMPTY_REPEATING_ROWS = 5
FIRST_ANSWER_COLUMN = 3  # C
TEXT_SPAN = 6  # text answers span C:H
CHECK_MARK = "x"
CHECKED = {"x", "✓", "✔", "1", "yes", "да", "true", "истина"}
UNCHECKED = {"", "0", "-", "–", "no", "нет", "false", "ложь"}
INVALID_SHEET_CHARACTERS = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))

BRAND = "1F4E79"
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
READ_ONLY_FILL = PatternFill("solid", fgColor="EEF0F3")
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
TOTAL_FILL = PatternFill("solid", fgColor="C9D3DF")
THIN = Side(style="thin", color="8A94A3")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkbookError:
    message: str
    sheet: str = ""
    cell: str = ""
    code: str = ""

    @property
    def location(self) -> str:
        parts = []
        if self.sheet:
            parts.append(_("sheet “%(sheet)s”") % {"sheet": self.sheet})
        if self.cell:
            parts.append(_("cell %(cell)s") % {"cell": self.cell})
        if self.code:
            parts.append(_("question %(code)s") % {"code": self.code})
        return capfirst(", ".join(parts))

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


@dataclass
class ImportResult:
    errors: list[WorkbookError] = field(default_factory=list)
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # changed by a colleague since the download, left as it was in the workbook

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        text = _("%(updated)s, %(unchanged)s.") % {
            "updated": ngettext(
                "%(count)s answer updated", "%(count)s answers updated", self.updated
            )
            % {"count": self.updated},
            "unchanged": ngettext("%(count)s unchanged", "%(count)s unchanged", self.unchanged)
            % {"count": self.unchanged},
        }
        if self.kept:
            text += " " + ngettext(
                "%(count)s answer saved by a colleague after your download was kept.",
                "%(count)s answers saved by colleagues after your download were kept.",
                self.kept,
            ) % {"count": self.kept}
        return text


class _Abort(Exception):
    def __init__(self, errors: list[WorkbookError]):
        super().__init__("workbook import aborted")
        self.errors = errors


# --- helpers shared by writing and reading ------------------------------------------------


def fingerprint(value: dict | None) -> str:
    """Identifies an answer's content; "" for an empty answer (nothing typed anywhere)."""
    if _is_blank(value):
        return ""
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:24]


def _is_blank(value) -> bool:
    if isinstance(value, dict):
        return all(_is_blank(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(_is_blank(v) for v in value)
    return value is None or value == ""  # a count of 0 is a figure, not a blank


def _norm(text) -> str:
    return " ".join(str(text).split()).casefold()


def _labels(items: Iterable[dict]) -> dict[str, str]:
    """Every language's label (and the key itself) → the key."""
    lookup: dict[str, str] = {}
    for item in items:
        for name in [*language_codes(), "key"]:
            if item.get(name):
                lookup[_norm(item[name])] = item["key"]
    return lookup


def _yes_no_labels() -> dict[str, str]:
    lookup = {"yes": "yes", "no": "no"}
    for code in language_codes():
        with translation.override(code):
            lookup[_norm(_("Yes"))] = "yes"
            lookup[_norm(_("No"))] = "no"
    return lookup


def cell_text(value) -> str:
    """What a respondent typed, as the portal's form would have sent it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    return str(value).strip()


def sheet_title(text: str, taken: set[str]) -> str:
    base = " ".join(text.translate(INVALID_SHEET_CHARACTERS).split()).strip("'")[:31] or "-"
    title, number = base, 2
    while title.casefold() in taken:
        suffix = f" ({number})"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(title.casefold())
    return title


def _signature(meta: dict[str, str]) -> str:
    return signing.Signer(salt=SIGNING_SALT).signature(_canonical(meta))


def _canonical(meta: dict[str, str]) -> str:
    return "\n".join(f"{key}={meta[key]}" for key in sorted(meta) if key != "checksum")


def _signature_ok(meta: dict[str, str]) -> bool:
    try:
        signing.Signer(salt=SIGNING_SALT).unsign(
            f"{_canonical(meta)}{signing.Signer().sep}{meta.get('checksum', '')}"
        )
    except signing.BadSignature:
        return False
    return True


def _hint(question: Question) -> str:
    return types.answer_type(question).hint(question)


# --- writing ----------------------------------------------------------------------------


class _Lists:
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
            _put(self.sheet.cell(row, self.column), item)
        return f"{LISTS_SHEET}!${letter}$1:${letter}${max(len(items), 1)}"


def _put(cell, value, *, font: Font | None = None, fill=None, alignment=None, border=None):
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


class _SheetWriter:
    def __init__(self, sheet: Worksheet, lists: _Lists, editable: bool):
        self.sheet = sheet
        self.lists = lists
        self.editable = editable
        self.validations: dict[str, DataValidation] = {}
        self.skipped: set[int] = set()  # questions shown but not read back

    def answer_cell(self, row: int, column: int, value, *, span: int = 1, number_format=None):
        cell = self.sheet.cell(row, column)
        _put(
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
        return _put(
            self.sheet.cell(row, column),
            text,
            font=Font(bold=bold),
            fill=fill,
            alignment=WRAP,
            border=BOX if fill else None,
        )


def _row_height(text: str, width_chars: int, minimum: float = 15) -> float:
    lines = sum(max(1, math.ceil(len(line) / max(width_chars, 1))) for line in text.split("\n"))
    return max(minimum, min(409, 15 * lines))


def _write_question(writer: _SheetWriter, row: int, question: Question, answer: Answer | None):
    """Write one question's block from `row` (code, text, hint, answer cells); return the first
    row after it. Reading uses the same offsets: answer cells start two rows below the code."""
    sheet = writer.sheet
    _put(sheet.cell(row, 1), question.code, font=Font(bold=True, color=BRAND), alignment=WRAP)
    sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=1 + TEXT_SPAN + 1)
    _put(sheet.cell(row, 2), question.text, font=Font(bold=True), alignment=WRAP)
    sheet.row_dimensions[row].height = _row_height(question.text, 100)
    hint = _hint(question)
    if answer and answer.is_confidential:
        hint += " " + _("Marked confidential: read by the expert group only.")
    if not writer.editable:
        hint += " " + _("Read only: you do not answer this section.")
    sheet.merge_cells(start_row=row + 1, start_column=2, end_row=row + 1, end_column=8)
    _put(sheet.cell(row + 1, 2), hint, font=Font(italic=True, color="5F6B7A"), alignment=WRAP)
    write = _WRITERS[question.question_type]
    return write(writer, row + 2, question, answer.value if answer else {})


def _write_text(writer: _SheetWriter, first: int, question: Question, value: dict) -> int:
    sheet = writer.sheet
    text = value.get("text", "")
    writer.label(first, 2, _("Answer"))
    if len(text) > EXCEL_CELL_LIMIT:  # too long for a spreadsheet cell: shown, not read back
        writer.skipped.add(question.pk)
        _put(
            sheet.cell(first - 1, 2),
            _("This answer is too long for a spreadsheet cell; change it in the portal."),
            font=Font(italic=True, color="9B1C1C"),
            alignment=WRAP,
        )
        cell = writer.answer_cell(
            first, FIRST_ANSWER_COLUMN, text[:EXCEL_CELL_LIMIT], span=TEXT_SPAN
        )
        cell.protection = Protection(locked=True)
        cell.fill = READ_ONLY_FILL
        return first + 2
    writer.answer_cell(first, FIRST_ANSWER_COLUMN, text, span=TEXT_SPAN)
    minimum = 45 if question.question_type == "long_text" else 15
    sheet.row_dimensions[first].height = _row_height(text, 90, minimum)
    return first + 2


def _write_yes_no(writer: _SheetWriter, first: int, question: Question, value: dict) -> int:
    writer.label(first, 2, _("Yes or no"))
    choice = {"yes": _("Yes"), "no": _("No")}.get(value.get("choice", ""), "")
    cell = writer.answer_cell(first, FIRST_ANSWER_COLUMN, choice)
    writer.validate(
        cell, "yes_no", type="list", formula1=writer.lists.yes_no, error=_("Choose Yes or No.")
    )
    explanation = value.get("explanation", "")
    writer.label(first + 1, 2, _("Explanation"))
    writer.answer_cell(first + 1, FIRST_ANSWER_COLUMN, explanation, span=TEXT_SPAN)
    writer.sheet.row_dimensions[first + 1].height = _row_height(explanation, 90, 45)
    return first + 3


def _write_single_choice(writer: _SheetWriter, first: int, question: Question, value: dict):
    choices = question.config.get("choices", [])
    labels = {c["key"]: types.label(c) for c in choices}
    writer.label(first, 2, _("Answer"))
    cell = writer.answer_cell(
        first, FIRST_ANSWER_COLUMN, labels.get(value.get("choice", ""), ""), span=TEXT_SPAN
    )
    writer.validate(
        cell,
        f"choice-{question.pk}",
        type="list",
        formula1=writer.lists.add([labels[c["key"]] for c in choices]),
        error=_("Choose one of the options in the list."),
    )
    return first + 2


def _write_multiple_choice(writer: _SheetWriter, first: int, question: Question, value: dict):
    """One row per option, marked with x: a drop-down list cannot hold several choices."""
    chosen = set(value.get("choices", []))
    choices = question.config.get("choices", [])
    for offset, choice in enumerate(choices):
        writer.label(first + offset, 2, types.label(choice))
        cell = writer.answer_cell(
            first + offset, FIRST_ANSWER_COLUMN, CHECK_MARK if choice["key"] in chosen else ""
        )
        writer.validate(
            cell,
            "check",
            type="list",
            formula1=writer.lists.check,
            error=_("Mark the option with x, or leave the cell empty."),
        )
    return first + len(choices) + 1


def _write_number(writer: _SheetWriter, first: int, question: Question, value: dict) -> int:
    config = question.config
    writer.label(first, 2, _("Number"))
    number = value.get("number")
    stored = Decimal(number) if number not in (None, "") else None
    if stored is not None and stored == stored.to_integral_value():
        stored = int(stored)
    cell = writer.answer_cell(first, FIRST_ANSWER_COLUMN, stored)
    unit = config.get(f"unit_{active_language()}") or config.get("unit_en", "")
    _put(writer.sheet.cell(first, FIRST_ANSWER_COLUMN + 1), unit, alignment=WRAP)
    options = {"type": "whole" if config.get("integer") else "decimal"}
    if "min" in config and "max" in config:
        options |= {
            "operator": "between",
            "formula1": str(config["min"]),
            "formula2": str(config["max"]),
        }
    elif "min" in config:
        options |= {"operator": "greaterThanOrEqual", "formula1": str(config["min"])}
    elif "max" in config:
        options |= {"operator": "lessThanOrEqual", "formula1": str(config["max"])}
    else:
        options |= {"operator": "between", "formula1": "-1E+15", "formula2": "1E+15"}
    writer.validate(cell, f"number-{question.pk}", error=_("Enter a number."), **options)
    return first + 2


def _write_date(writer: _SheetWriter, first: int, question: Question, value: dict) -> int:
    writer.label(first, 2, _("Date"))
    raw = value.get("date", "")
    cell = writer.answer_cell(
        first,
        FIRST_ANSWER_COLUMN,
        date.fromisoformat(raw) if raw else None,
        number_format="DD.MM.YYYY",
    )
    writer.validate(
        cell,
        "date",
        type="date",
        operator="between",
        formula1="DATE(1900,1,1)",
        formula2="DATE(2100,12,31)",
        error=_("Enter a date between 1900 and 2100, as DD.MM.YYYY."),
    )
    return first + 2


def _write_file(writer: _SheetWriter, first: int, question: Question, value: dict) -> int:
    """Files travel through the portal only; the workbook lists their names, read only."""
    writer.label(first, 2, _("Files"))
    names = "; ".join(value.get("names") or []) or _("No file uploaded yet.")
    _put(
        writer.sheet.cell(first, FIRST_ANSWER_COLUMN),
        names,
        fill=READ_ONLY_FILL,
        alignment=WRAP,
        border=BOX,
    )
    writer.sheet.merge_cells(
        start_row=first,
        start_column=FIRST_ANSWER_COLUMN,
        end_row=first,
        end_column=FIRST_ANSWER_COLUMN + TEXT_SPAN - 1,
    )
    return first + 2


def _write_table(writer: _SheetWriter, first: int, question: Question, value: dict) -> int:
    """A real grid: a header row of columns, one row per row (year), totals in bold."""
    config = question.config
    table = types.TABLE
    columns, rows = table.columns(config), table.rows(config)
    cells = value.get("cells", {})
    heading = reading.year_heading() if config.get("year_range") else ""
    writer.label(first, 2, heading, bold=True, fill=HEADER_FILL)
    for offset, column in enumerate(columns):
        total = column["key"] == config.get("total_column")
        writer.label(
            first,
            FIRST_ANSWER_COLUMN + offset,
            types.label(column),
            bold=True,
            fill=TOTAL_FILL if total else HEADER_FILL,
        )
    for index, row_item in enumerate(rows, start=1):
        total_row = row_item["key"] == config.get("total_row")
        writer.label(
            first + index,
            2,
            types.label(row_item),
            bold=True,
            fill=TOTAL_FILL if total_row else HEADER_FILL,
        )
        for offset, column in enumerate(columns):
            cell = writer.answer_cell(
                first + index,
                FIRST_ANSWER_COLUMN + offset,
                cells.get(f"{row_item['key']}:{column['key']}"),
                number_format="#,##0",
            )
            if total_row or column["key"] == config.get("total_column"):
                cell.font = Font(bold=True)
            writer.validate(
                cell,
                "count",
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                error=_("Enter a whole number, zero or more."),
            )
    return first + len(rows) + 2


def _write_repeating(writer: _SheetWriter, first: int, question: Question, value: dict) -> int:
    """The stored entries, then a few empty rows to add more."""
    columns = question.config.get("columns", [])
    stored = value.get("rows", [])
    writer.label(first, 2, "#", bold=True, fill=HEADER_FILL)
    for offset, column in enumerate(columns):
        writer.label(
            first,
            FIRST_ANSWER_COLUMN + offset,
            types.label(column),
            bold=True,
            fill=HEADER_FILL,
        )
    count = max(len(stored) + (EMPTY_REPEATING_ROWS if writer.editable else 0), 1)
    for index in range(count):
        entry = stored[index] if index < len(stored) else {}
        writer.label(first + 1 + index, 2, str(index + 1))
        for offset, column in enumerate(columns):
            raw = entry.get(column["key"], "")
            is_date = column.get("type", "text") == "date"
            writer.answer_cell(
                first + 1 + index,
                FIRST_ANSWER_COLUMN + offset,
                _date_or_text(raw) if is_date else raw,
                number_format="DD.MM.YYYY" if is_date else None,
            )
    return first + 1 + count + 1


def _date_or_text(raw: str):
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return raw


_WRITERS = {
    "short_text": _write_text,
    "long_text": _write_text,
    "yes_no": _write_yes_no,
    "single_choice": _write_single_choice,
    "multiple_choice": _write_multiple_choice,
    "number": _write_number,
    "date": _write_date,
    "file": _write_file,
    "table": _write_table,
    "repeating": _write_repeating,
}


@dataclass
class _Context:
    """What both the workbook and the PDF need about a response, read once."""

    response: Response
    questions: list[Question]
    answers: dict[int, Answer]
    sections: list[Section]
    editable: dict[int, bool]


def _context(response: Response, user) -> _Context:
    questions = list(reading.ordered_questions(response))
    sections: dict[int, Section] = {}
    for question in questions:
        sections.setdefault(question.section_id, question.section)
    editable = {
        section.pk: (not response.is_locked) and access.can_edit_section(user, response, section)
        for section in sections.values()
    }
    return _Context(
        response=response,
        questions=questions,
        answers=reading.visible_answers(user, response),
        sections=list(sections.values()),
        editable=editable,
    )


def workbook_build(*, response: Response, user) -> bytes:
    """The response with the answers `user` may read, as an XLSX workbook to fill in offline."""
    context = _context(response, user)
    workbook = Workbook()
    taken: set[str] = set()
    cover = workbook.active
    cover.title = sheet_title(_("Cover"), taken)
    lists = _Lists(workbook)

    sheets: dict[str, int] = {}
    versions: dict[str, list] = {}
    skipped: set[int] = set()
    for section in context.sections:
        title = sheet_title(f"{section.number} {section.title}", taken)
        sheets[title] = section.pk
        sheet = workbook.create_sheet(title)
        _prepare_section_sheet(sheet, section, context.editable[section.pk])
        writer = _SheetWriter(sheet, lists, context.editable[section.pk])
        row = 4
        for question in (q for q in context.questions if q.section_id == section.pk):
            answer = context.answers.get(question.pk)
            versions[str(question.pk)] = [
                answer.version if answer else 0,
                fingerprint(answer.value if answer else None),
            ]
            row = _write_question(writer, row, question, answer)
        skipped |= writer.skipped
        _protect(sheet)
    workbook.move_sheet(LISTS_SHEET, offset=len(workbook.sheetnames))

    meta = {
        "format": FORMAT,
        "response": str(response.pk),
        "questionnaire": str(response.questionnaire_id),
        "version": str(response.questionnaire.version),
        "country": response.evaluation.country.iso_code,
        "sheets": json.dumps(sheets, ensure_ascii=False, sort_keys=True),
        "answers": json.dumps(versions, sort_keys=True),
        "skip": json.dumps(sorted(skipped)),
        "downloaded": timezone.now().isoformat(timespec="seconds"),
    }
    meta["checksum"] = _signature(meta)
    _write_cover(cover, response, meta, locked=response.is_locked)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _prepare_section_sheet(sheet: Worksheet, section: Section, editable: bool) -> None:
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 34
    for column in range(FIRST_ANSWER_COLUMN, FIRST_ANSWER_COLUMN + 10):
        sheet.column_dimensions[get_column_letter(column)].width = 15
    sheet.merge_cells("B1:H1")
    _put(sheet["B1"], str(section), font=Font(bold=True, size=14, color=BRAND))
    note = (
        _("Fill in the yellow cells. Do not change the codes in column A.")
        if editable
        else _("Read only: this section is answered by a colleague or the response is locked.")
    )
    sheet.merge_cells("B2:H2")
    _put(sheet["B2"], note, font=Font(italic=True), alignment=WRAP)
    sheet.freeze_panes = "A4"


def _protect(sheet: Worksheet) -> None:
    """Protected without a password: it prevents accidents (moved codes, broken tables); the
    signed control block and the full validation on upload are the real guard."""
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.formatCells = False


def _write_cover(cover: Worksheet, response: Response, meta: dict[str, str], locked: bool):
    cover.column_dimensions["A"].width = 28
    cover.column_dimensions["B"].width = 90
    _put(cover["A1"], str(response.questionnaire.title), font=Font(bold=True, size=15, color=BRAND))
    facts = [
        (_("Organisation"), str(response.organisation.name)),
        (_("Country"), str(response.evaluation.country.name)),
        (_("Questionnaire version"), str(response.questionnaire.version)),
        (_("Due"), response.due_on.strftime("%d.%m.%Y")),
        (_("Status"), str(response.get_status_display())),
        (_("Downloaded"), timezone.localtime().strftime("%d.%m.%Y %H:%M")),
    ]
    for row, (name, value) in enumerate(facts, start=3):
        _put(cover.cell(row, 1), name, font=Font(bold=True))
        _put(cover.cell(row, 2), value, alignment=WRAP)
    steps = [
        _("How to work offline"),
        _("1. Answer in the yellow cells of each section sheet. Grey cells are read only."),
        _(
            "2. Keep the sheet names, the codes in column A and this cover as they are: they tie "
            "each cell to its question."
        ),
        _(
            "3. Save the file as an Excel workbook (.xlsx) and upload it on the response page of "
            "the portal."
        ),
        _(
            "4. Every cell is checked before anything is saved. If a cell is wrong, nothing is "
            "saved and you get the list of cells to correct (sheet, cell and question)."
        ),
        _(
            "5. Answers a colleague saved in the portal after your download are kept unless you "
            "changed them too; then the upload stops and names them, so nothing is overwritten."
        ),
        _("Files (documents, scans) are uploaded in the portal, not in this workbook."),
    ]
    if locked:
        steps.insert(
            1,
            _("This response is submitted and locked: this workbook is for reading only."),
        )
    for offset, text in enumerate(steps):
        cell = _put(cover.cell(11 + offset, 1), text, alignment=WRAP)
        cover.merge_cells(start_row=11 + offset, start_column=1, end_row=11 + offset, end_column=2)
        cell.font = Font(bold=offset == 0)
        cover.row_dimensions[11 + offset].height = _row_height(text, 110)
    _put(cover.cell(META_FIRST_ROW, 1), META_MARKER)
    for offset, key in enumerate(sorted(meta), start=1):
        _put(cover.cell(META_FIRST_ROW + offset, 1), key)
        _put(cover.cell(META_FIRST_ROW + offset, 2), meta[key])
    for row in range(META_FIRST_ROW, META_FIRST_ROW + len(meta) + 1):
        cover.row_dimensions[row].hidden = True
    _protect(cover)


# --- reading ------------------------------------------------------------------------------


@dataclass
class _Read:
    """One question as read from the workbook: form data, and where each field sits."""

    question: Question
    sheet: str
    data: dict[str, str]
    cells: dict[str, str]
    main_cell: str
    section_editable: bool


def _check_file(uploaded) -> list[WorkbookError]:
    """The checks made before the workbook is parsed: its name, its zip directory and the cells
    its sheets declare (monitoring.upload_limits), its type by content."""
    name = getattr(uploaded, "name", "") or ""
    if not name.lower().endswith(".xlsx"):
        return [WorkbookError(_("Upload the workbook as an Excel file (.xlsx)."))]
    try:
        with zipfile.ZipFile(uploaded) as archive:
            upload_limits.check_workbook(archive)
    except zipfile.BadZipFile:
        pass  # check_upload says what the file is not
    except ValidationError as error:
        return [WorkbookError(" ".join(error.messages))]
    finally:
        uploaded.seek(0)
    try:
        check_upload(uploaded)
    except ValidationError as error:
        return [
            WorkbookError(
                " ".join(error.messages)
                + " "
                + _("The file must be the Excel workbook (.xlsx) downloaded from this page.")
            )
        ]
    return []


def _load(uploaded) -> tuple[Book, Book] | None:
    """The workbook's values and formulas, read in read-only mode and stopped past the cell
    limit (ValidationError); None when it cannot be read."""
    content = uploaded.read()
    uploaded.seek(0)
    try:
        values = upload_limits.read_workbook(content, data_only=True)
        formulas = upload_limits.read_workbook(content, data_only=False)
    except ValidationError:
        raise
    except Exception:  # openpyxl raises many kinds of errors on a broken file
        return None
    return (values, formulas) if values.worksheets else None


def _read_meta(workbook: Book) -> tuple[dict[str, str], dict[str, str], str] | None:
    """The control block: values, the cell of each value, and the cover's sheet title."""
    cover = workbook.worksheets[0]
    for row in range(1, min(cover.max_row, 200) + 1):
        if cell_text(cover.cell(row, 1).value) == META_MARKER:
            meta, cells = {}, {}
            for offset in range(1, 30):
                key = cell_text(cover.cell(row + offset, 1).value)
                if not key:
                    break
                meta[key] = cell_text(cover.cell(row + offset, 2).value)
                cells[key] = f"B{row + offset}"
            return meta, cells, cover.title
    return None


def _meta_errors(meta: dict[str, str], cells: dict[str, str], cover: str, response: Response):
    def error(message: str, key: str) -> list[WorkbookError]:
        return [WorkbookError(message, cover, cells.get(key, ""))]

    download_again = _("Download a new workbook from this response's page.")
    questionnaire = response.questionnaire
    if meta.get("format") != FORMAT:
        return error(
            _("This workbook comes from another version of the platform.") + " " + download_again,
            "format",
        )
    if meta.get("version") != str(questionnaire.version):
        return error(
            _(
                "This workbook was made for version %(theirs)s of the questionnaire; this "
                "response uses version %(ours)s."
            )
            % {"theirs": meta.get("version") or "?", "ours": questionnaire.version}
            + " "
            + download_again,
            "version",
        )
    if meta.get("questionnaire") != str(questionnaire.pk):
        return error(
            _("This workbook belongs to another questionnaire.") + " " + download_again,
            "questionnaire",
        )
    country = response.evaluation.country
    if meta.get("country") != country.iso_code:
        return error(
            _(
                "This workbook was made for the response of another country (%(theirs)s); this "
                "response is %(ours)s's."
            )
            % {"theirs": meta.get("country") or "?", "ours": country.name}
            + " "
            + download_again,
            "country",
        )
    if meta.get("response") != str(response.pk):
        return error(
            _("This workbook belongs to another response.") + " " + download_again, "response"
        )
    if not _signature_ok(meta):
        return error(
            _("The workbook's control block was changed, so its cells cannot be matched safely.")
            + " "
            + download_again,
            "checksum",
        )
    return []


class _SheetReader:
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


def _read_question(reader: _SheetReader, question: Question, row: int, end: int, editable: bool):
    """Map a question's block back to the portal's field names; None for file questions."""
    name = types.prefix(question)
    code = question.code
    config = question.config
    kind = question.question_type
    first = row + 2
    data: dict[str, str] = {}
    cells: dict[str, str] = {}
    main = reader.ref(first, FIRST_ANSWER_COLUMN)

    def take(field_name: str, r: int, c: int) -> str:
        text = reader.text(r, c, code)
        data[field_name] = text
        cells[field_name] = reader.ref(r, c)
        return text

    if kind == "file":
        return None
    if kind in ("short_text", "long_text", "number", "date"):
        take(name, first, FIRST_ANSWER_COLUMN)
    elif kind == "yes_no":
        raw = take(f"{name}-choice", first, FIRST_ANSWER_COLUMN)
        data[f"{name}-choice"] = _yes_no_labels().get(_norm(raw), raw)
        take(f"{name}-explanation", first + 1, FIRST_ANSWER_COLUMN)
    elif kind == "single_choice":
        raw = take(name, first, FIRST_ANSWER_COLUMN)
        data[name] = _labels(config.get("choices", [])).get(_norm(raw), raw) if raw else ""
    elif kind == "multiple_choice":
        chosen = []
        for offset, choice in enumerate(config.get("choices", [])):
            r = first + offset
            if _norm(reader.text(r, 2, code)) not in _labels([choice]):
                reader.mismatch(r, 2, code, types.label(choice))
                continue
            mark = _norm(reader.text(r, FIRST_ANSWER_COLUMN, code))
            if mark in CHECKED:
                chosen.append(choice["key"])
            elif mark not in UNCHECKED:
                reader.errors.append(
                    WorkbookError(
                        _("Mark the option with x, or leave the cell empty."),
                        reader.title,
                        reader.ref(r, FIRST_ANSWER_COLUMN),
                        code,
                    )
                )
        data[name] = ";".join(chosen)
    elif kind == "table":
        table = types.TABLE
        columns, rows = table.columns(config), table.rows(config)
        for offset, column in enumerate(columns):
            c = FIRST_ANSWER_COLUMN + offset
            if _norm(reader.text(first, c, code)) not in _labels([column]):
                reader.mismatch(first, c, code, types.label(column))
                return None
        for index, row_item in enumerate(rows, start=1):
            if _norm(reader.text(first + index, 2, code)) not in _labels([row_item]):
                reader.mismatch(first + index, 2, code, types.label(row_item))
                return None
            for offset, column in enumerate(columns):
                take(
                    table.cell(question, row_item["key"], column["key"]),
                    first + index,
                    FIRST_ANSWER_COLUMN + offset,
                )
        main = reader.ref(first + 1, FIRST_ANSWER_COLUMN)
    else:  # repeating group
        columns = config.get("columns", [])
        index = 0
        for r in range(first + 1, end + 1):
            texts = [reader.text(r, FIRST_ANSWER_COLUMN + o, code) for o in range(len(columns))]
            if not any(texts):
                continue
            if index >= types.values.MAX_REPEATING_ROWS:
                reader.errors.append(
                    WorkbookError(
                        _("At most %(max)s rows are read; move the rest to the portal.")
                        % {"max": types.values.MAX_REPEATING_ROWS},
                        reader.title,
                        reader.ref(r, FIRST_ANSWER_COLUMN),
                        code,
                    )
                )
                break
            for offset, column in enumerate(columns):
                field_name = f"{name}-{index}-{column['key']}"
                data[field_name] = texts[offset]
                cells[field_name] = reader.ref(r, FIRST_ANSWER_COLUMN + offset)
            index += 1
        main = reader.ref(first + 1, FIRST_ANSWER_COLUMN)
    return _Read(question, reader.title, data, cells, main, editable)


def _read_workbook(
    values: Book,
    formulas: Book,
    meta: dict[str, str],
    context: _Context,
    errors: list[WorkbookError],
) -> list[_Read]:
    sections = {section.pk: section for section in context.sections}
    by_code = {(q.section_id, q.code): q for q in context.questions}
    try:
        skipped = {int(pk) for pk in json.loads(meta.get("skip") or "[]")}
    except (ValueError, TypeError):
        skipped = set()
    read: list[_Read] = []
    try:
        sheets = {title: int(pk) for title, pk in json.loads(meta.get("sheets") or "{}").items()}
    except (ValueError, TypeError, AttributeError):
        sheets = {}
    for title, section_pk in sheets.items():
        section = sections.get(section_pk)
        if section is None:
            continue  # a section without questions for this response
        if title not in values.sheetnames:
            errors.append(
                WorkbookError(
                    _("The sheet of section %(number)s is missing; keep the sheet names.")
                    % {"number": section.number},
                    title,
                )
            )
            continue
        reader = _SheetReader(values[title], formulas[title], errors)
        anchors: list[tuple[int, Question]] = []
        seen: set[str] = set()
        last_row = values[title].max_row
        for row in range(1, last_row + 1):
            code = cell_text(values[title].cell(row, 1).value)
            if not code:
                continue
            question = by_code.get((section_pk, code))
            if question is None:
                errors.append(
                    WorkbookError(
                        _(
                            "Unknown question code: section %(number)s has no question "
                            "“%(code)s”. Keep the codes in column A as they were downloaded."
                        )
                        % {"number": section.number, "code": code},
                        title,
                        f"A{row}",
                        code,
                    )
                )
            elif code in seen:
                errors.append(
                    WorkbookError(
                        _("This question code appears twice in the sheet."), title, f"A{row}", code
                    )
                )
            else:
                seen.add(code)
                anchors.append((row, question))
        for index, (row, question) in enumerate(anchors):
            if question.pk in skipped:
                continue
            end = anchors[index + 1][0] - 1 if index + 1 < len(anchors) else last_row
            item = _read_question(reader, question, row, end, context.editable[section_pk])
            if item is not None:
                read.append(item)
    return read


def _conflict_error(item: _Read) -> WorkbookError:
    return WorkbookError(
        _(
            "Someone else saved this answer after you downloaded the workbook, and you changed "
            "it too. Compare both in the portal, then download a new workbook."
        ),
        item.sheet,
        item.main_cell,
        item.question.code,
    )


def _open(response: Response, uploaded_file):
    """The workbook's two views (values, formulas) and its control block, or the errors that
    stop the upload before any cell is read."""
    if response.is_locked:
        return None, [
            WorkbookError(
                _(
                    "This response was submitted and is locked: the workbook cannot be "
                    "uploaded. Ask the secretariat to reopen it."
                )
            )
        ]
    errors = _check_file(uploaded_file)
    if errors:
        return None, errors
    try:
        loaded = _load(uploaded_file)
    except ValidationError as error:
        return None, [WorkbookError(" ".join(error.messages))]
    if loaded is None:
        return None, [
            WorkbookError(
                _(
                    "The file could not be read as an Excel workbook. Save it again as .xlsx "
                    "and upload it."
                )
            )
        ]
    values, formulas = loaded
    found = _read_meta(values)
    if found is None:
        return None, [
            WorkbookError(
                _(
                    "This workbook was not downloaded from this platform: its control block "
                    "is missing. Download the workbook from this response's page."
                ),
                values.worksheets[0].title,
            )
        ]
    meta, meta_cells, cover = found
    errors = _meta_errors(meta, meta_cells, cover, response)
    return (None, errors) if errors else ((values, formulas, meta), [])


def _plan(
    read: list[_Read], context: _Context, downloaded: dict, result: ImportResult
) -> list[tuple[_Read, int]]:
    """Parse every question read; count the unchanged ones; list the changes to save with the
    version they were downloaded at. Problems go to `result.errors`."""
    to_save: list[tuple[_Read, int]] = []
    for item in read:
        question = item.question
        parsed = types.parse(question, item.data)
        if not parsed.ok:
            result.errors += [
                WorkbookError(
                    message, item.sheet, item.cells.get(name, item.main_cell), question.code
                )
                for name, message in parsed.errors.items()
            ]
            continue
        answer = context.answers.get(question.pk)
        new = fingerprint(parsed.value)
        if new == fingerprint(answer.value if answer else None):
            result.unchanged += 1
            continue
        then_version, then_fingerprint = downloaded.get(str(question.pk), [0, ""])
        if new == then_fingerprint:
            result.kept += 1  # untouched in the workbook; a colleague's newer answer stays
        elif not item.section_editable:
            result.errors.append(
                WorkbookError(
                    _("You may not answer this section, so this change cannot be saved."),
                    item.sheet,
                    item.main_cell,
                    question.code,
                )
            )
        elif (answer.version if answer else 0) != then_version:
            result.errors.append(_conflict_error(item))
        else:
            to_save.append((item, then_version))
    return to_save


def _save(response: Response, to_save: list[tuple[_Read, int]], actor) -> int:
    """Every change, or none: one transaction, one `answer_save` (one revision) per answer."""
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.is_locked:
            raise _Abort([WorkbookError(_("This response was submitted meanwhile and is locked."))])
        for item, version in to_save:
            outcome = services.answer_save(
                response=locked,
                question=item.question,
                data=item.data,
                actor=actor,
                expected_version=version,
            )
            if outcome.conflict is not None:
                raise _Abort([_conflict_error(item)])
            if outcome.errors:
                raise _Abort(
                    [
                        WorkbookError(message, item.sheet, item.main_cell, item.question.code)
                        for message in outcome.errors.values()
                    ]
                )
    return len(to_save)


def workbook_import(*, response: Response, uploaded_file, actor) -> ImportResult:
    """Validate a filled-in workbook in full; save its changed answers only if all is valid."""
    opened, errors = _open(response, uploaded_file)
    if opened is None:
        return ImportResult(errors=errors)
    values, formulas, meta = opened
    context = _context(response, actor)
    result = ImportResult()
    read = _read_workbook(values, formulas, meta, context, result.errors)
    to_save = _plan(read, context, json.loads(meta.get("answers") or "{}"), result)
    if result.errors:
        return ImportResult(errors=result.errors)
    try:
        result.updated = _save(response, to_save, actor)
    except _Abort as abort:
        return ImportResult(errors=abort.errors)
    except (ValidationError, PermissionDenied) as error:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        return ImportResult(errors=[WorkbookError(" ".join(messages))])
    response.refresh_from_db()
    return result
