"""The replies to the questionnaire published with a report: the frozen snapshot taken at
publication and the reading of it that the public pages, the API and the PDF share.

A snapshot is plain JSON: each question's codes and texts in both languages, its type and
settings, and the answer's stored value as it was submitted. A confidential answer is kept out
(only its place, `confidential: true`, remains); a file question lists only the files the
respondent marked public. Reading it builds unsaved `Question` objects from the snapshot, so
the question types display the frozen value exactly as the reading room shows a live one,
whatever the questionnaire or the response became since.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from monitoring import access
from questionnaires import reading, types
from questionnaires.models import Answer, AnswerFile, Question, Response

from .models import ReplyPublication

SNAPSHOT_VERSION = 1


def reply_snapshot(response: Response) -> dict:
    """Freeze a submitted response for publication (four queries)."""
    answers = {
        answer.question_id: answer
        for answer in access.publishable_answers(Answer.objects.filter(response=response))
    }
    confidential = set(
        Answer.objects.filter(response=response)
        .exclude(pk__in=[answer.pk for answer in answers.values()])
        .values_list("question_id", flat=True)
    )
    files: dict[int, list[dict]] = {}
    public_files = access.publishable_answer_files(
        AnswerFile.objects.filter(answer__response=response)
    ).select_related("answer")
    for stored in public_files.order_by("uploaded_at", "pk"):
        files.setdefault(stored.answer.question_id, []).append(
            {
                "id": stored.pk,
                "name": stored.original_name,
                "size": stored.size,
                "content_type": stored.content_type,
            }
        )
    sections: dict[int, dict] = {}
    for question in reading.ordered_questions(response):
        section = question.section
        entry = sections.setdefault(
            section.pk,
            {
                "number": section.number,
                "title_en": section.title_en,
                "title_ru": section.title_ru,
                "questions": [],
            },
        )
        item = {
            "code": question.code,
            "type": question.question_type,
            "text_en": question.text_en,
            "text_ru": question.text_ru,
            "config": question.config,
            "confidential": question.pk in confidential,
            "value": None,
            "files": [],
        }
        answer = answers.get(question.pk)
        if answer is not None and not item["confidential"]:
            if types.answer_type(question).takes_files:
                kept = files.get(question.pk, [])
                item["files"] = kept
                item["value"] = {"files": len(kept), "names": [f["name"] for f in kept]}
            else:
                item["value"] = answer.value
        entry["questions"].append(item)
    questionnaire = response.questionnaire
    return {
        "version": SNAPSHOT_VERSION,
        "questionnaire": {"title_en": questionnaire.title_en, "title_ru": questionnaire.title_ru},
        "audience": questionnaire.audience,
        "submitted_at": response.submitted_at.isoformat() if response.submitted_at else None,
        "sections": list(sections.values()),
    }


# --- reading a snapshot -------------------------------------------------------------------


@dataclass
class PublishedAnswer:
    """One question of a published reply, ready for a template (the same fields as the
    reading room's `AnswerDisplay`)."""

    question: Question
    confidential: bool
    text: str = ""
    answered: bool = False
    table: object = None
    entries: object = None
    files: list[dict] = field(default_factory=list)
    value: dict | None = None


@dataclass
class PublishedSection:
    number: str
    title: str
    items: list[PublishedAnswer]


def _frozen_question(item: dict) -> Question:
    # Never saved: the question types read only these fields.
    return Question(
        code=item["code"],
        question_type=item["type"],
        text_en=item["text_en"],
        text_ru=item["text_ru"],
        config=item.get("config") or {},
    )


def reply_reading(content: dict | None) -> list[PublishedSection]:
    """The published reply's sections in the reader's language (no query)."""
    from monitoring.i18n import active_language

    language = active_language()
    sections = []
    for section in (content or {}).get("sections", []):
        items = []
        for item in section["questions"]:
            question = _frozen_question(item)
            shown = PublishedAnswer(question=question, confidential=item["confidential"])
            value = item.get("value")
            if not shown.confidential and value is not None:
                kind = types.answer_type(question)
                shown.value = value
                shown.answered = kind.is_answered(value)
                shown.text = kind.as_text(question, value)
                shown.files = item.get("files", [])
                for name, extra in kind.display(question, value).items():
                    setattr(shown, name, extra)
            items.append(shown)
        title = section.get(f"title_{language}") or section.get("title_en") or ""
        sections.append(PublishedSection(section["number"], title, items))
    return sections


def published_replies(user, report) -> QuerySet[ReplyPublication]:
    """The replies published with `report` that `user` may read, government first (one
    query; the snapshots are deferred)."""
    return (
        access.visible(user, ReplyPublication.objects.filter(report=report))
        .filter(outcome=ReplyPublication.Outcome.PUBLISHED)
        .defer("content")
    )


# --- what publishing does with each reply -------------------------------------------------


@dataclass
class PlannedReply:
    """What publishing the report does (or did) with one submitted reply."""

    response: Response
    outcome: str
    reason: str = ""
    decided_by: object = None
    decided_at: object = None

    @property
    def is_government(self) -> bool:
        return self.response.organisation.is_national_government

    @property
    def will_be_published(self) -> bool:
        return self.outcome == ReplyPublication.Outcome.PUBLISHED

    @property
    def consent_withdrawn_at(self):
        return self.response.consent_withdrawn_at

    def get_outcome_display(self) -> str:
        return ReplyPublication.Outcome(self.outcome).label


def submitted_replies(report) -> QuerySet[Response]:
    """The submitted replies to the questionnaires of the report's evaluation: the government's
    first, then the NGOs' (a follow-up report publishes none)."""
    if report.kind == report.Kind.FOLLOW_UP:
        return Response.objects.none()
    return (
        Response.objects.filter(
            evaluation_id=report.evaluation_id, status=Response.Status.SUBMITTED
        )
        .select_related("organisation", "questionnaire")
        .order_by("-organisation__is_national_government", "organisation__name_en", "pk")
    )


def planned_outcome(response: Response, *, hold_back_reason: str = "") -> PlannedReply:
    """GRETA's practice: the government's reply is published unless the secretariat holds it
    back with a reason; an NGO's only with its consent, and never one kept confidential."""
    Outcome = ReplyPublication.Outcome
    if response.organisation.is_national_government:
        if hold_back_reason:
            return PlannedReply(response, Outcome.HELD_BACK, hold_back_reason)
        return PlannedReply(response, Outcome.PUBLISHED)
    if response.is_confidential:
        return PlannedReply(response, Outcome.CONFIDENTIAL)
    if not response.publication_consent:
        return PlannedReply(response, Outcome.NO_CONSENT)
    return PlannedReply(response, Outcome.PUBLISHED)


def reply_plan(report) -> list[PlannedReply]:
    """For the publication screen: the decisions recorded when the report was first published,
    or, before that, what publishing would decide now (two queries)."""
    recorded = list(
        ReplyPublication.objects.filter(report=report)
        .select_related("response__organisation", "decided_by")
        .defer("content")
    )
    if recorded:
        return [
            PlannedReply(row.response, row.outcome, row.reason, row.decided_by, row.decided_at)
            for row in recorded
        ]
    return [planned_outcome(response) for response in submitted_replies(report)]
