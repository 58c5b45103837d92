"""Shared PDF set-up for reportlab: a font with Cyrillic, shipped in the repository
(DejaVu Sans, free licence in monitoring/fonts/LICENSE-DejaVu.txt), and the base styles."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"


@cache
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, FONTS / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, FONTS / "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
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
