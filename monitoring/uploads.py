"""Checks on uploaded files (answers, progress evidence, visit attachments): type by content (not
name), size, an office document's zip directory (no zip bomb), and a safe file name."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import upload_limits

# What each accepted format looks like inside: (extension, content types filetype reports).
ACCEPTED = {
    "pdf": {"application/pdf"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
    "docx": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/zip",
    },
    "xlsx": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/zip",
    },
    "odt": {"application/vnd.oasis.opendocument.text", "application/zip"},
}
OFFICE_MARKERS = {"docx": "word/", "xlsx": "xl/", "odt": "content.xml"}
SAFE_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}


def max_upload_bytes() -> int:
    return getattr(settings, "ANSWER_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)


@dataclass
class CheckedFile:
    name: str
    content_type: str
    size: int


def safe_name(name: str) -> str:
    """Keep letters (any script), digits, dot, dash and underscore; never a path."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    stem, _dot, extension = name.rpartition(".")
    stem = re.sub(r"[^\w.-]+", "_", stem or extension).strip("._")[:120] or "file"
    return f"{stem}.{extension.lower()}" if stem != extension else stem


def check_upload(uploaded) -> CheckedFile:
    extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    accepted = ", ".join(sorted({e.upper() for e in ACCEPTED if e != "jpeg"}))
    if extension not in ACCEPTED:
        raise ValidationError(
            _("This type of file is not accepted. Upload one of: %(types)s.") % {"types": accepted}
        )
    if uploaded.size > max_upload_bytes():
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(uploaded.size / 1048576, 1), "limit": max_upload_bytes() // 1048576}
        )
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ACCEPTED[extension]:
        raise ValidationError(
            _(
                "The file's content does not match its name (.%(extension)s). Save it again in the "
                "right format and upload it."
            )
            % {"extension": extension}
        )
    if extension in OFFICE_MARKERS:
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            names = []
        finally:
            uploaded.seek(0)
        if not any(name.startswith(OFFICE_MARKERS[extension]) for name in names):
            raise ValidationError(
                _(
                    "The file's content does not match its name (.%(extension)s). Save it again "
                    "in the right format and upload it."
                )
                % {"extension": extension}
            )
        upload_limits.check_document(uploaded)
    return CheckedFile(safe_name(uploaded.name), SAFE_CONTENT_TYPES[extension], uploaded.size)
