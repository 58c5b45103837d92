"""The public recommendation tracker over 50,000 published recommendations with 3 assessments
each (the data of bench_recommendation_status.py): the page unfiltered, with one facet, with a
search, and the CSV download of the current filter. The page runs a fixed number of queries
(seven facet counts, the count and the page of results with its themes and addressees, two
chart summaries), so its time is that of those aggregates over the whole set.

    .venv/bin/pytest tests/bench/bench_tracker.py -m bench -s -q
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/monitoring .venv/bin/pytest ... (same)
"""

from __future__ import annotations

import time

import pytest
from django.db import connection

from recommendations import tracker
from recommendations.models import Recommendation

from .bench_recommendation_status import TOTAL, generate
from .conftest import measure, measure_download

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

PAGES = {
    "no filter": "/en/recommendations/",
    "one facet (theme)": "/en/recommendations/?theme=protection",
    "search (q)": "/en/recommendations/?q=recommendation+777",
    "page 500 (no filter)": "/en/recommendations/?page=500",
    "facets, search and sort (ru)": (
        "/ru/recommendations/?country=KZ&status=partly_implemented&q=777&sort=strength"
    ),
}
DOWNLOADS = {
    "CSV, no filter": "/en/recommendations.csv",
    "CSV, one facet (theme)": "/en/recommendations.csv?theme=protection",
    "JSON, one facet (theme)": "/en/recommendations.json?theme=protection",
    "XLSX, one country (Kazakhstan)": "/en/recommendations.xlsx?country=KZ",
    "CSV, one country (Kazakhstan)": "/en/recommendations.csv?country=KZ",
}
PAGE_TARGET_MS = 1500


def test_tracker_page_and_download_over_50000_recommendations(
    demo_data, client, user_named, report
):
    start = time.perf_counter()
    assert generate(user_named("secretariat")) == TOTAL
    generation_s = round(time.perf_counter() - start, 1)
    with connection.cursor() as cursor:  # fresh planner statistics after the bulk load
        cursor.execute("ANALYZE")
    published = tracker.published().count()
    assert published >= TOTAL
    backend = connection.vendor
    query_counts = set()
    for name, url in PAGES.items():
        figures = measure(client, url, repeat=5)
        query_counts.add(figures["queries"])
        response = client.get(url)
        report.append(
            {
                "bench": f"tracker_{backend}",
                "database": backend,
                "recommendations": Recommendation.objects.count(),
                "published": published,
                "generation_s": generation_s,
                "page": name,
                "url": url,
                "results": response.context["page_obj"].paginator.count,
                **figures,
                "target_ms": PAGE_TARGET_MS,
                "meets_target": figures["median_ms"] < PAGE_TARGET_MS,
            }
        )
    assert max(query_counts) <= 20  # the same few queries whatever the filter and the data
    for name, url in DOWNLOADS.items():
        figures = measure_download(client, url)
        report.append(
            {
                "bench": f"tracker_{backend}",
                "database": backend,
                "download": name,
                "url": url,
                **figures,
            }
        )
        # Streamed through three cursors read side by side (and JSON's count).
        assert figures["queries"] <= 5
