"""Reading a table that a person uploads (CSV or XLSX) into rows of text, safely.

Shared by the imports (recommendations, national figures) and the offline questionnaire: the
size is limited before the body is read, a workbook's zip directory and declared cells before it
is parsed (monitoring.upload_limits), the cells and rows while it is read; a file of another type,
a damaged or oversized one and a CSV in another encoding get a clear message, and the header must
name known columns.
"""

from __future__ import annotations

import csv
import io
import secrets
import zipfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from functools import wraps

import filetype
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from monitoring import upload_limits


class UploadSizeLimit(FileUploadHandler):
    """Stops reading an upload as soon as it passes the limit, so a huge file is never kept;
    the view finds `request.upload_too_large` and answers with a clear message.

    It must be installed before the body is read, and CSRF reads it: `size_limited` does both
    in that order."""

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def size_limited(limit: Callable[[], int]):
    """A view taking an upload: the size limit (`limit()` bytes) is installed before the body is
    read, and CSRF (which reads the body) is checked after it, as Django's documentation shows
    for upload handlers."""

    def decorator(view):
        protected = csrf_protect(view)

        @csrf_exempt
        @wraps(view)
        def limited(request, *args, **kwargs):
            request.upload_handlers.insert(0, UploadSizeLimit(request, limit()))
            return protected(request, *args, **kwargs)

        return limited

    return decorator


def too_large(limit: int) -> str:
    megabytes = limit / (1024 * 1024)
    shown = int(megabytes) if megabytes.is_integer() else round(megabytes, 1)
    return _("The file is too large; the limit is %(limit)s MB.") % {"limit": shown}


def _not_a_table() -> ValidationError:
    return ValidationError(_("This is not a CSV or XLSX file. Save the table as CSV or XLSX."))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()  # a date cell, as the CSV of the same table writes it
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes) -> list[list[str]]:
    unreadable = ValidationError(
        _("The XLSX file could not be read. Save it again from your spreadsheet program.")
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise _not_a_table()
            upload_limits.check_workbook(archive)
    except zipfile.BadZipFile:
        raise _not_a_table() from None
    try:
        book = upload_limits.read_workbook(data, first_sheet_only=True)
    except ValidationError:
        raise
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise unreadable from None
    rows = book.worksheets[0].rows if book.worksheets else []
    return [[_cell_text(value) for value in row] for row in rows]


def _read_csv(data: bytes) -> list[list[str]]:
    if b"\x00" in data or filetype.guess(data[:8192]) is not None:
        raise _not_a_table()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The CSV file is not in UTF-8. Save it as “CSV UTF-8” and upload it again.")
        ) from None
    first_line = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    limit = upload_limits.max_cells()
    rows, cells = [], 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            cells += max(len(row), 1)
            if cells > limit:
                raise upload_limits.too_many_cells()
            rows.append(row)
    except csv.Error as error:
        raise ValidationError(
            _("The CSV file could not be read: %(reason)s") % {"reason": error}
        ) from None
    return rows


def _columns(header: list[str]) -> list[str]:
    columns = [column.strip().lower() for column in header]
    while columns and not columns[-1]:  # empty cells a spreadsheet kept after the last column
        columns.pop()
    max_columns = settings.UPLOAD_TABLE_MAX_COLUMNS
    if len(columns) > max_columns:
        raise ValidationError(
            _("The file has %(count)s columns; at most %(limit)s are read.")
            % {"count": len(columns), "limit": max_columns}
        )
    twice = sorted({c for c in columns if c and columns.count(c) > 1})
    if twice:
        raise ValidationError(
            _("These columns appear twice: %(columns)s.") % {"columns": ", ".join(twice)}
        )
    return columns


