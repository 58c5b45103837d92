"""What the report editor's Draftail posts: its contentstate JSON, made from HTML by Wagtail's own
converter with the editor's features, as the browser would send it for that text."""

from __future__ import annotations

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from reports.rich_text import PARAGRAPH_FEATURES, PLAIN_TEXT_FEATURES


def contentstate_for(html: str, features=PARAGRAPH_FEATURES) -> str:
    """The JSON the paragraph editor posts for `html` (Wagtail's database format)."""
    return ContentstateConverter(features).from_database_format(html)


def plain_contentstate_for(text: str) -> str:
    """The JSON the recommendation editor posts for plain `text` (one paragraph per line)."""
    from html import escape

    html = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
    return contentstate_for(html, PLAIN_TEXT_FEATURES)


def html_in(posted: str) -> str:
    """The sanitised HTML a posted or rendered paragraph editor value stands for (the block keys
    Draftail adds are not part of the text)."""
    from reports.html import sanitise

    return sanitise(ContentstateConverter(PARAGRAPH_FEATURES).to_database_format(posted))


def text_in(posted: str) -> str:
    """The plain text a posted or rendered recommendation editor value stands for."""
    import json

    return " ".join(block["text"] for block in json.loads(posted)["blocks"] if block["text"])
