"""Applying an uploaded workbook: every question read is parsed by the portal's own parser;
the changes are planned against the versions at download time and saved all or none."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import services, types
from ..models import Response
from .context import Context, response_context
from .control import Abort, ImportResult, WorkbookError, fingerprint
from .read import Read, open_workbook, read_workbook


def _conflict_error(item: Read) -> WorkbookError:
    return WorkbookError(
        _(
            "Someone else saved this answer after you downloaded the workbook, and you changed "
            "it too. Compare both in the portal, then download a new workbook."
        ),
        item.sheet,
        item.main_cell,
        item.question.code,
    )


def _plan(
    read: list[Read], context: Context, downloaded: dict, result: ImportResult
) -> list[tuple[Read, int]]:
    """Parse every question read; count the unchanged ones; list the changes to save with the
    version they were downloaded at. Problems go to `result.errors`."""
    to_save: list[tuple[Read, int]] = []
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


def _save(response: Response, to_save: list[tuple[Read, int]], actor) -> int:
    """Every change, or none: one transaction, one `answer_save` (one revision) per answer."""
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.is_locked:
            raise Abort([WorkbookError(_("This response was submitted meanwhile and is locked."))])
        for item, version in to_save:
            outcome = services.answer_save(
                response=locked,
                question=item.question,
                data=item.data,
                actor=actor,
                expected_version=version,
            )
            if outcome.conflict is not None:
                raise Abort([_conflict_error(item)])
            if outcome.errors:
                raise Abort(
                    [
                        WorkbookError(message, item.sheet, item.main_cell, item.question.code)
                        for message in outcome.errors.values()
                    ]
                )
    return len(to_save)


def workbook_import(*, response: Response, uploaded_file, actor) -> ImportResult:
    """Validate a filled-in workbook in full; save its changed answers only if all is valid."""
    opened, errors = open_workbook(response, uploaded_file)
    if opened is None:
        return ImportResult(errors=errors)
    values, formulas, meta = opened
    context = response_context(response, actor)
    result = ImportResult()
    read = read_workbook(values, formulas, meta, context, result.errors)
    to_save = _plan(read, context, json.loads(meta.get("answers") or "{}"), result)
    if result.errors:
        return ImportResult(errors=result.errors)
    try:
        result.updated = _save(response, to_save, actor)
    except Abort as abort:
        return ImportResult(errors=abort.errors)
    except (ValidationError, PermissionDenied) as error:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        return ImportResult(errors=[WorkbookError(" ".join(messages))])
    response.refresh_from_db()
    return result
