"""Demonstration statistics for `manage.py seed_demo`: plausible, NOT real, and flagged
(`Observation.is_demonstration`, shown as such on the page and in every download).

2020-2024 for the five countries on the core indicators. Kyrgyzstan reports its investigations
under trafficking-related articles only, so its figures carry a definition note and the flag
"different definition". Turkmenistan's small counts show the suppression. Idempotent: a country
that already has demonstration figures is left alone. Every table goes through the same
validation as an import (`services.observations_validate`).
"""

from __future__ import annotations

import zlib

from indicators.models import LegalBasis, Observation
from indicators.services import catalogue_seed, observations_validate
from monitoring.models import Country

YEARS = range(2020, 2025)
SOURCE = "Demonstration figures (not real)"
KG_NOTE = (
    "Kyrgyzstan reports every case under trafficking-related articles of the Criminal Code "
    "(art. 166 and related articles), not only cases under the trafficking article."
)
# Victims identified per year, roughly, by country: the scale differs as it does in reality.
SCALE = {"KZ": 120, "KG": 80, "TJ": 45, "TM": 12, "UZ": 420}


def _vary(iso: str, code: str, year: int, base: int, spread: float = 0.25) -> int:
    """A stable pseudo-random figure around `base` (the same on every run)."""
    seed = zlib.crc32(f"{iso}:{code}:{year}".encode())
    factor = 1 + spread * (((seed % 1000) / 1000) * 2 - 1)
    return max(0, round(base * factor))


def _rows(iso: str) -> list[dict]:
    scale = SCALE[iso]
    rows: list[dict] = []
    for year in YEARS:
        identified = _vary(iso, "identified", year, scale)
        male = max(1, round(identified * (0.22 if iso != "TM" else 0.25)))
        children = max(1, round(identified * 0.15))
        rows += [
            {"indicator": "victims-identified", "year": year, "value": identified},
            {
                "indicator": "victims-identified",
                "year": year,
                "sex": "F",
                "value": identified - male,
            },
            {"indicator": "victims-identified", "year": year, "sex": "M", "value": male},
            {
                "indicator": "victims-identified",
                "year": year,
                "age_group": "child",
                "value": children,
            },
            {
                "indicator": "victims-identified",
                "year": year,
                "age_group": "adult",
                "value": identified - children,
            },
            {
                "indicator": "victims-assisted",
                "year": year,
                "value": _vary(iso, "assisted", year, scale * 0.8),
            },
            {
                "indicator": "investigations" if iso != "KG" else "investigations-related",
                "year": year,
                "value": _vary(iso, "investigations", year, scale * (0.5 if iso != "KG" else 1.2)),
            },
            {
                "indicator": "prosecutions",
                "year": year,
                "value": _vary(iso, "prosecutions", year, scale * 0.3),
            },
            {
                "indicator": "convictions",
                "year": year,
                "value": _vary(iso, "convictions", year, scale * 0.2),
            },
            {
                "indicator": "hotline-calls",
                "year": year,
                "value": _vary(iso, "calls", year, scale * 25),
            },
        ]
        if iso == "KG":
            # The harmonised "investigations" row, as Kyrgyzstan reports it: related articles.
            rows.append(
                {
                    "indicator": "investigations",
                    "year": year,
                    "value": _vary(iso, "investigations", year, scale * 1.2),
                }
            )
    return rows


def seed_statistics() -> None:
    catalogue_seed()
    for country in Country.objects.filter(iso_code__in=SCALE):
        if Observation.objects.filter(country=country, is_demonstration=True).exists():
            continue
        check = observations_validate(country=country, rows=_rows(country.iso_code))
        if not check.is_valid:  # a mistake in this file, not in anyone's input
            raise ValueError("; ".join(str(error) for error in check.errors))
        observations = []
        for row in check.rows:
            observation = Observation(
                **{k: v for k, v in row.items() if k not in ("source", "note")},
                source=SOURCE,
                is_demonstration=True,
            )
            if country.iso_code == "KG" and row["indicator"].code == "investigations":
                observation.counted_under = LegalBasis.RELATED_ARTICLES
                observation.definition_note = KG_NOTE
            observations.append(observation)
        Observation.objects.bulk_create(observations)
