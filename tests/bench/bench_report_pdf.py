"""The report PDF of a generated 400-paragraph report with 120 recommendations (target: under
3 s), against a 40-paragraph one; and the query count of the draft PDF, which must not grow with
the report."""

import io
import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from recommendations.models import Recommendation

from .report_data import generate_report

pytestmark = [pytest.mark.bench, pytest.mark.django_db]


def _drop(report) -> None:
    Recommendation.objects.filter(report=report).delete()  # they protect their paragraphs
    report.delete()


def _measure(client, url: str, repeat: int = 5) -> dict:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    pages = len(PdfReader(io.BytesIO(response.content)).pages)
    return {
        "median_ms": round(statistics.median(timings)),
        "queries": len(queries),
        "pages": pages,
        "kib": len(response.content) // 1024,
    }


def test_report_pdf(demo_data, client, user_named, report):
    client.force_login(user_named("secretariat"))
    small_report = generate_report(paragraphs=40, recommendations=12)
    small = _measure(client, reverse("reports:pdf", args=[small_report.pk]))
    _drop(small_report)  # one evaluation report per evaluation
    large_report = generate_report(paragraphs=400, recommendations=120)
    large = _measure(client, reverse("reports:pdf", args=[large_report.pk]))
    report.append(
        {
            "bench": "report_pdf",
            "page": "draft report PDF (40 paragraphs/12 recommendations vs 400/120)",
            "small_ms": small["median_ms"],
            "large_ms": large["median_ms"],
            "time_ratio": round(large["median_ms"] / small["median_ms"], 2),
            "small_pages": small["pages"],
            "large_pages": large["pages"],
            "large_kib": large["kib"],
            "small_queries": small["queries"],
            "large_queries": large["queries"],
        }
    )
    assert large["queries"] == small["queries"]
