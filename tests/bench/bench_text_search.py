"""Text search over 250,000 published recommendations with generated English and Russian
texts (words in varied grammatical forms, so the stems vary), indexed as the platform indexes
them (`monitoring.search.index`): the tracker's text filter (count and first page, as the
tracker and the API run it) and the index lookup alone, median and p95 per query; and in the
same run a bare SQLite FTS5 query over the same stems in an in-memory table, with the ratio.

    .venv/bin/pytest tests/bench/bench_text_search.py -m bench -s -q
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/monitoring .venv/bin/pytest ... (same)
"""

from __future__ import annotations

import sqlite3
import statistics
import time

import pytest
from django.db import connection

from monitoring.models import SearchText
from monitoring.search import index, parse
from recommendations import tracker
from recommendations.models import Recommendation

from .bench_recommendation_status import generate

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

TOTAL = 250_000
REPEAT = 15
QUERIES = [
    "воссоединение семей",
    "IT-компаниями",
    '"трудовой эксплуатации"',
    "victims OR жертвы",
    "shelters -women",
    "компенсация жертвам Алматы",
    "recruitment online",
    "пункт 1234",
]

RU_VERBS = ["обеспечить", "усилить", "расширить", "укрепить", "пересмотреть", "активизировать"]
RU_OBJECTS = [
    "защиту жертв",
    "выявление жертв торговли людьми",
    "помощь пострадавшим детям",
    "сотрудничество с IT-компаниями",
    "подготовку сотрудников полиции",
    "компенсацию жертвам",
    "доступ жертв к правовой помощи",
    "работу горячей линии",
    "приюты для женщин",
    "национальный механизм перенаправления",
    "расследование дел о трудовой эксплуатации",
    "воссоединение семей",
    "мониторинг онлайн-вербовки",
    "инспекции труда в сельском хозяйстве",
]
RU_PLACES = [
    "в приграничных районах",
    "в Алматы",
    "в сельской местности",
    "среди трудовых мигрантов",
    "в цепочках поставок",
    "при участии неправительственных организаций",
    "на всей территории страны",
]
EN_VERBS = ["ensure", "strengthen", "extend", "reinforce", "review", "step up"]
EN_OBJECTS = [
    "the protection of victims",
    "the identification of trafficked persons",
    "assistance to child victims",
    "cooperation with IT companies",
    "the training of police officers",
    "compensation for victims",
    "victims' access to legal aid",
    "the hotline's work",
    "shelters for women",
    "the national referral mechanism",
    "investigations of labour exploitation",
    "family reunification",
    "the monitoring of online recruitment",
    "labour inspections in agriculture",
]
EN_PLACES = [
    "in border areas",
    "in Almaty",
    "in rural areas",
    "among migrant workers",
    "in supply chains",
    "with non-governmental organisations",
    "throughout the country",
]


def text_of(n: int) -> tuple[str, str]:
    """Two clauses each, chosen by different strides so that combinations vary."""
    a, b = n % len(RU_OBJECTS), (n * 7 + 3) % len(RU_OBJECTS)
    verb, place = n % len(RU_VERBS), (n // 3) % len(RU_PLACES)
    english = (
        f"{EN_VERBS[verb]} {EN_OBJECTS[a]} {EN_PLACES[place]} and {EN_OBJECTS[b]} "
        f"(item {n % 5000})."
    )
    russian = (
        f"{RU_VERBS[verb]} {RU_OBJECTS[a]} {RU_PLACES[place]}, а также {RU_OBJECTS[b]} "
        f"(пункт {n % 5000})."
    )
    return english, russian


def _timings(function, repeat: int = REPEAT) -> dict:
    result = function()  # warm-up
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.95))], 2),
        "hits": result,
    }


def _bare_fts5() -> sqlite3.Connection:
    """An in-memory FTS5 table of the same stems (one row per recommendation and language)."""
    bare = sqlite3.connect(":memory:")
    bare.execute(
        "CREATE VIRTUAL TABLE t USING fts5(stems, object_id UNINDEXED, "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    rows = SearchText.objects.filter(target=index.target(Recommendation)).values_list(
        "stems", "object_id"
    )
    bare.executemany("INSERT INTO t (stems, object_id) VALUES (?, ?)", rows.iterator(10_000))
    bare.commit()
    return bare


def test_text_search_over_250000_recommendations(demo_data, user_named, report):
    start = time.perf_counter()
    generated = generate(user_named("secretariat"), total=TOTAL, cycles=1, text_of=text_of)
    generation_s = round(time.perf_counter() - start, 1)
    assert generated == TOTAL
    with connection.cursor() as cursor:  # fresh planner statistics after the bulk load
        cursor.execute("ANALYZE")
    indexed = SearchText.objects.filter(target=index.target(Recommendation)).count()
    assert indexed >= 2 * TOTAL
    start = time.perf_counter()
    bare = _bare_fts5()
    bare_fill_s = round(time.perf_counter() - start, 1)
    backend = connection.vendor
    for q in QUERIES:
        query = parse(q)
        chosen = tracker.parse({"q": [q]})

        def tracker_filter(chosen=chosen):
            recommendations = tracker.filtered(chosen)
            first_page = list(tracker.ordered(chosen).values_list("pk", flat=True)[:20])
            assert len(first_page) <= 20
            return recommendations.count()

        def index_lookup(query=query):
            fields = ("published_text_en", "published_text_ru")
            ids = index.matching(Recommendation, fields, query).values_list("object_id", flat=True)
            return len(set(ids))

        expression = query.fts5()

        def bare_query(expression=expression):
            return bare.execute(
                "SELECT count(DISTINCT object_id) FROM t WHERE t MATCH ?", (expression,)
            ).fetchone()[0]

        figures = _timings(tracker_filter)
        lookup = _timings(index_lookup)
        bare_figures = _timings(bare_query)
        # The same stems give the same rows; the tracker counts the published ones of them.
        assert bare_figures["hits"] == lookup["hits"] >= figures["hits"] > 0
        report.append(
            {
                "bench": f"text_search_{backend}",
                "database": backend,
                "recommendations": TOTAL,
                "query": q,
                "hits": figures["hits"],
                "tracker_median_ms": figures["median_ms"],
                "tracker_p95_ms": figures["p95_ms"],
                "index_median_ms": lookup["median_ms"],
                "index_p95_ms": lookup["p95_ms"],
                "bare_fts5_median_ms": bare_figures["median_ms"],
                "bare_fts5_p95_ms": bare_figures["p95_ms"],
                "ratio_tracker_to_bare": round(
                    figures["median_ms"] / max(bare_figures["median_ms"], 0.01), 1
                ),
                "ratio_index_to_bare": round(
                    lookup["median_ms"] / max(bare_figures["median_ms"], 0.01), 1
                ),
                "generation_s": generation_s,
                "bare_fill_s": bare_fill_s,
            }
        )
    bare.close()
