"""The tracker at the size of the UN's whole corpus (issue 20): published recommendations over
46 countries x 5 rounds (an evaluation and a follow-up report each, and an urgent one per
country), with two themes, one or two addressees, an SDG target and two assessments each, at
several sizes, so that the curve shows. `make bench-scale` runs it: on PostgreSQL at 20,000,
100,000 and 265,000, then on SQLite at 50,000 (`BENCH_SCALE_SIZES` chooses others).

For each size, median and p95 (7 runs, the cache emptied before each, as the first visitor
after a change finds the page; and the median with the overview kept, as the next visitor
finds it) of the tracker page with no filter, two facets, a selective and a broad word in
English and in Russian (the broad word is in a third of the rows), page 500, and the API's
list with a filter; the query count of each; time to the first and last byte and the peak of
Python memory of a CSV and an XLSX of about 10,000 rows. In the same run, the same facet counts
and searches over the same rows in an in-memory SQLite FTS5 table and in pandas, with ratios.

    make bench-scale
    BENCH_SCALE_SIZES=20000 DATABASE_URL=postgres://postgres@127.0.0.1:5432/monitoring \\
        .venv/bin/pytest tests/bench/bench_scale.py -m bench -s -q
"""

from __future__ import annotations

import math
import os
import sqlite3
import statistics
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from monitoring.models import Country
from recommendations import tracker, tracker_counts
from recommendations.models import Recommendation, TrackerCount, themes_of_mask

from .bench_public_site import MORE_COUNTRIES
from .bench_recommendation_status import generate
from .conftest import measure_download

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

ON_POSTGRESQL = "postgresql" in settings.DATABASES["default"]["ENGINE"]
DEFAULT_SIZES = "20000,100000,265000" if ON_POSTGRESQL else "50000"
SIZES = [int(size) for size in os.environ.get("BENCH_SCALE_SIZES", DEFAULT_SIZES).split(",")]
REPEAT = 7
TARGET_MS = 150
ISOS = ["KZ", "KG", "TJ", "TM", "UZ", *MORE_COUNTRIES]  # 46, as the Council of Europe's
assert len(ISOS) == 46

EN_VERBS = ["ensure", "strengthen", "extend", "reinforce", "review", "step up"]
RU_VERBS = ["обеспечить", "усилить", "расширить", "укрепить", "пересмотреть", "активизировать"]
EN_OBJECTS = [
    "the training of police officers",
    "cooperation with IT companies",
    "labour inspections in agriculture",
    "the national referral mechanism",
    "investigations of labour exploitation",
    "the monitoring of online recruitment",
    "family reunification",
]
RU_OBJECTS = [
    "подготовку сотрудников полиции",
    "сотрудничество с IT-компаниями",
    "инспекции труда в сельском хозяйстве",
    "национальный механизм перенаправления",
    "расследование дел о трудовой эксплуатации",
    "мониторинг онлайн-вербовки",
    "воссоединение семей",
]


def text_of(n: int) -> tuple[str, str]:
    """A third of the rows name victims (the broad word); one in a thousand the hotline (the
    selective one)."""
    verb, thing = n % len(EN_VERBS), (n * 7 + 3) % len(EN_OBJECTS)
    english, russian = (
        f"{EN_VERBS[verb]} {EN_OBJECTS[thing]}",
        f"{RU_VERBS[verb]} {RU_OBJECTS[thing]}",
    )
    if n % 3 == 0:
        english, russian = f"{english} for victims", f"{russian} для жертв"
    if n % 1000 == 7:
        english, russian = f"{english} and the hotline", f"{russian} и горячую линию"
    return f"{english} (item {n}).", f"{russian} (пункт {n})."


PAGES = {
    "no filter": "/en/recommendations/",
    "two facets": "/en/recommendations/?theme=protection&strength=urges",
    "selective word, EN (hotline)": "/en/recommendations/?q=hotline",
    "selective word, RU (горячая линия)": "/ru/recommendations/?q=горячая+линия",
    "broad word, EN (victims)": "/en/recommendations/?q=victims",
    "broad word, RU (жертвы)": "/ru/recommendations/?q=жертвы",
    "page 500": "/en/recommendations/?page=500",
    "API list with a filter": "/api/v1/recommendations?country=KZ&strength=urges",
}
# The same counts done elsewhere: (words, {facet: values}).
COMPARED = {
    "no filter": ("", {}),
    "two facets": ("", {"theme": ["protection"], "strength": ["urges"]}),
    "broad word, EN (victims)": ("victims", {}),
}
FACET_COLUMNS = ("country", "round", "strength", "status", "sdg")


