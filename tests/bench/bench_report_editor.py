"""The back-office report editor on a 40-paragraph report versus a 400-paragraph report with
120 recommendations (tests/bench/report_data.py: sections, footnotes, both languages, the
government's comments, chapter adoptions and placeholders), and the large one against a bare Wagtail
admin page (the account page) in the same run. The query count must be the same at both sizes;
the issue's target is the large editor within 3 times the bare page."""

import pytest
from django.urls import reverse

from recommendations.models import Recommendation
from reports.models import Paragraph

from .conftest import measure
from .report_data import generate_report

pytestmark = [pytest.mark.bench, pytest.mark.django_db]


def _drop(report) -> None:
    Recommendation.objects.filter(report=report).delete()  # they protect their paragraphs
    Paragraph.objects.filter(chapter__report=report).delete()  # which protect their sections
    report.delete()


def test_editor_page_scales(demo_data, client, user_named, report):
    client.force_login(user_named("secretariat"))
    small_report = generate_report(paragraphs=40, recommendations=12, with_review=True)
    small = measure(client, reverse("reports:editor", args=[small_report.pk]))
    _drop(small_report)  # one evaluation report per evaluation
    large_report = generate_report(paragraphs=400, recommendations=120, with_review=True)
    large = measure(client, reverse("reports:editor", args=[large_report.pk]))
    bare = measure(client, reverse("wagtailadmin_account"))
    report.append(
        {
            "bench": "report_editor",
            "page": "report editor (40 paragraphs/12 recommendations vs 400/120)",
            "small_ms": small["median_ms"],
            "large_ms": large["median_ms"],
            "time_ratio": round(large["median_ms"] / small["median_ms"], 2),
            "small_queries": small["queries"],
            "large_queries": large["queries"],
            "bare_admin_ms": bare["median_ms"],
            "large_to_bare_ratio": round(large["median_ms"] / bare["median_ms"], 2),
        }
    )
    assert large["queries"] == small["queries"]
