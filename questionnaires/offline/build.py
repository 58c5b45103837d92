"""Writing the workbook: a cover with the signed control block, one sheet per section, each
question's block (code, text, hint) and its answer cells, written by its type."""

from __future__ import annotations

import io
import json

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from monitoring import display
from monitoring.spreadsheets import sheet_title

from .. import types
from ..models import Answer, Question, Response, Section
from .cells import (
    BRAND,
    FIRST_ANSWER_COLUMN,
    LISTS_SHEET,
    TEXT_SPAN,
    WRAP,
    Lists,
    SheetWriter,
    put,
    row_height,
)
from .context import response_context
from .control import FORMAT, META_FIRST_ROW, META_MARKER, fingerprint, signature


def _write_question(writer: SheetWriter, row: int, question: Question, answer: Answer | None):
    """Write one question's block from `row` (code, text, hint, answer cells); return the first
    row after it. Reading uses the same offsets: answer cells start two rows below the code."""
    sheet = writer.sheet
    put(sheet.cell(row, 1), question.code, font=Font(bold=True, color=BRAND), alignment=WRAP)
    sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=1 + TEXT_SPAN + 1)
    put(sheet.cell(row, 2), question.text, font=Font(bold=True), alignment=WRAP)
    sheet.row_dimensions[row].height = row_height(question.text, 100)
    kind = types.answer_type(question)
    hint = kind.hint(question)
    if answer and answer.is_confidential:
        hint += " " + _("Marked confidential: read by the expert group only.")
    if not writer.editable:
        hint += " " + _("Read only: you do not answer this section.")
    sheet.merge_cells(start_row=row + 1, start_column=2, end_row=row + 1, end_column=8)
    put(sheet.cell(row + 1, 2), hint, font=Font(italic=True, color="5F6B7A"), alignment=WRAP)
    return kind.write_cells(writer, row + 2, question, answer.value if answer else {})


def workbook_build(*, response: Response, user) -> bytes:
    """The response with the answers `user` may read, as an XLSX workbook to fill in offline."""
    context = response_context(response, user)
    workbook = Workbook()
    taken: set[str] = set()
    cover = workbook.active
    cover.title = sheet_title(_("Cover"), taken)
    lists = Lists(workbook)

    sheets: dict[str, int] = {}
    versions: dict[str, list] = {}
    skipped: set[int] = set()
    for section in context.sections:
        title = sheet_title(f"{section.number} {section.title}", taken)
        sheets[title] = section.pk
        sheet = workbook.create_sheet(title)
        _prepare_section_sheet(sheet, section, context.editable[section.pk])
        writer = SheetWriter(sheet, lists, context.editable[section.pk])
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
    meta["checksum"] = signature(meta)
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
    put(sheet["B1"], str(section), font=Font(bold=True, size=14, color=BRAND))
    note = (
        _("Fill in the yellow cells. Do not change the codes in column A.")
        if editable
        else _("Read only: this section is answered by a colleague or the response is locked.")
    )
    sheet.merge_cells("B2:H2")
    put(sheet["B2"], note, font=Font(italic=True), alignment=WRAP)
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
    put(cover["A1"], str(response.questionnaire.title), font=Font(bold=True, size=15, color=BRAND))
    facts = [
        (_("Organisation"), str(response.organisation.name)),
        (_("Country"), str(response.evaluation.country.name)),
        (_("Questionnaire version"), str(response.questionnaire.version)),
        (_("Due"), display.day(response.due_on)),
        (_("Status"), str(response.get_status_display())),
        (_("Downloaded"), display.day(timezone.now(), "datetime")),
    ]
    for row, (name, value) in enumerate(facts, start=3):
        put(cover.cell(row, 1), name, font=Font(bold=True))
        put(cover.cell(row, 2), value, alignment=WRAP)
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
        cell = put(cover.cell(11 + offset, 1), text, alignment=WRAP)
        cover.merge_cells(start_row=11 + offset, start_column=1, end_row=11 + offset, end_column=2)
        cell.font = Font(bold=offset == 0)
        cover.row_dimensions[11 + offset].height = row_height(text, 110)
    put(cover.cell(META_FIRST_ROW, 1), META_MARKER)
    for offset, key in enumerate(sorted(meta), start=1):
        put(cover.cell(META_FIRST_ROW + offset, 1), key)
        put(cover.cell(META_FIRST_ROW + offset, 2), meta[key])
    for row in range(META_FIRST_ROW, META_FIRST_ROW + len(meta) + 1):
        cover.row_dimensions[row].hidden = True
    _protect(cover)
