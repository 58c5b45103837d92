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
from django.core.paginator import Paginator
from django.db import connection
from django.http import QueryDict

from recommendations import tracker, tracker_counts
from recommendations.models import Recommendation, TrackerCount

from .bench_recommendation_status import TOTAL, generate, median_ms
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
        figures = measure(client, url, repeat=5, cold=True)
        figures["cached_median_ms"] = measure(client, url, repeat=5)["median_ms"]
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


OVERVIEWS = {
    "no filter": "",
    "two facets": "theme=protection&status=partly_implemented",
    "one country, one strength": "country=KZ&strength=urges",
    # Every generated recommendation carries the word: the broadest search there is.
    "broad word, English (q=recommendation)": "q=recommendation",
    "broad word, Russian (q=рекомендации)": "q=рекомендации",
    "broad word and a facet": "q=recommendation&theme=protection",
}


def test_kept_counts_against_counting_the_rows(demo_data, user_named, report):
    """The tracker's facets, charts and total as the page gets them (summed from `TrackerCount`;
    with words searched, counted from the matching rows) and counted from the rows, over the
    same 50,000 recommendations in the same run: the ratio, and the rows kept."""
    assert generate(user_named("secretariat")) == TOTAL
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    backend = connection.vendor
    for name, query in OVERVIEWS.items():
        chosen = tracker.parse(QueryDict(query))
        assert tracker.overview(chosen).total == tracker.overview_from_rows(chosen).total
        # Computed each time (the page caches it under the data's version: `cached_ms`).
        kept = median_ms(lambda chosen=chosen: tracker.overview_from_counts(chosen), repeat=7)
        cached = median_ms(lambda chosen=chosen: tracker.overview(chosen), repeat=7)
        rows = median_ms(lambda chosen=chosen: tracker.overview_from_rows(chosen), repeat=7)
        report.append(
            {
                "bench": f"tracker_counts_{backend}",
                "database": backend,
                "filter": name,
                "published": tracker.published().count(),
                "kept_rows": TrackerCount.objects.count(),
                "overview_ms": kept,
                "cached_ms": cached,
                "from_rows_ms": rows,
                "rows_over_overview": round(rows / kept, 1),
            }
        )
    start = time.perf_counter()
    tracker_counts.rebuild()
    report.append(
        {
            "bench": f"tracker_counts_{backend}",
            "database": backend,
            "rebuild_all_s": round(time.perf_counter() - start, 2),
        }
    )


RESULT_PAGES = {
    "page 1, no filter": "",
    "page 500, no filter": "page=500",
    "page 500, newest first": "page=500&sort=-published",
    "page 500, two facets": "theme=protection&status=partly_implemented&page=500",
    "page 500, broad word": "q=recommendation&page=500",
    "page 50, broad word and a facet, by strength": "q=рекомендации&theme=protection&page=50"
    "&sort=strength",
}


def _ids_from_rows(chosen: tracker.TrackerFilter) -> list[int]:
    page = Paginator(tracker.ordered_from_rows(chosen).values_list("pk", flat=True), 20)
    return list(page.get_page(chosen.page).object_list)


def test_results_from_the_entries_against_sorting_the_rows(demo_data, user_named, report):
    """A page of results cut from `TrackerEntry`'s indexes (`tracker.results`, with the total
    the overview gives) against the same page's ids sorted across the joins, same run."""
    assert generate(user_named("secretariat")) == TOTAL
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    backend = connection.vendor
    for name, query in RESULT_PAGES.items():
        chosen = tracker.parse(QueryDict(query))
        total = tracker.overview(chosen).total
        page = tracker.results(chosen, total=total)
        assert [row.pk for row in page] == _ids_from_rows(chosen)
        entries = median_ms(
            lambda chosen=chosen, total=total: tracker.results(chosen, total=total), repeat=7
        )
        rows = median_ms(lambda chosen=chosen: _ids_from_rows(chosen), repeat=7)
        report.append(
            {
                "bench": f"tracker_results_{backend}",
                "database": backend,
                "page": name,
                "results": total,
                "entries_ms": entries,
                "sorted_rows_ms": rows,
                "rows_over_entries": round(rows / entries, 1),
            }
        )
