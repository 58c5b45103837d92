"""What writing and reading the workbook share: the control block (its marker, its fields and
their signature), answers' fingerprints, cell values as text, and the results of an upload."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.core import signing
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMAT = "1"
META_MARKER = "thb-monitoring-offline-workbook"
META_FIRST_ROW = 40
SIGNING_SALT = "questionnaires.offline.workbook"


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


class Abort(Exception):
    def __init__(self, errors: list[WorkbookError]):
        super().__init__("workbook import aborted")
        self.errors = errors


# --- shared by writing and reading -----------------------------------------------------


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


def signature(meta: dict[str, str]) -> str:
    return signing.Signer(salt=SIGNING_SALT).signature(_canonical(meta))


def _canonical(meta: dict[str, str]) -> str:
    return "\n".join(f"{key}={meta[key]}" for key in sorted(meta) if key != "checksum")


def signature_ok(meta: dict[str, str]) -> bool:
    try:
        signing.Signer(salt=SIGNING_SALT).unsign(
            f"{_canonical(meta)}{signing.Signer().sep}{meta.get('checksum', '')}"
        )
    except signing.BadSignature:
        return False
    return True
