"""Reading an uploaded workbook back: the file's checks, its control block, then each
question's block found by its code in column A, its cells read by its type into the portal's
form fields."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from monitoring import upload_limits
from monitoring.upload_limits import Book
from monitoring.uploads import check_upload

from .. import types
from ..models import Question, Response
from .cells import FIRST_ANSWER_COLUMN, Block, SheetReader
from .context import Context
from .control import FORMAT, META_MARKER, WorkbookError, cell_text, signature_ok


@dataclass
class Read:
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
    if not signature_ok(meta):
        return error(
            _("The workbook's control block was changed, so its cells cannot be matched safely.")
            + " "
            + download_again,
            "checksum",
        )
    return []


def read_question(reader: SheetReader, question: Question, row: int, end: int, editable: bool):
    """Map a question's block back to the portal's field names; None when its type does not
    read it back (files) or its layout was changed."""
    first = row + 2
    block = Block(
        reader=reader,
        code=question.code,
        first=first,
        end=end,
        main=reader.ref(first, FIRST_ANSWER_COLUMN),
    )
    if types.answer_type(question).read_cells(block, question) is None:
        return None
    return Read(question, reader.title, block.data, block.cells, block.main, editable)


def read_workbook(
    values: Book,
    formulas: Book,
    meta: dict[str, str],
    context: Context,
    errors: list[WorkbookError],
) -> list[Read]:
    sections = {section.pk: section for section in context.sections}
    by_code = {(q.section_id, q.code): q for q in context.questions}
    try:
        skipped = {int(pk) for pk in json.loads(meta.get("skip") or "[]")}
    except (ValueError, TypeError):
        skipped = set()
    read: list[Read] = []
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
        reader = SheetReader(values[title], formulas[title], errors)
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
            item = read_question(reader, question, row, end, context.editable[section_pk])
            if item is not None:
                read.append(item)
    return read


def open_workbook(response: Response, uploaded_file):
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
