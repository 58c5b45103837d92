"""Reads of the statistics: what may be published, small-count suppression, the comparison table
and the tidy / SDMX-CSV rows.

Publication scope comes from `monitoring.access` (rule `indicators.observation`): the expert
group reads every figure; anyone else only figures from a submitted response in an evaluation
whose report is published, or, for figures the secretariat entered without a response, figures
of a country that has a published report.

Suppression works on one *published table*: one country x indicator x year, its total and its
one-dimension breakdowns (by sex, by age group, ...). Each breakdown whose cells add up to the
total is an equation an attacker can subtract in; a cell is hidden so that no such equation ever
has exactly one hidden member (see `suppress_table`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from monitoring import access
from monitoring.models import Country

from .models import DIMENSIONS, Indicator, LegalBasis, Observation

BLANK = ("",) * len(DIMENSIONS)
Key = tuple[str, ...]  # the breakdown values in DIMENSIONS order; BLANK is the total


class Hidden(StrEnum):
    PRIMARY = "primary"  # a small count of persons
    SECONDARY = "secondary"  # hidden so that a small count cannot be derived by subtraction


class Comparability(StrEnum):
    SAME = "same"
    DIFFERENT = "different"
    ESTIMATE = "estimate"


def comparability_label(value: Comparability) -> str:
    return {
        Comparability.SAME: _("same definition"),
        Comparability.DIFFERENT: _("different definition"),
        Comparability.ESTIMATE: _("estimate"),
    }[value]


def observations_for(user, *, indicator: Indicator | None = None) -> QuerySet[Observation]:
    """The observations `user` may read (published only for the public)."""
    queryset = Observation.objects.all()
    if indicator is not None:
        queryset = queryset.filter(indicator=indicator)
    return access.visible(user, queryset)


def published_indicators() -> QuerySet[Indicator]:
    return access.visible(None, Indicator.objects.all())


# --- Suppression --------------------------------------------------------------------------------


def _relations(cells: Mapping[Key, int]) -> list[list[Key]]:
    """The additive equations of one table: total = sum of one dimension's cells, when the cells
    given really add up to the total (only then can a hidden one be found by subtraction)."""
    if BLANK not in cells:
        return []
    relations = []
    for position in range(len(DIMENSIONS)):
        members = [
            key
            for key in cells
            if key[position] and all(not v for i, v in enumerate(key) if i != position)
        ]
        if members and sum(cells[key] for key in members) == cells[BLANK]:
            relations.append([BLANK, *sorted(members)])
    return relations


def suppress_table(
    cells: Mapping[Key, int], *, threshold: int = 5, enabled: bool = True
) -> dict[Key, Hidden]:
    """Which cells of one published table to hide, and why.

    Primary: a count from 1 to threshold - 1. Complementary: while an additive equation has
    exactly one hidden member, also hide its smallest visible non-zero breakdown cell (or, failing
    that, its total, which is shared with the other breakdowns, so the loop runs again)."""
    if not enabled:
        return {}
    hidden = {key: Hidden.PRIMARY for key, value in cells.items() if 0 < value < threshold}
    if not hidden:
        return hidden
    relations = _relations(cells)
    changed = True
    while changed:
        changed = False
        for relation in relations:
            if sum(key in hidden for key in relation) != 1:
                continue
            visible_cells = [key for key in relation[1:] if key not in hidden]
            candidates = sorted(
                visible_cells, key=lambda key: (cells[key] == 0, cells[key], key)
            ) or ([BLANK] if BLANK not in hidden else [])
            if candidates:
                hidden[candidates[0]] = Hidden.SECONDARY
                changed = True
    return hidden


def display_value(value: int | None, hidden: Hidden | None, threshold: int) -> str:
    if value is None:
        return ""
    if hidden == Hidden.PRIMARY:
        return f"< {threshold}"
    if hidden == Hidden.SECONDARY:
        return "c"
    return str(value)


# --- Comparison: one indicator, country x year ------------------------------------------------


@dataclass(frozen=True)
class TableCell:
    """One total of the comparison table, suppressed and flagged."""

    raw: int
    hidden: Hidden | None
    comparability: Comparability
    threshold: int

    @property
    def value(self) -> int | None:
        return None if self.hidden else self.raw

    @property
    def display(self) -> str:
        return display_value(self.raw, self.hidden, self.threshold)


@dataclass
class ComparisonRow:
    country: Country
    cells: list[TableCell | None]
    notes: list[str] = field(default_factory=list)


@dataclass
class ComparisonTable:
    indicator: Indicator
    years: list[int]
    rows: list[ComparisonRow]
    has_demonstration: bool

    @property
    def has_data(self) -> bool:
        return any(cell for row in self.rows for cell in row.cells)


_COMPARISON_FIELDS = (
    "country_id",
    "year",
    *DIMENSIONS,
    "value",
    "status",
    "counted_under",
    "definition_note",
    "is_demonstration",
)


def comparison_table(*, user, indicator: Indicator) -> ComparisonTable:
    """The totals of one indicator by country and year, suppressed and flagged, in two queries
    (countries, observations) whatever the number of countries and years. Every breakdown cell
    is read too (as plain tuples), because suppressing a total depends on its breakdowns."""
    countries = list(Country.objects.filter(is_evaluated=True).order_by("name_en"))
    records = (
        observations_for(user, indicator=indicator)
        .order_by("country_id", "year")
        .values_list(*_COMPARISON_FIELDS)
    )
    width = len(DIMENSIONS)
    threshold = indicator.suppression_threshold
    totals: dict[tuple[int, int], TableCell] = {}
    notes: dict[int, list[str]] = {}
    demonstration = False
    for (country_id, year), group in itertools.groupby(records, key=lambda r: (r[0], r[1])):
        group = list(group)
        hidden = suppress_table(
            {r[2 : 2 + width]: r[2 + width] for r in group},
            threshold=threshold,
            enabled=indicator.suppresses,
        )
        for record in group:
            key, value = record[2 : 2 + width], record[2 + width]
            status, counted_under, note, is_demo = record[3 + width :]
            demonstration = demonstration or is_demo
            if status == Observation.Status.ESTIMATED:
                comparability = Comparability.ESTIMATE
            elif counted_under and counted_under != indicator.legal_basis:
                comparability = Comparability.DIFFERENT
                note = note or _("Counted as: %(basis)s.") % {
                    "basis": LegalBasis(counted_under).label
                }
                country_notes = notes.setdefault(country_id, [])
                if note not in country_notes:
                    country_notes.append(note)
            else:
                comparability = Comparability.SAME
            if key == BLANK:
                totals[(country_id, year)] = TableCell(
                    value, hidden.get(key), comparability, threshold
                )
    years = sorted({year for _country, year in totals})
    rows = [
        ComparisonRow(
            country,
            [totals.get((country.pk, year)) for year in years],
            notes.get(country.pk, []),
        )
        for country in countries
    ]
    return ComparisonTable(indicator, years, rows, demonstration)


# --- Downloads ----------------------------------------------------------------------------------

TIDY_COLUMNS = [
    "country_iso",
    "country",
    "indicator",
    "indicator_name",
    "unit",
    "year",
    *DIMENSIONS,
    "value",
    "value_shown",
    "suppressed",
    "verification",
    "comparability",
    "counted_under",
    "definition_note",
    "source",
    "demonstration",
]

SDMX_DATAFLOW = "THBMON:DF_THB_STATISTICS(1.0)"
SDMX_COLUMNS = [
    "DATAFLOW",
    "REF_AREA",
    "INDICATOR",
    "TIME_PERIOD",
    "SEX",
    "AGE",
    "EXPLOITATION_FORM",
    "CITIZENSHIP",
    "PROCEEDINGS_STAGE",
    "OBS_VALUE",
    "OBS_STATUS",
    "CONF_STATUS",
    "UNIT_MEASURE",
    "COMPARABILITY",
]
_SDMX_AGE = {"child": "Y_LT18", "adult": "Y_GE18"}
_SDMX_CONF = {None: "F", Hidden.PRIMARY: "C", Hidden.SECONDARY: "D"}


_EXPORT_FIELDS = (
    "indicator_id",
    "country_id",
    "year",
    *DIMENSIONS,
    "value",
    "status",
    "counted_under",
    "definition_note",
    "source",
    "is_demonstration",
    "country__iso_code",
    "country__name_en",
    "indicator__code",
    "indicator__name_en",
    "indicator__unit",
    "indicator__legal_basis",
    "indicator__suppress_small_counts",
    "indicator__suppression_threshold",
)


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """One observation as the downloads need it: read as a plain row, not a model instance
    (the export streams every published observation)."""

    indicator_id: int
    country_id: int
    year: int
    sex: str
    age_group: str
    exploitation_form: str
    citizenship: str
    proceedings_stage: str
    value: int
    status: str
    counted_under: str
    definition_note: str
    source: str
    is_demonstration: bool
    country_iso: str
    country_name: str
    code: str
    name: str
    unit: str
    legal_basis: str
    suppress_small_counts: bool
    threshold: int

    @property
    def key(self) -> Key:
        return (
            self.sex,
            self.age_group,
            self.exploitation_form,
            self.citizenship,
            self.proceedings_stage,
        )


def _export_cells(
    user, indicator: Indicator | None
) -> Iterator[tuple[ExportRecord, Hidden | None, Comparability]]:
    records = (
        observations_for(user, indicator=indicator)
        .order_by("indicator_id", "country_id", "year", *DIMENSIONS)
        .values_list(*_EXPORT_FIELDS)
        .iterator(chunk_size=5000)
    )
    rows = (ExportRecord(*record) for record in records)
    for _table, group in itertools.groupby(
        rows, key=lambda r: (r.indicator_id, r.country_id, r.year)
    ):
        group = list(group)
        first = group[0]
        hidden = suppress_table(
            {r.key: r.value for r in group},
            threshold=first.threshold,
            enabled=first.suppress_small_counts and first.unit == "persons",
        )
        for r in group:
            if r.status == Observation.Status.ESTIMATED:
                comparability = Comparability.ESTIMATE
            elif r.counted_under and r.counted_under != r.legal_basis:
                comparability = Comparability.DIFFERENT
            else:
                comparability = Comparability.SAME
            yield r, hidden.get(r.key), comparability


def tidy_rows(*, user, indicator: Indicator | None = None) -> Iterator[list]:
    """One row per observation (long format), suppressed cells without a value."""
    yield TIDY_COLUMNS
    for r, hidden, comparability in _export_cells(user, indicator):
        yield [
            r.country_iso,
            r.country_name,
            r.code,
            r.name,
            r.unit,
            r.year,
            *(value or "_T" for value in r.key),
            "" if hidden else r.value,
            display_value(r.value, hidden, r.threshold),
            hidden or "",
            r.status,
            comparability,
            r.counted_under or r.legal_basis,
            r.definition_note,
            r.source,
            "yes" if r.is_demonstration else "no",
        ]


def sdmx_rows(*, user, indicator: Indicator | None = None) -> Iterator[list]:
    """SDMX-CSV (version 1): one column per dimension, `_T` for the total of a dimension."""
    yield SDMX_COLUMNS
    for r, hidden, comparability in _export_cells(user, indicator):
        yield [
            SDMX_DATAFLOW,
            r.country_iso,
            r.code.upper().replace("-", "_"),
            r.year,
            r.sex or "_T",
            _SDMX_AGE.get(r.age_group, "_T"),
            r.exploitation_form.upper() or "_T",
            r.citizenship.upper() or "_T",
            r.proceedings_stage.upper() or "_T",
            "" if hidden else r.value,
            "E" if r.status == Observation.Status.ESTIMATED else "A",
            _SDMX_CONF[hidden],
            r.unit.upper(),
            comparability.upper(),
        ]
