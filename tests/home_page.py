"""Reading the back office's home page (/admin/) as a person reads it: its work panels."""

from __future__ import annotations

from bs4 import BeautifulSoup

HOME = "/admin/"


def work_panels(client) -> dict[str, list[tuple[str, str]]]:
    """Each work panel's heading → its lines as (text, link)."""
    return {heading: lines for heading, (lines, _empty) in _read(client).items()}


def work_panel(client, heading: str) -> tuple[list[tuple[str, str]], str] | None:
    """One panel's lines as (text, link) and its empty-state text ("" when it has lines), or
    None when the home page has no panel of that heading."""
    return _read(client).get(heading)


def _read(client) -> dict[str, tuple[list[tuple[str, str]], str]]:
    response = client.get(HOME)
    assert response.status_code == 200, response
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    panels = {}
    for panel in soup.select("section.work-panel"):
        heading = panel.select_one("h2").get_text(" ", strip=True)
        lines = [
            (line.get_text(" ", strip=True), line.select_one("a")["href"])
            for line in panel.select(".work-panel__lines li")
        ]
        empty = panel.select_one(".work-panel__empty")
        panels[heading] = (lines, empty.get_text(" ", strip=True) if empty else "")
    return panels
