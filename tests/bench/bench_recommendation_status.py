"""Status summary over 50,000 recommendations with 3 assessments each (150,000 assessments),
spread over the five countries, five rounds, the three kinds of report, five themes, three
strengths and each country's government bodies. Target: under 200 ms per summary on
PostgreSQL. Also times the export of every row (CSV).

    .venv/bin/pytest tests/bench/bench_recommendation_status.py -m bench -s -q
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/monitoring .venv/bin/pytest ... (same)
"""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluation_rounds.models import CountryEvaluation, EvaluationRound
from monitoring.models import Country, Organisation
from monitoring.search import index as search_index
from recommendations import exports, selectors
from recommendations.models import Assessment, AssessmentStatus, Recommendation, Theme
from reports.models import Chapter, Paragraph, Report
from tests.publications import publish_bulk

from .recommendation_data import generate_recommendations

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

TOTAL = 50_000
CYCLES = 3
ISOS = ["KZ", "KG", "TJ", "TM", "UZ"]
STRENGTHS = Recommendation.Strength.values
THEMES = Theme.values
STATUSES = [s for s in AssessmentStatus.values if s != AssessmentStatus.NOT_ASSESSED]
DIMENSIONS = ["country", "round", "theme", "strength", "addressee"]
BATCH = 5000


def _countries(isos: list[str]) -> list[Country]:
    """The countries of `isos`, those the demo lacks made with a government body each."""
    for iso in isos:
        country, made = Country.objects.get_or_create(
            iso_code=iso, defaults={"name_en": f"Country {iso}", "name_ru": f"Страна {iso}"}
        )
        if made:
            Organisation.objects.create(
                kind="government",
                country=country,
                name_en=f"Ministry of {iso}",
                name_ru=f"Министерство {iso}",
            )
    return list(Country.objects.filter(iso_code__in=isos))


def _reports(assessor, isos: list[str]) -> list[Report]:
    """Per country: an evaluation report in rounds 1-5 (the demo's where they exist) and a
    follow-up report in each, plus an urgent-procedure report; all published."""
    now = timezone.now()
    rounds = [
        EvaluationRound.objects.get_or_create(
            number=n, defaults={"title_en": f"Round {n}", "title_ru": f"Раунд {n}"}
        )[0]
        for n in range(1, 6)
    ]
    countries = _countries(isos)
    for r in rounds:
        CountryEvaluation.objects.bulk_create(
            CountryEvaluation(round=r, country=c, state="published")
            for c in countries
            if not CountryEvaluation.objects.filter(round=r, country=c, kind="regular").exists()
        )
    urgent = CountryEvaluation.objects.bulk_create(
        CountryEvaluation(round=rounds[0], country=c, kind="urgent", state="published")
        for c in countries
    )
    reports = []
    for evaluation in CountryEvaluation.objects.filter(country__in=countries, kind="regular"):
        if not evaluation.reports.filter(kind="evaluation").exists():
            reports.append(Report(evaluation=evaluation, kind="evaluation", title_en="Bench"))
        reports.append(Report(evaluation=evaluation, kind="follow_up", title_en="Bench follow-up"))
    reports += [Report(evaluation=e, kind="urgent", title_en="Bench urgent") for e in urgent]
    for index, report in enumerate(reports):
        report.published_at = now - timedelta(days=30 * (index + 1))
    Report.objects.bulk_create(reports)
    reports = list(Report.objects.filter(title_en__startswith="Bench").select_related("evaluation"))
    publish_bulk(reports)
    return reports


def generate(
    assessor, *, total: int = TOTAL, cycles: int = CYCLES, text_of=None, isos: list[str] = ISOS
) -> int:
    reports = _reports(assessor, isos)
    chapters = Chapter.objects.bulk_create(
        Chapter(report=r, number="1", title_en="Bench chapter") for r in reports
    )
    Paragraph.objects.bulk_create(
        Paragraph(chapter=c, number=n + 1, sort_order=n, text_en=f"<p>Paragraph {n + 1}</p>")
        for c in chapters
        for n in range(20)
    )
    search_index.refresh(Paragraph, Paragraph.objects.filter(chapter__in=chapters).values("pk"))
    paragraphs: dict[int, list[int]] = {}
    for report_id, paragraph_id in Paragraph.objects.filter(
        chapter__report__in=reports
    ).values_list("chapter__report_id", "pk"):
        paragraphs.setdefault(report_id, []).append(paragraph_id)
    bodies: dict[int, list[int]] = {}
    for pk, country_id in Organisation.objects.filter(
        country__iso_code__in=isos, kind="government"
    ).values_list("pk", "country_id"):
        bodies.setdefault(country_id, []).append(pk)
    return generate_recommendations(
        reports,
        total=total,
        paragraph_of=lambda report, n: paragraphs[report.pk][n % 20],
        # One or two bodies each: the country's first, and one more in turn.
        addressees_of=lambda i, country: {
            bodies[country][i % len(bodies[country])],
            bodies[country][0],
        },
        cycles=cycles,
        assessor=assessor,
        text_of=text_of,
    )


def median_ms(function, repeat: int) -> float:
    function()  # warm-up
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings), 1)


def test_status_summary_over_50000_recommendations(demo_data, user_named, report):
    secretariat = user_named("secretariat")
    start = time.perf_counter()
    generated = generate(secretariat)
    generation_s = round(time.perf_counter() - start, 1)
    with connection.cursor() as cursor:  # fresh planner statistics after the bulk load
        cursor.execute("ANALYZE")
    assert generated == TOTAL
    assert Assessment.objects.count() >= TOTAL * CYCLES
    backend = connection.vendor
    for by in DIMENSIONS:
        rows = selectors.status_summary(user=secretariat, by=by)
        if by in ("country", "strength"):  # each recommendation counted once
            assert sum(row.total for row in rows) == Recommendation.objects.count()
        with CaptureQueriesContext(connection) as queries:
            selectors.status_summary(user=secretariat, by=by)
        timing = median_ms(lambda by=by: selectors.status_summary(user=secretariat, by=by), 5)
        report.append(
            {
                "bench": f"recommendation_status_{backend}",
                "database": backend,
                "recommendations": Recommendation.objects.count(),
                "assessments": Assessment.objects.count(),
                "summary_by": by,
                "groups": len(rows),
                "median_ms": timing,
                "queries": len(queries),
                "target_ms": 200,
                "meets_target": timing < 200,
            }
        )
    with CaptureQueriesContext(connection) as queries:
        rows = exports.export_rows(user=secretariat)
    assert len(rows) >= TOTAL
    report.append(
        {
            "bench": f"recommendation_status_{backend}",
            "database": backend,
            "generation_s": generation_s,
            "export": "export_rows (all published recommendations)",
            "rows": len(rows),
            "median_ms": median_ms(lambda: exports.export_rows(user=secretariat), 3),
            "csv_median_ms": median_ms(
                lambda: b"".join(exports.staff_download("csv", user=secretariat)), 3
            ),
            "queries": len(queries),
        }
    )
    assert len(queries) <= 3  # the rows, statuses and addressees, read side by side