def _timings(function, repeat: int = REPEAT, *, cold: bool = True) -> dict:
    """Median and p95 (ms); `cold`: the cache emptied before each run."""
    function()
    found = []
    for _ in range(repeat):
        if cold:
            cache.clear()
            tracker_counts.forget_read()
        start = time.perf_counter()
        function()
        found.append((time.perf_counter() - start) * 1000)
    found.sort()
    return {
        "median_ms": round(statistics.median(found), 1),
        "p95_ms": round(found[min(len(found) - 1, math.ceil(len(found) * 0.95) - 1)], 1),
    }


def _get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def _rows() -> list[tuple]:
    """The published rows as the comparisons hold them: facets, theme mask and texts."""
    return list(
        tracker.published()
        .order_by()
        .values_list(
            "pk",
            "report__evaluation__country__iso_code",
            "report__evaluation__round__number",
            "published_strength",
            "current_status",
            "published_sdg_target",
            "published_theme_mask",
            "published_text_en",
            "published_text_ru",
        )
    )


def _fts5(rows: list[tuple]) -> sqlite3.Connection:
    bare = sqlite3.connect(":memory:")
    bare.execute(
        "CREATE TABLE r (id INTEGER PRIMARY KEY, country, round, strength, status, sdg, mask)"
    )
    bare.execute("CREATE TABLE t (id INTEGER, theme)")
    bare.execute(
        "CREATE VIRTUAL TABLE f USING fts5(text_en, text_ru, content='', tokenize='porter')"
    )
    bare.executemany("INSERT INTO r VALUES (?, ?, ?, ?, ?, ?, ?)", (row[:7] for row in rows))
    bare.executemany(
        "INSERT INTO t (id, theme) VALUES (?, ?)",
        ((row[0], theme) for row in rows for theme in themes_of_mask(row[6])),
    )
    bare.executemany(
        "INSERT INTO f (rowid, text_en, text_ru) VALUES (?, ?, ?)",
        ((row[0], row[7], row[8]) for row in rows),
    )
    bare.execute("CREATE INDEX t_id ON t (id)")
    bare.commit()
    return bare


def _fts5_counts(bare: sqlite3.Connection, words: str, chosen: dict) -> int:
    """Each facet counted with the other facets' selections, the theme facet included, as the
    tracker counts them; the total."""

    def where(leave_out: str) -> tuple[str, list]:
        clauses, params = [], []
        if words:
            clauses.append("r.id IN (SELECT rowid FROM f WHERE f MATCH ?)")
            params.append(words)
        for facet, values in chosen.items():
            if facet == leave_out:
                continue
            marks = ",".join("?" * len(values))
            if facet == "theme":
                clauses.append(f"r.id IN (SELECT id FROM t WHERE theme IN ({marks}))")  # noqa: S608 - columns from FACET_COLUMNS, values bound
            else:
                clauses.append(f"r.{facet} IN ({marks})")
            params.extend(values)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    for facet in FACET_COLUMNS:
        sql, params = where(facet)
        bare.execute(f"SELECT {facet}, count(*) FROM r{sql} GROUP BY {facet}", params).fetchall()  # noqa: S608 - columns from FACET_COLUMNS, values bound
    sql, params = where("theme")
    themes = f"SELECT t.theme, count(*) FROM r JOIN t ON t.id = r.id{sql} GROUP BY t.theme"  # noqa: S608
    bare.execute(themes, params).fetchall()
    sql, params = where("")
    return bare.execute(f"SELECT count(*) FROM r{sql}", params).fetchone()[0]  # noqa: S608 - columns from FACET_COLUMNS, values bound


def _pandas_frame(rows: list[tuple]):
    import pandas as pd

    frame = pd.DataFrame(
        rows,
        columns=["id", *FACET_COLUMNS, "mask", "text_en", "text_ru"],
    )
    themes = pd.DataFrame(
        [(row[0], theme) for row in rows for theme in themes_of_mask(row[6])],
        columns=["id", "theme"],
    )
    return frame, themes


