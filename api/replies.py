"""The open-data API's published replies to the questionnaire (GRETA's practice: published with
the report): `/replies` and `/replies/{reply_id}`, read only from the frozen snapshot of each
`reports.ReplyPublication` the public may read (`monitoring.access`), so a reply held back or
left out, a confidential answer or a file not marked public never reaches it. Two queries per
page, one per reply, whatever the number of questions."""

from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from monitoring import access
from questionnaires import types
from reports import replies as published
from reports.models import ReplyPublication

from .pagination import LimitOffsetPagination
from .schemas import INT_MAX, CountryCode, CountryRef, Error, RoundNumber, RoundRef
from .selectors import evaluation_place

router = Router()


# --- Schemas ----------------------------------------------------------------------------------


class ReplyFilter(Schema):
    country: CountryCode | None = Field(None, description="Evaluated country.")
    round: RoundNumber | None = Field(None, description="Evaluation round number.")


class PublishedFileOut(Schema):
    name: str
    size: int = Field(ge=0)
    content_type: str


class ReplyAnswerOut(Schema):
    code: str
    type: str = Field(description="The question type (`long_text`, `table`, `file`, …).")
    text_en: str
    text_ru: str
    confidential: bool = Field(
        description="A confidential answer is withheld: `answer` and `value` are null."
    )
    answer: str | None = Field(description="The answer as text; null if withheld or empty.")
    value: dict[str, Any] | None = Field(
        description="The answer as stored (a statistics table: `cells` keyed `row:column`)."
    )
    files: list[PublishedFileOut] = Field(description="Files the respondent marked public.")


class ReplySectionOut(Schema):
    number: str
    title_en: str
    title_ru: str
    questions: list[ReplyAnswerOut]


class ReplyOut(Schema):
    id: int
    report_id: int
    country: CountryRef
    round: RoundRef
    organisation_en: str
    organisation_ru: str
    kind: str = Field(description="`government` or `ngo`.")
    published_at: datetime
    submitted_at: datetime | None
    questionnaire_title_en: str
    questionnaire_title_ru: str
    sections: list[ReplySectionOut]


# --- Selectors --------------------------------------------------------------------------------


def public_replies(filters: ReplyFilter | None = None) -> QuerySet[ReplyPublication]:
    """The replies the public reads, newest publication first."""
    rows = access.visible(
        AnonymousUser(), ReplyPublication.objects.filter(outcome=ReplyPublication.Outcome.PUBLISHED)
    )
    if filters is not None and filters.country:
        rows = rows.filter(report__evaluation__country__iso_code=filters.country.upper())
    if filters is not None and filters.round:
        rows = rows.filter(report__evaluation__round__number=filters.round)
    return rows.select_related("report__evaluation__country", "report__evaluation__round").order_by(
        "-decided_at", "-is_government", "organisation_name_en", "pk"
    )


def _answer(item: dict) -> dict:
    question = published._frozen_question(item)
    value = None if item["confidential"] else item.get("value")
    text = None
    if value is not None:
        text = types.as_text(question, value) or None
    return {
        "code": item["code"],
        "type": item["type"],
        "text_en": item["text_en"],
        "text_ru": item["text_ru"],
        "confidential": item["confidential"],
        "answer": text,
        "value": value,
        "files": [
            {"name": f["name"], "size": f["size"], "content_type": f["content_type"]}
            for f in item.get("files", [])
        ],
    }


def reply_item(row: ReplyPublication) -> dict:
    content = row.content or {}
    evaluation = row.report.evaluation
    questionnaire = content.get("questionnaire", {})
    return {
        "id": row.pk,
        "report_id": row.report_id,
        **evaluation_place(evaluation),
        "organisation_en": row.organisation_name_en,
        "organisation_ru": row.organisation_name_ru,
        "kind": "government" if row.is_government else "ngo",
        "published_at": row.decided_at,
        "submitted_at": content.get("submitted_at"),
        "questionnaire_title_en": questionnaire.get("title_en", ""),
        "questionnaire_title_ru": questionnaire.get("title_ru", ""),
        "sections": [
            {
                "number": section["number"],
                "title_en": section["title_en"],
                "title_ru": section["title_ru"],
                "questions": [_answer(item) for item in section["questions"]],
            }
            for section in content.get("sections", [])
        ],
    }


class _Page:
    def __init__(self, queryset: QuerySet[ReplyPublication]):
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, window: slice) -> list[dict]:
        return [reply_item(row) for row in self.queryset[window]]


# --- Endpoints --------------------------------------------------------------------------------


@router.get(
    "/replies",
    operation_id="list_replies",
    response={200: list[ReplyOut], 422: Error},
    tags=["replies"],
)
@paginate(LimitOffsetPagination)
def replies(request: HttpRequest, filters: Query[ReplyFilter]):
    """Replies to the questionnaire published with the reports, with their questions and
    answers as submitted (confidential answers withheld)."""
    return _Page(public_replies(filters))


@router.get(
    "/replies/{reply_id}",
    operation_id="get_reply",
    response={200: ReplyOut, 404: Error, 422: Error},
    tags=["replies"],
)
def reply(request: HttpRequest, reply_id: int = Path(..., ge=1, le=INT_MAX)):
    """One published reply to the questionnaire."""
    row = public_replies().filter(pk=reply_id).first()
    if row is None:
        raise Http404(_("No published reply has this id."))
    return reply_item(row)
