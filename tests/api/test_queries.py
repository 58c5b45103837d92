"""Each endpoint runs a fixed number of queries: the same on the demo data as on several times
more published reports, recommendations, themes, addressees and assessments."""

from datetime import date

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluation_rounds.models import CountryEvaluation
from recommendations import tracker_counts
from recommendations.models import Assessment, Recommendation, RecommendationTheme
from reports import services
from reports.models import Report
from tests.publications import publish_directly, rewrite_published_content
from tests.reports.conftest import build_report

BUDGET = 10  # queries per request, whatever the endpoint


def _paths(report: Report, recommendation: Recommendation) -> list[str]:
    return [
        "/countries?limit=200",
        "/rounds?limit=200",
        "/reports?limit=200",
        f"/reports/{report.pk}",
        "/recommendations?limit=200",
        "/recommendations?limit=200&sort=strength&theme=protection&status=not_assessed&q=the",
        f"/recommendations/{recommendation.pk}/history",
        "/statistics",
        "/statistics?country=KZ&strength=urges",
    ]


def _count(client, path: str) -> int:
    """The queries of one request as the first after a change runs them: nothing kept."""
    cache.clear()
    tracker_counts.forget_read()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/v1{path}")
    assert response.status_code == 200, (path, response.content)
    return len(captured.captured_queries)


def _enlarge(kz_report: Report, secretariat) -> None:
    """Forty more recommendations with themes, addressees and assessments on Kazakhstan's
    report, and two more published reports (Tajikistan's and Uzbekistan's)."""
    first = kz_report.recommendations.order_by("number").first()
    extra = Recommendation.objects.bulk_create(
        Recommendation(
            report=kz_report,
            paragraph=first.paragraph,
            number=100 + n,
            strength=("urges", "considers", "invites")[n % 3],
            text_en=f"Extra recommendation {n}: the authorities should act.",
        )
        for n in range(40)
    )
    # Written directly to the frozen copy too, as if published with the report.
    content = kz_report.published_content
    content["recommendations"] += [
        {
            "number": r.number,
            "paragraph": first.paragraph.number,
            "strength": r.strength,
            "text_en": r.text_en,
            "text_ru": "",
        }
        for r in extra
    ]
    rewrite_published_content(kz_report, content)
    RecommendationTheme.objects.bulk_create(
        RecommendationTheme(recommendation=r, theme=theme)
        for r in extra
        for theme in ("protection", "prevention")
    )
    Recommendation.objects.filter(pk__in=[r.pk for r in extra]).refresh_theme_mask()
    for r in extra:
        r.addressees.set(first.addressees.all())
    Assessment.objects.bulk_create(
        Assessment(
            recommendation=r,
            cycle=cycle,
            status="partly_implemented",
            reasoning_en="Bulk",
            assessed_on=date(2026, 1, cycle),
            assessor=secretariat,
        )
        for r in extra[:20]
        for cycle in (1, 2)
    )
    Recommendation.objects.filter(pk__in=[r.pk for r in extra[:20]]).refresh_current_status()
    Recommendation.objects.filter(pk__in=[r.pk for r in extra]).copy_to_published()
    for iso in ("TJ", "UZ"):
        evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code=iso)
        report = build_report(evaluation, secretariat, recommendations=6)
        publish_directly(report)
        report.recommendations.all().copy_to_published()


def test_fixed_number_of_queries_per_endpoint(
    client, kz_published, user_named, django_assert_max_num_queries
):
    recommendation = kz_published.recommendations.get(number=1)
    paths = _paths(kz_published, recommendation)
    for path in paths:
        client.get(f"/api/v1{path}")  # warm up: content types, site, translations
    small = {path: _count(client, path) for path in paths}

    _enlarge(kz_published, user_named("secretariat"))
    assert client.get("/api/v1/recommendations").json()["count"] == 16 + 40 + 12
    assert client.get("/api/v1/reports").json()["count"] == 3
    large = {path: _count(client, path) for path in paths}
    assert large == small
    for path in paths:
        with django_assert_max_num_queries(BUDGET):
            client.get(f"/api/v1{path}")


def test_a_report_under_correction_costs_no_query_per_row(client, kz_published, user_named):
    """A report under correction costs no query more: its rows read their published copy."""
    before = _count(client, "/recommendations?limit=200")
    services.report_correction_open(
        report=kz_published, note="Checking numbers", actor=user_named("secretariat")
    )
    few, all_rows = (
        _count(client, "/recommendations?limit=2"),
        _count(client, "/recommendations?limit=200"),
    )
    assert few == all_rows == before
