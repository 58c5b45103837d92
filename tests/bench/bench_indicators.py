"""Harmonised statistics at scale (issue 8): one indicator's country x year table and the full
tidy export over about 2 million generated observations, against a plain pandas groupby over the
same rows held in memory.

Shape: 46 countries x 20 years x 30 indicators = 27,600 tables, each with its total, every
one-dimension breakdown (2 sexes, 2 age groups, 6 forms, 2 citizenships, 3 stages) and crossed
breakdowns (sex x age, sex x form, age x form, sex x age x form, sex x citizenship): 72 cells,
1,987,200 observations. BENCH_STATS_COUNTRIES and BENCH_STATS_YEARS scale it down.

    .venv/bin/pytest tests/bench/bench_indicators.py -m bench -s -q
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/monitoring .venv/bin/pytest ... (same)
"""

from __future__ import annotations

import csv
import os
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import (
    AgeGroup,
    Citizenship,
    ExploitationForm,
    Indicator,
    LegalBasis,
    Observation,
    ProceedingsStage,
    Sex,
    SourceType,
)
from indicators.selectors import comparison_table, tidy_rows
from monitoring.models import Country

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

COUNTRIES = int(os.environ.get("BENCH_STATS_COUNTRIES", "46"))
YEARS = range(2005, 2005 + int(os.environ.get("BENCH_STATS_YEARS", "20")))
INDICATORS = 30
SEXES, AGES, FORMS = Sex.values, AgeGroup.values, ExploitationForm.values
BREAKDOWNS = (
    [{}]
    + [{"sex": v} for v in SEXES]
    + [{"age_group": v} for v in AGES]
    + [{"exploitation_form": v} for v in FORMS]
    + [{"citizenship": v} for v in Citizenship.values]
    + [{"proceedings_stage": v} for v in ProceedingsStage.values]
    + [{"sex": s, "age_group": a} for s in SEXES for a in AGES]
    + [{"sex": s, "exploitation_form": f} for s in SEXES for f in FORMS]
    + [{"age_group": a, "exploitation_form": f} for a in AGES for f in FORMS]
    + [
        {"sex": s, "age_group": a, "exploitation_form": f}
        for s in SEXES
        for a in AGES
        for f in FORMS
    ]
    + [{"sex": s, "citizenship": c} for s in SEXES for c in Citizenship.values]
)


class _Null:
    def write(self, value: str) -> int:
        return len(value)


def generate() -> int:
    flags = {
        "by_sex": True,
        "by_age_group": True,
        "by_exploitation_form": True,
        "by_citizenship": True,
        "by_proceedings_stage": True,
    }
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"bench-{i}",
            name_en=f"Bench {i}",
            name_ru=f"Бенч {i}",
            definition_en="-",
            definition_ru="-",
            legal_basis=LegalBasis.NRM,
            source_type=SourceType.POLICE,
            **flags,
        )
        for i in range(INDICATORS)
    )
    countries = Country.objects.bulk_create(
        Country(iso_code=f"{chr(65 + c // 26)}{chr(65 + c % 26)}", name_en=f"C{c}", name_ru=f"C{c}")
        for c in range(COUNTRIES)
        if not Country.objects.filter(iso_code=f"{chr(65 + c // 26)}{chr(65 + c % 26)}").exists()
    )
    batch: list[Observation] = []
    total = 0
    for indicator in indicators:
        for country in countries:
            for year in YEARS:
                base = 40 + (country.pk * 7 + year + indicator.pk) % 200
                for index, breakdown in enumerate(BREAKDOWNS):
                    value = (
                        base if index == 0 else (base * (index % 5 + 1)) // (20 * len(breakdown))
                    )
                    batch.append(
                        Observation(
                            country=country,
                            indicator=indicator,
                            year=year,
                            value=value,
                            **breakdown,
                        )
                    )
                if len(batch) >= 50_000:
                    Observation.objects.bulk_create(batch, batch_size=5_000)
                    total += len(batch)
                    batch.clear()
    Observation.objects.bulk_create(batch, batch_size=5_000)
    return total + len(batch)


def test_indicator_table_and_tidy_export(report, django_user_model):
    """As a superuser (every figure in scope: nothing is published in the generated set)."""
    import pandas as pd

    reader = django_user_model.objects.create(username="bench-reader", is_superuser=True)

    start = time.perf_counter()
    rows = generate()
    generated_s = time.perf_counter() - start
    indicator = Indicator.objects.get(code="bench-7")

    comparison_table(user=reader, indicator=indicator)  # warm-up
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            table = comparison_table(user=reader, indicator=indicator)
        timings.append((time.perf_counter() - start) * 1000)
    table_ms = sorted(timings)[len(timings) // 2]
    assert len(table.years) == len(YEARS)

    start = time.perf_counter()
    writer = csv.writer(_Null())
    exported = sum(1 for row in tidy_rows(user=reader) if writer.writerow(row) is not None) - 1
    export_s = time.perf_counter() - start

    dimensions = ["sex", "age_group", "exploitation_form", "citizenship", "proceedings_stage"]
    frame = pd.DataFrame.from_records(
        Observation.objects.filter(indicator=indicator).values(
            "country_id", "year", *dimensions, "value"
        )
    )
    start = time.perf_counter()
    for _ in range(5):
        totals = frame[(frame[dimensions] == "").all(axis=1)]
        grouped = totals.groupby(["country_id", "year"])["value"].sum()
    pandas_ms = (time.perf_counter() - start) * 1000 / 5
    assert len(grouped) == COUNTRIES * len(YEARS)

    report.append(
        {
            "bench": "indicators",
            "database": connection.vendor,
            "observations": rows,
            "generate_s": round(generated_s, 1),
            "table_ms": round(table_ms, 1),
            "table_queries": len(queries),
            "pandas_groupby_ms": round(pandas_ms, 2),
            "ratio_to_pandas": round(table_ms / pandas_ms, 1),
            "tidy_export_s": round(export_s, 1),
            "tidy_export_rows_per_s": round(exported / export_s),
        }
    )
    assert exported == Observation.objects.count()
