"""Shared PDF set-up for reportlab: a font with Cyrillic, shipped in the repository
(DejaVu Sans, free licence in monitoring/fonts/LICENSE-DejaVu.txt), the base styles, and the
one way user-written text enters a PDF.

reportlab's `Paragraph` (and the table of contents, which makes paragraphs of its entries)
reads its text as markup: `<img src="/any/file"/>` embeds a file of the server, `<font>` and
`<a href>` restyle or link, a malformed tag raises. So every string a user wrote goes through
`markup` (or `text_paragraph`) before it reaches a paragraph, and through `printable` before it
reaches `canvas.drawString` or the document's metadata. Rich text (report paragraphs) has its
own allow-list converter in reports/pdf.py, which escapes its text nodes with `markup` too."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"


@cache
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, FONTS / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, FONTS / "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )


# Per text language: the fonts (regular, bold) and pyphen's hyphenation dictionary. DejaVu Sans
# covers Latin and Cyrillic; a language in another script would name its own font here.
LANGUAGE_FONTS = {"en": (REGULAR, BOLD), "ru": (REGULAR, BOLD)}
HYPHENATION = {"en": "en_GB", "ru": "ru_RU"}


def in_language(style: ParagraphStyle, language: str, *, hyphenate: bool = True) -> ParagraphStyle:
    """`style` for a text written in `language`: that language's font (bold kept bold) and,
    for running text, its hyphenation (headings are not hyphenated). A paragraph shown in
    another language than the document's gets it too."""
    regular, bold = LANGUAGE_FONTS.get(language, (REGULAR, BOLD))
    return ParagraphStyle(
        style.name,  # the name says what the paragraph is (body, heading), not its language
        parent=style,
        fontName=bold if style.fontName == BOLD else regular,
        hyphenationLang=HYPHENATION.get(language, "") if hyphenate else "",
        embeddedHyphenation=1,
    )


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontName=BOLD, fontSize=16),
        "heading": ParagraphStyle(
            "heading", parent=base["Heading2"], fontName=BOLD, fontSize=12, spaceBefore=10
        ),
        "body": ParagraphStyle(
            "body", parent=base["BodyText"], fontName=REGULAR, fontSize=9.5, leading=12
        ),
        "small": ParagraphStyle(
            "small", parent=base["BodyText"], fontName=REGULAR, fontSize=8, leading=10
        ),
    }


# Control characters print as blank boxes (or break reportlab's parser); invisible format
# characters (byte-order marks, zero-width spaces, soft hyphens) print nothing but scramble the
# order in which a reader copies or searches the text; tabs, line and paragraph separators are
# whitespace.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    r"\ufeff\ud800-\udfff]"
)
_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def _clean(text) -> str:
    """Control and invisible format characters dropped, every line break a newline, tabs
    spaces."""
    text = _BREAKS.sub("\n", str(text)).replace("\t", " ")
    return _CONTROL.sub("", text)


def printable(text) -> str:
    """`text` as one line of plain text, for the canvas, the outline or the metadata."""
    return _clean(text).replace("\n", " ")


def markup(text, *, lines: bool = False) -> str:
    """User-written `text` as paragraph markup that prints it literally: `&`, `<`, `>` and
    quotes escaped, so that no tag or entity in it is ever read; its line breaks kept as
    `<br/>` if `lines`, else they are spaces like any whitespace."""
    escaped = escape(_clean(text), {'"': "&quot;"})
    return escaped.replace("\n", "<br/>") if lines else escaped


def text_paragraph(text, style: ParagraphStyle, *, lines: bool = False, **kwargs) -> Paragraph:
    """A paragraph that shows user-written `text` as it was written."""
    return Paragraph(markup(text, lines=lines), style, **kwargs)


def link_target(url: str) -> str | None:
    """`url` if a link to it may go in a PDF (the web or an e-mail address), else None: no
    file, no other document (reportlab makes `pdf:` a link that opens a file), no relative
    address that would name a destination inside the PDF."""
    url = printable(url).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return url
