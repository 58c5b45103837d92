"""Reports built through the services on top of the demo procedure: Kyrgyzstan's draft is with
the government, Kazakhstan's evaluation is published."""

from datetime import timedelta

import pytest
from django.utils import timezone

from evaluation_rounds.models import CountryEvaluation, Plenary
from evaluation_rounds.procedure import State
from evaluation_rounds.services import evaluation_transition
from monitoring.models import Organisation
from recommendations import services as recommendation_services
from reports import services
from tests.procedure_steps import ADOPTED_EARLY


@pytest.fixture
def secretariat(user_named):
    return user_named("secretariat")


def evaluation_of(iso: str) -> CountryEvaluation:
    return CountryEvaluation.objects.get(round__number=1, country__iso_code=iso)


def build_report(
    evaluation, actor, *, paragraphs_per_chapter=(2, 2), recommendations=2, kind="evaluation"
):
    """A report with chapters of the given sizes and recommendations on the first paragraphs.

    The demo seed already writes an evaluation report for some evaluations (demo/seed/reports.py);
    it is removed first so tests start from a report they built themselves.
    """
    if kind == "evaluation":
        _drop_demo_report(evaluation)
    report = services.report_create(
        evaluation=evaluation,
        title_en=f"Report on {evaluation.country.name_en}",
        title_ru=f"Доклад: {evaluation.country.name_ru}",
        kind=kind,
        actor=actor,
    )
    for index, size in enumerate(paragraphs_per_chapter, start=1):
        chapter = services.chapter_create(
            report=report, number=str(index), title_en=f"Chapter {index}", actor=actor
        )
        for n in range(size):
            services.paragraph_insert(
                chapter=chapter, text_en=f"<p>Chapter {index}, text {n + 1}</p>", actor=actor
            )
    government = Organisation.objects.get(country=evaluation.country, is_national_government=True)
    first = report.chapters.first().paragraphs.order_by("number").first()
    for n in range(recommendations):
        recommendation_services.recommendation_create(
            paragraph=first,
            strength="urges" if n % 2 == 0 else "considers",
            text_en=f"Recommendation {n + 1} on {evaluation.country.name_en}",
            text_ru=f"Рекомендация {n + 1}",
            themes=["protection"] if n % 2 == 0 else ["prevention", "prosecution"],
            addressees=[government],
            actor=actor,
        )
    return report


def _drop_demo_report(evaluation) -> None:
    from recommendations.models import Assessment, ProgressUpdate, Recommendation
    from reports.models import GovernmentComment

    for report in evaluation.reports.filter(kind="evaluation"):
        # Recommendations protect their paragraphs: remove the follow-up and recommendations
        # first, then the report (chapters and paragraphs cascade).
        recommendations = Recommendation.objects.filter(report=report)
        Assessment.objects.filter(recommendation__in=recommendations).delete()
        ProgressUpdate.objects.filter(recommendation__in=recommendations).delete()
        GovernmentComment.objects.filter(report=report).delete()
        Recommendation.objects.filter(reiterates__in=recommendations).update(reiterates=None)
        recommendations.delete()
        report.delete()


@pytest.fixture
def kg_evaluation(demo_data):
    return evaluation_of("KG")


@pytest.fixture
def kz_evaluation(demo_data):
    return evaluation_of("KZ")


@pytest.fixture
def kg_report(kg_evaluation, secretariat):
    """Kyrgyzstan's draft report, with the government for comments."""
    return build_report(kg_evaluation, secretariat)


@pytest.fixture
def kz_report(kz_evaluation, secretariat):
    """Kazakhstan's published report."""
    report = build_report(kz_evaluation, secretariat)
    return services.report_publish(report=report, actor=secretariat)


@pytest.fixture
def to_final_comments(secretariat):
    """Move an evaluation at "draft with the government" on to the final comments period."""

    def move(evaluation):
        today = timezone.localdate()
        plenary = Plenary.objects.create(
            number=99,
            start_date=today - timedelta(days=1),
            end_date=today,
            place_en="Astana",
            place_ru="Астана",
        )
        for state in (State.FINAL_ADOPTED, State.FINAL_COMMENTS):
            evaluation_transition(
                evaluation=evaluation,
                to_state=state,
                actor=secretariat,
                occurred_on=today,
                plenary=plenary if state == State.FINAL_ADOPTED else None,
                waiver_reason=ADOPTED_EARLY if state == State.FINAL_ADOPTED else "",
                notify=False,
            )
        evaluation.refresh_from_db()
        return evaluation

    return move
