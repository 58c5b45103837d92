"""Panels of the back office's home page: each app adds the work it owns, for the roles that do
it, through Wagtail's `construct_homepage_panels` hook. A panel is a heading and lines of work,
each linking straight to the screen where that work is done."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.admin.ui.components import Component


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