def _pandas_counts(frames, words: str, chosen: dict) -> int:
    frame, themes = frames

    def kept(leave_out: str):
        # The word and its plural, as the stemmers match it.
        pattern = rf"\b{words}?\b"  # "victims?": the last letter optional
        mask = frame["text_en"].str.contains(pattern, case=False) if words else None
        for facet, values in chosen.items():
            if facet == leave_out:
                continue
            if facet == "theme":
                hit = frame["id"].isin(themes.loc[themes["theme"].isin(values), "id"])
            else:
                hit = frame[facet].isin(values)
            mask = hit if mask is None else mask & hit
        return frame if mask is None else frame[mask]

    for facet in FACET_COLUMNS:
        kept(facet)[facet].value_counts()
    themes[themes["id"].isin(kept("theme")["id"])]["theme"].value_counts()
    return len(kept(""))


def _download_filter(size: int) -> str:
    """Enough countries for about 10,000 rows."""
    per_country = size / len(ISOS)
    wanted = max(1, math.ceil(10_000 / per_country))
    return "&".join(f"country={iso}" for iso in ISOS[:wanted])


@pytest.mark.parametrize("size", SIZES)
def test_the_tracker_at_scale(size, demo_data, client, user_named, report):
    start = time.perf_counter()
    generate(user_named("secretariat"), total=size, cycles=2, text_of=text_of, isos=ISOS)
    generation_s = round(time.perf_counter() - start, 1)
    with connection.cursor() as cursor:  # fresh planner statistics after the bulk load
        cursor.execute("ANALYZE")
    published = tracker.published().count()
    assert published >= size
    assert Country.objects.filter(iso_code__in=ISOS).count() == 46
    backend = connection.vendor
    common = {
        "bench": f"scale_{backend}_{size}",
        "database": backend,
        "size": size,
        "published": published,
        "kept_combinations": TrackerCount.objects.count(),
        "generation_s": generation_s,
    }
    query_counts = set()
    for name, url in PAGES.items():
        response = _get(client, url)
        results = (
            response.json()["count"]
            if url.startswith("/api/")
            else response.context["page_obj"].paginator.count
        )
        figures = _timings(lambda url=url: _get(client, url))
        kept = _timings(lambda url=url: _get(client, url), cold=False)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            _get(client, url)
        query_counts.add(len(queries))
        report.append(
            {
                **common,
                "page": name,
                "url": url,
                "results": results,
                **figures,
                "kept_overview_median_ms": kept["median_ms"],
                "queries": len(queries),
                "target_ms": TARGET_MS,
                "meets_target": figures["median_ms"] < TARGET_MS,
            }
        )
    assert max(query_counts) <= 20
    rows = _rows()
    bare = _fts5(rows)
    frames = _pandas_frame(rows)
    for name, (words, chosen) in COMPARED.items():
        params = QueryDict(mutable=True)
        for facet, values in chosen.items():
            params.setlist(facet, values)
        if words:
            params["q"] = words
        asked = tracker.parse(params)
        total = tracker.overview_from_counts(asked).total
        assert total == _fts5_counts(bare, words, chosen) == _pandas_counts(frames, words, chosen)
        ours = _timings(lambda asked=asked: tracker.overview_from_counts(asked))
        ours_read = _timings(lambda asked=asked: tracker.overview_from_counts(asked), cold=False)
        fts5 = _timings(lambda words=words, chosen=chosen: _fts5_counts(bare, words, chosen))
        pandas = _timings(lambda words=words, chosen=chosen: _pandas_counts(frames, words, chosen))
        report.append(
            {
                **common,
                "compared": name,
                "results": total,
                "tracker_counts_median_ms": ours["median_ms"],
                "tracker_counts_rows_in_memory_median_ms": ours_read["median_ms"],
                "fts5_median_ms": fts5["median_ms"],
                "pandas_median_ms": pandas["median_ms"],
                "tracker_over_fts5": round(ours["median_ms"] / max(fts5["median_ms"], 0.01), 2),
                "tracker_over_pandas": round(ours["median_ms"] / max(pandas["median_ms"], 0.01), 2),
            }
        )
    bare.close()
    chosen = _download_filter(size)
    for fmt in ("csv", "xlsx"):
        url = f"/en/recommendations.{fmt}?{chosen}"
        report.append(
            {
                **common,
                "download": fmt,
                "rows": tracker.filtered(tracker.parse(QueryDict(chosen))).count(),
                **measure_download(client, url, repeat=2),
            }
        )
    assert Recommendation.objects.filter(report__title_en__startswith="Bench").count() == size
