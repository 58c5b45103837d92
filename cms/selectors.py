"""Reads for the public site.

Everything here is read as the public reads it, through `monitoring.access` with an anonymous
user, whoever is signed in: a draft never reaches a public page, a feed or the search. Each
function runs a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from evaluation_rounds.models import EvaluationRound
from evaluation_rounds.procedure import ORDER, State
from monitoring import access
from monitoring.i18n import localised
from monitoring.models import Country, Organisation
from questionnaires.models import Question, Questionnaire, Section
from recommendations.models import Assessment, AssessmentStatus, Recommendation
from recommendations.selectors import StatusRow, status_summary
from reports.models import ReplyPublication, Report
from reports.selectors import published_reports

PUBLIC = AnonymousUser()
STATE_LABELS = dict(State.choices)
STATUS_LABELS = dict(AssessmentStatus.choices)


# --- Key figures (home page) ---------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigures:
    countries_evaluated: int
    reports_published: int
    recommendations_published: int
    recommendations_implemented: int

    @property
    def share_implemented(self) -> int | None:
        """Per cent of the published recommendations whose latest assessment is
        "implemented"; None while nothing is published."""
        if not self.recommendations_published:
            return None
        return round(100 * self.recommendations_implemented / self.recommendations_published)


def key_figures() -> KeyFigures:
    """Two aggregate queries."""
    reports = public_reports().aggregate(
        countries=Count("evaluation__country", distinct=True), reports=Count("pk")
    )
    recommendations = (
        access.visible(PUBLIC, Recommendation.objects.filter(report__published_at__isnull=False))
        .order_by()
        .aggregate(
            total=Count("pk"),
            implemented=Count("pk", filter=Q(current_status=AssessmentStatus.IMPLEMENTED)),
        )
    )
    return KeyFigures(
        countries_evaluated=reports["countries"],
        reports_published=reports["reports"],
        recommendations_published=recommendations["total"],
        recommendations_implemented=recommendations["implemented"],
    )


# --- Reports, rounds and evaluations --------------------------------------------------------


def public_reports(*, country: Country | None = None) -> QuerySet[Report]:
    """Published reports, newest first, with their country and round."""
    return access.visible(PUBLIC, published_reports(country=country))


def published_report(*, country: Country, pk: int) -> Report | None:
    """A published report of `country`; None for a draft or another country's report."""
    return public_reports(country=country).filter(pk=pk).first()


def published_replies(*, country: Country) -> QuerySet[ReplyPublication]:
    """The replies to the questionnaire published with `country`'s public reports (one query;
    the frozen snapshots are not read)."""
    return (
        access.visible(
            PUBLIC, ReplyPublication.objects.filter(report__in=public_reports(country=country))
        )
        .defer("content")
        .order_by("report_id", "-is_government", "organisation_name_en", "pk")
    )


def published_reply(*, country: Country, pk: int) -> ReplyPublication | None:
    """One published reply of `country`, with its snapshot and report; None for a reply held
    back, left out, of a draft report or of another country."""
    return (
        access.visible(
            PUBLIC, ReplyPublication.objects.filter(report__in=public_reports(country=country))
        )
        .select_related("report__evaluation__round", "report__evaluation__country")
        .filter(pk=pk)
        .first()
    )


def rounds() -> QuerySet[EvaluationRound]:
    return access.visible(PUBLIC, EvaluationRound.objects.order_by("number"))


@dataclass(frozen=True)
class Stage:
    """Where an evaluation stands, as the public may know it: the procedure step only."""

    state: str
    label: str
    percent: int


def _stage(state: str) -> Stage:
    return Stage(state, str(STATE_LABELS[state]), round(100 * ORDER[state] / (len(ORDER) - 1)))


def evaluation_stages(
    *, country: Country | None = None, round: EvaluationRound | None = None
) -> dict[tuple[int, int], Stage]:
    """The stage of each regular evaluation by (country id, round id): one query."""
    rows = access.public_evaluation_stages()
    if country is not None:
        rows = rows.filter(country_id=country.pk)
    if round is not None:
        rows = rows.filter(round_id=round.pk)
    return {(row["country_id"], row["round_id"]): _stage(row["state"]) for row in rows}


def evaluated_countries() -> QuerySet[Country]:
    return access.visible(PUBLIC, Country.objects.evaluated())


def government_bodies(country: Country) -> QuerySet[Organisation]:
    return (
        access.public_government_bodies()
        .filter(country=country)
        .order_by("-is_national_government", "name_en")
    )


def status_by_round(country: Country) -> list[StatusRow]:
    """The country's published recommendations by current status, a row per round (one
    query): the figures of the country page's chart and of the table beside it."""
    rows = status_summary(user=PUBLIC, by="round", country=country)
    return [
        dataclasses.replace(row, label=_("Round %(number)s") % {"number": row.key})
        for row in sorted(rows, key=lambda row: row.key)
    ]


# --- Questionnaires (round pages) -----------------------------------------------------------


def adopted_questionnaires(round: EvaluationRound) -> list[Questionnaire]:
    """The latest frozen (adopted) version of the round's questionnaire for each audience;
    `access` keeps drafts inside the expert group."""
    latest: dict[str, Questionnaire] = {}
    for questionnaire in access.visible(PUBLIC, Questionnaire.objects.filter(round=round)):
        current = latest.get(questionnaire.audience)
        if current is None or questionnaire.version > current.version:
            latest[questionnaire.audience] = questionnaire
    return list(latest.values())


def adopted_questionnaire(round: EvaluationRound, pk: int) -> Questionnaire | None:
    return next((q for q in adopted_questionnaires(round) if q.pk == pk), None)


def questionnaire_sections(questionnaire: Questionnaire) -> list[Section]:
    """Sections with the questions every country is asked, in order (two queries).
    Country-specific follow-up questions belong to that country's dispatch, not the
    published questionnaire."""
    common = Question.objects.filter(country__isnull=True).order_by("sort_order", "pk")
    return list(
        questionnaire.sections.order_by("sort_order", "pk").prefetch_related(
            Prefetch("questions", queryset=common, to_attr="common_questions")
        )
    )


# --- A published report's follow-up (report page) -------------------------------------------


@dataclass(frozen=True)
class AssessmentEntry:
    cycle: int
    assessed_on: date
    status: str
    status_label: str
    reasoning: str
    reasoning_lang: str = ""  # the reasoning's language where it is not the reader's


def recommendation_statuses(report: Report) -> dict[int, str]:
    """Current status by recommendation number (one query)."""
    recommendations = access.visible(PUBLIC, Recommendation.objects.filter(report=report))
    return dict(recommendations.order_by().values_list("number", "current_status"))


def assessment_history(report: Report) -> dict[int, list[AssessmentEntry]]:
    """Every assessment of the report's recommendations by recommendation number, oldest
    cycle first (one query). Public once the report is published."""
    assessments = access.visible(PUBLIC, Assessment.objects.filter(recommendation__report=report))
    history: dict[int, list[AssessmentEntry]] = {}
    rows = assessments.order_by("recommendation__number", "cycle").values(
        "recommendation__number", "cycle", "assessed_on", "status", "reasoning_en", "reasoning_ru"
    )
    for row in rows:
        reasoning = localised(row, "reasoning")
        history.setdefault(row["recommendation__number"], []).append(
            AssessmentEntry(
                row["cycle"],
                row["assessed_on"],
                row["status"],
                str(STATUS_LABELS[row["status"]]),
                reasoning.text,
                reasoning.language if reasoning.is_fallback else "",
            )
        )
    return history
