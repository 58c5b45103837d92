"""Placeholders: text still to be agreed or completed in a draft.

A drafting committee leaves square brackets where the wording is not settled ("[...]",
"[2-м и 3-м]") and marks passages "to be completed". One pattern finds them all, for the
editor's highlighting (the pattern is handed to the page, so the browser and the server agree),
the checklist's counts and the checks that keep them from the government and the public.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

from django.utils.html import strip_tags

# Square brackets around anything on one line, or the phrases drafters use in either language.
PLACEHOLDER_PATTERN = (
    r"\[[^\[\]\n]{0,300}\]"
    r"|\b(?:to be completed|to be confirmed|TBC)\b"
    r"|(?:подлежит (?:заполнению|уточнению)|будет дополнено)"
)
PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN, re.IGNORECASE)


def find_placeholders(text: str) -> list[str]:
    """Every placeholder in `text` (plain or HTML), as written, in order."""
    if not text:
        return []
    return list(_placeholders_in(text))


@lru_cache(maxsize=8192)
def _placeholders_in(text: str) -> tuple[str, ...]:
    # Kept per text: the editor's checklist looks through every paragraph on each view.
    return tuple(PLACEHOLDER.findall(unescape(strip_tags(text))))