def read_table(
    uploaded,
    *,
    columns: Sequence[tuple[str, bool]],
    ignored: Collection[str] = (),
    max_bytes: int,
    max_rows: int,
) -> list[dict]:
    """The rows of an uploaded CSV or XLSX file, as dicts of stripped text with a "row" key (the
    spreadsheet's row number; the header is row 1). `columns` are (name, required) pairs;
    `ignored` columns may be present (an export read back) and are dropped; a column without a
    name is dropped too. Refuses a file of another type, too large or too long (checked before
    it is parsed, then while it is read: see monitoring.upload_limits), and a header missing a
    required column or naming an unknown one."""
    if uploaded.size > max_bytes:
        raise ValidationError(too_large(max_bytes))
    data = uploaded.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(too_large(max_bytes))
    if not data.strip():
        raise ValidationError(_("The file is empty."))
    table = _read_xlsx(data) if data.startswith(b"PK\x03\x04") else _read_csv(data)
    if not table:
        raise ValidationError(_("The file is empty."))
    header = _columns(table[0])
    known = {name for name, _required in columns}
    unknown = [c for c in header if c and c not in known | set(ignored)]
    if unknown:
        raise ValidationError(
            _("Unknown columns: %(columns)s. The columns are described in the help below.")
            % {"columns": ", ".join(unknown)}
        )
    missing = [name for name, required in columns if required and name not in header]
    if missing:
        raise ValidationError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    for number, values in enumerate(table[1:], start=2):
        by_name = {name: str(value).strip() for name, value in zip(header, values, strict=False)}
        row = {name: by_name.get(name, "") for name in known}
        if any(row.values()):
            if len(rows) == max_rows:
                raise ValidationError(
                    _("The file has more than %(limit)s rows; import at most %(limit)s at a time.")
                    % {"limit": max_rows}
                )
            rows.append({"row": number, **row})
    if not rows:
        raise ValidationError(_("The file has no rows to import."))
    return rows


@dataclass
class Upload:
    """A bound upload form and the rows of its file, or why there are none (`status`)."""

    form: forms.Form
    rows: list[dict] | None = None
    error: str = ""
    status: int = 200


def read_upload(
    request, form_class: type[forms.Form], *, read_file: Callable, too_large_message: Callable
) -> Upload:
    """Bind `form_class` to the request (the body read through the size limit, see
    `size_limited`) and read its `file` with `read_file`. A GET gives the empty form."""
    if request.method != "POST":
        return Upload(form_class())
    form = form_class(request.POST, request.FILES)
    if getattr(request, "upload_too_large", False):
        return Upload(form_class(), error=too_large_message(), status=413)
    if not form.is_valid():
        return Upload(form, status=400)
    try:
        return Upload(form, rows=read_file(form.cleaned_data["file"]))
    except ValidationError as error:
        return Upload(form, error=" ".join(error.messages), status=400)


def upload_page_context(*, columns: Sequence[tuple[str, bool]], max_bytes: int, max_rows: int):
    """What the upload form template (monitoring/includes/table_upload_form.html) shows."""
    return {
        "header_icon": "upload",
        "columns": columns,
        "max_mb": max_bytes // (1024 * 1024),
        "max_rows": max_rows,
    }


def keep_preview(request, key: str, *, filename: str, rows: list[dict], **pending) -> str:
    """Keep what a preview showed (JSON: the file's name, its rows as they will be confirmed,
    and whatever else the import needs) in the session until it is confirmed or discarded; the
    token goes in the confirmation form. A new preview of the same import replaces it."""
    token = secrets.token_urlsafe(16)
    request.session[key] = {"token": token, "filename": filename, "rows": rows, **pending}
    return token


def kept_preview(request, key: str) -> dict | None:
    """What the preview kept under `key`, left in the session (its page shows it again, the
    back office's home lists it); None when nothing waits for confirmation."""
    pending = request.session.get(key)
    if not isinstance(pending, dict) or not pending.get("token"):
        return None
    return pending


def take_preview(request, key: str) -> dict | None:
    """What the preview kept, if the posted token is its own; taken out of the session, so a
    second confirmation (a double submit) finds nothing. None when there is nothing to do."""
    pending = kept_preview(request, key)
    if pending is None or pending["token"] != request.POST.get("token"):
        return None
    del request.session[key]
    return pending


def discard_preview(request, key: str) -> None:
    """Drop the kept preview whose token was posted (nothing of it was saved), and say so."""
    pending = take_preview(request, key)
    if pending is None:
        messages.warning(
            request, _("This import was already confirmed or discarded. Nothing was changed.")
        )
    else:
        messages.success(
            request,
            _("The import of %(filename)s was discarded. Nothing was saved.")
            % {"filename": pending["filename"]},
        )


def stale_preview_message() -> str:
    """What a kept preview says when its rows, checked again, no longer pass."""
    return _(
        "Since the preview, the table no longer passes its checks, so it cannot be confirmed."
        " Discard it and upload a corrected table."
    )
