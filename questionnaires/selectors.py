"""Reads for questionnaires and responses, scoped through monitoring.access."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from monitoring import access

from .models import Answer, Question, Response, Section


def questions_for(response: Response) -> QuerySet[Question]:
    """The questionnaire's questions plus this country's follow-up questions, in order."""
    return Question.objects.filter(section__questionnaire_id=response.questionnaire_id).filter(
        Q(country__isnull=True) | Q(country_id=response.evaluation.country_id)
    )


def missing_required_questions(response: Response) -> list[Question]:
    answered = Answer.objects.filter(response=response, is_answered=True).values("question_id")
    return list(
        questions_for(response)
        .filter(required=True)
        .exclude(pk__in=answered)
        .select_related("section")
        .order_by("section__sort_order", "sort_order")
    )


@dataclass
class SectionProgress:
    section: Section
    required: int
    answered: int
    assignee: object | None

    @property
    def percent(self) -> int:
        return 100 if not self.required else round(100 * self.answered / self.required)


def response_progress(response: Response) -> tuple[list[SectionProgress], int]:
    """Share of required questions answered, per section and overall: two queries."""
    answered_ids = set(
        Answer.objects.filter(response=response, is_answered=True).values_list(
            "question_id", flat=True
        )
    )
    sections = (
        Section.objects.filter(questionnaire_id=response.questionnaire_id)
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=questions_for(response).filter(required=True).only("pk", "section_id"),
                to_attr="required_questions",
            )
        )
        .order_by("sort_order")
    )
    assignees = {a.section_id: a.assignee for a in response.assignments.select_related("assignee")}
    rows, total_required, total_answered = [], 0, 0
    for section in sections:
        required = [q.pk for q in section.required_questions]
        answered = sum(1 for pk in required if pk in answered_ids)
        rows.append(SectionProgress(section, len(required), answered, assignees.get(section.pk)))
        total_required += len(required)
        total_answered += answered
    overall = 100 if not total_required else round(100 * total_answered / total_required)
    return rows, overall


def responses_for(user) -> QuerySet[Response]:
    return access.visible(user, Response).select_related(
        "questionnaire", "organisation", "evaluation__country", "evaluation__round"
    )


def portal_responses(user) -> QuerySet[Response]:
    """What waits for a respondent: their organisations' responses, with answered counts."""
    principal = access.principal_for(user)
    return (
        responses_for(user)
        .filter(
            Q(organisation_id__in=principal.organisation_ids)
            | Q(
                organisation__is_national_government=True,
                organisation__country_id__in=principal.government_country_ids,
            )
        )
        .annotate(answered=Count("answers", filter=Q(answers__is_answered=True)))
        .order_by("due_on")
    )


def section_answers(response: Response, section: Section, user) -> dict[int, Answer]:
    answers = access.visible(user, Answer).filter(response=response, question__section=section)
    return {answer.question_id: answer for answer in answers.prefetch_related("files")}
