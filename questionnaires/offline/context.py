"""What both the workbook and its import need about a response, read once."""

from __future__ import annotations

from dataclasses import dataclass

from monitoring import access

from .. import reading
from ..models import Answer, Question, Response, Section


@dataclass
class Context:
    """What both the workbook and the PDF need about a response, read once."""

    response: Response
    questions: list[Question]
    answers: dict[int, Answer]
    sections: list[Section]
    editable: dict[int, bool]


def response_context(response: Response, user) -> Context:
    questions = list(reading.ordered_questions(response))
    sections: dict[int, Section] = {}
    for question in questions:
        sections.setdefault(question.section_id, question.section)
    editable = {
        section.pk: (not response.is_locked) and access.can_edit_section(user, response, section)
        for section in sections.values()
    }
    return Context(
        response=response,
        questions=questions,
        answers=reading.visible_answers(user, response),
        sections=list(sections.values()),
        editable=editable,
    )
