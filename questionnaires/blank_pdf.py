"""An adopted questionnaire as a PDF to download from the public site: its sections and the
questions every country is asked, without any answer (reportlab platypus)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from monitoring import display
from monitoring.pdf import printable, styles, text_paragraph

from .models import Questionnaire, Section


def _text(value: str, style) -> Paragraph:
    return text_paragraph(value, style, lines=True)


def questionnaire_pdf(questionnaire: Questionnaire, sections: Iterable[Section]) -> bytes:
    """`sections` carry their questions in `common_questions` (cms.selectors)."""
    style = styles()
    story = [
        _text(str(questionnaire.title), style["title"]),
        _text(
            _("Version %(version)s, adopted on %(date)s.")
            % {
                "version": questionnaire.version,
                "date": display.day(questionnaire.frozen_at),
            },
            style["small"],
        ),
    ]
    if questionnaire.introduction:
        story.append(_text(questionnaire.introduction, style["body"]))
    for section in sections:
        story.append(_text(str(section), style["heading"]))
        if section.introduction:
            story.append(_text(section.introduction, style["body"]))
        for question in section.common_questions:
            block = [_text(f"{question.code}  {question.text}", style["body"])]
            if question.help:
                block.append(_text(question.help, style["small"]))
            story += [KeepTogether(block), Spacer(1, 2 * mm)]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=printable(questionnaire.title),
        lang=translation.get_language() or "en",
    ).build(story)
    return buffer.getvalue()
