"""Panels of the back office's home page: each app adds the work it owns, for the roles that do
it, through Wagtail's `construct_homepage_panels` hook. A panel is a heading and lines of work,
each linking straight to the screen where that work is done.

The imports waiting for confirmation are one panel for all imports: the app owning an import
registers it (`KeptImport`, hook `register_import_awaiting_confirmation`) and the panel reads
its kept preview from the session (monitoring.table_upload)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import access, table_upload


@dataclass(frozen=True)
class WorkLine:
    text: str
    url: str
    detail: str = ""
    urgent: bool = False


class WorkPanel(Component):
    template_name = "monitoring/home_panel.html"

    def __init__(self, *, name: str, heading: str, lines: list[WorkLine], empty: str, order: int):
        self.name = name
        self.heading = heading
        self.lines = lines
        self.empty = empty
        self.order = order

    def get_context_data(self, parent_context):
        return {"panel": self}


# --- imports waiting for confirmation ---------------------------------------------------------

IMPORTS_HOOK = "register_import_awaiting_confirmation"


@dataclass(frozen=True)
class KeptImport:
    """An import whose preview waits in the session for its confirmation
    (monitoring.table_upload.keep_preview): the session key it keeps it under, what it imports
    and the page that shows the kept preview again. The app owning the import registers a
    function returning one with the `register_import_awaiting_confirmation` hook."""

    session_key: str
    name: str
    preview_url: str


def imports_panels(request) -> list[WorkPanel]:
    """The secretariat's previewed imports not yet confirmed (in this session: nothing is saved
    before the confirmation), each linking to its preview page."""
    if not access.principal_for(request.user).is_secretariat:
        return []
    lines = []
    for provider in hooks.get_hooks(IMPORTS_HOOK):
        kept = provider()
        pending = table_upload.kept_preview(request, kept.session_key)
        if pending is None:
            continue
        count = len(pending["rows"])
        lines.append(
            WorkLine(
                text=f"{kept.name}: {pending['filename']}",
                url=kept.preview_url,
                detail=ngettext("%(count)s row", "%(count)s rows", count) % {"count": count},
            )
        )
    return [
        WorkPanel(
            name="imports-waiting",
            heading=_("Imports waiting for confirmation"),
            lines=lines,
            empty=_("No import is waiting for confirmation."),
            order=16,
        )
    ]
