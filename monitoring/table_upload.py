"""Reading a table that a person uploads (CSV or XLSX) into rows of text, safely.

Shared by the imports (recommendations, national figures) and the offline questionnaire: the
size is limited before the body is read, a file of another type, a damaged or oversized workbook
and a CSV in another encoding get a clear message, and the header must name known columns.
"""

from __future__ import annotations

import csv
import io
import secrets
import zipfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import wraps

import filetype
import pandas as pd
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

MAX_UNPACKED_BYTES = 50 * 1024 * 1024


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


def _read_xlsx(data: bytes) -> pd.DataFrame:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise _not_a_table() from None
    if "xl/workbook.xml" not in names:
        raise _not_a_table()
    if unpacked > MAX_UNPACKED_BYTES:  # a zip bomb
        raise ValidationError(too_large(MAX_UNPACKED_BYTES))
    try:
        return pd.read_excel(io.BytesIO(data), dtype=str, keep_default_na=False, engine="openpyxl")
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise ValidationError(
            _("The XLSX file could not be read. Save it again from your spreadsheet program.")
        ) from None


def _read_csv(data: bytes) -> pd.DataFrame:
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
    try:
        return pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            engine="python",
            skip_blank_lines=False,
        )
    except (pd.errors.ParserError, csv.Error) as error:
        raise ValidationError(
            _("The CSV file could not be read: %(reason)s") % {"reason": error}
        ) from None


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
    `ignored` columns may be present (an export read back) and are dropped. Refuses a file of
    another type, too large or too long, and a header missing a required column or naming an
    unknown one."""
    if uploaded.size > max_bytes:
        raise ValidationError(too_large(max_bytes))
    data = uploaded.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(too_large(max_bytes))
    if not data.strip():
        raise ValidationError(_("The file is empty."))
    frame = _read_xlsx(data) if data.startswith(b"PK\x03\x04") else _read_csv(data)
    frame.columns = [str(column).strip().lower() for column in frame.columns]
    known = {name for name, _required in columns}
    unknown = [
        c for c in frame.columns if c not in known | set(ignored) and not c.startswith("unnamed")
    ]
    if unknown:
        raise ValidationError(
            _("Unknown columns: %(columns)s. The columns are described in the help below.")
            % {"columns": ", ".join(unknown)}
        )
    missing = [name for name, required in columns if required and name not in frame.columns]
    if missing:
        raise ValidationError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    for index, values in enumerate(frame.to_dict("records")):
        row = {name: str(values.get(name, "")).strip() for name in known}
        if any(row.values()):
            rows.append({"row": index + 2, **row})
    if not rows:
        raise ValidationError(_("The file has no rows to import."))
    if len(rows) > max_rows:
        raise ValidationError(
            _("The file has %(count)s rows; import at most %(limit)s at a time.")
            % {"count": len(rows), "limit": max_rows}
        )
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


def keep_preview(request, key: str, **pending) -> str:
    """Keep what a preview showed (JSON) in the session until it is confirmed; the token goes
    in the confirmation form."""
    token = secrets.token_urlsafe(16)
    request.session[key] = {"token": token, **pending}
    return token


def take_preview(request, key: str) -> dict | None:
    """What the preview kept, if the posted token is its own; taken out of the session, so a
    second confirmation (a double submit) finds nothing. None when there is nothing to do."""
    pending = request.session.get(key)
    if not pending or pending.get("token") != request.POST.get("token"):
        return None
    del request.session[key]
    return pending
