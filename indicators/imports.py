"""Import national figures from a table (CSV or XLSX) the secretariat has received or compiled.

One row per observation: the country, the indicator, the year, at most one breakdown value, the
count. Every row is checked by `services.observations_validate` (the same rules as a
questionnaire's statistics table: counts, breakdowns against totals, sexes adding up, years,
jumps as warnings) and every problem is reported against the spreadsheet's own row number. Only
a file without errors is saved, all countries in one transaction and one revision. A downloaded
tidy CSV can be read back: its descriptive columns are ignored and `_T` means "all".

The preview tells, per cell, whether it is new, changes a stored figure or repeats it; the
confirmation checks again under lock that the stored figures are still the ones previewed, so a
stale preview or a second confirmation changes nothing unseen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from monitoring import access, table_upload
from monitoring.models import Country
from reports.models import Report

from . import selectors, services, system_messages
from .models import DIMENSIONS, Indicator, Observation
from .services import CellMessage

COLUMNS = [  # (name, required)
    ("country_iso", True),
    ("indicator", True),
    ("year", True),
    *((name, False) for name in DIMENSIONS),
    ("value", True),
    ("counted_under", False),
    ("definition_note", False),
    ("source", False),
    ("note", False),
]
KNOWN = {name for name, _required in COLUMNS}
IGNORED = set(selectors.TIDY_COLUMNS) - KNOWN  # a tidy download can be read back
TOTAL = "_T"  # SDMX's and the tidy download's "all" in a breakdown column
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
NOTHING_STORED = -1  # the stored value a preview saw for a new cell (kept as JSON in the session)
PREVIEW_ROWS = 300  # the preview lists this many cells; the counts cover all of them


class Change:
    NEW = "new"
    CHANGED = "changed"
    SAME = "same"


@dataclass
class PlannedObservation:
    row: int
    country: Country
    cleaned: dict  # the row as `services.observations_validate` cleaned it
    stored: int | None

    @property
    def indicator(self) -> Indicator:
        return self.cleaned["indicator"]

    @property
    def year(self) -> int:
        return self.cleaned["year"]

    @property
    def value(self) -> int:
        return self.cleaned["value"]

    @property
    def breakdown(self) -> dict[str, str]:
        return {name: self.cleaned[name] for name in DIMENSIONS if self.cleaned[name]}

    @property
    def breakdown_display(self) -> str:
        """ "sex: female" in the reader's language; "" for a total."""
        return "; ".join(
            f"{Observation._meta.get_field(name).verbose_name}: {DIMENSIONS[name][1](value).label}"
            for name, value in self.breakdown.items()
        )

    @property
    def change(self) -> str:
        if self.stored is None:
            return Change.NEW
        return Change.SAME if self.stored == self.value else Change.CHANGED


@dataclass
class ImportPlan:
    items: list[PlannedObservation] = field(default_factory=list)
    errors: list[CellMessage] = field(default_factory=list)
    warnings: list[CellMessage] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # as read, each with the stored value seen
    published_countries: set[int] = field(default_factory=set)  # figures public once saved

    def counts(self) -> dict[str, int]:
        return self._count(self.items)

    def by_country(self) -> list[tuple[Country, dict[str, int], bool]]:
        """Per country: the counts of new, changed and unchanged cells, and whether the figures
        are public as soon as they are saved (the country has a published report)."""
        grouped: dict[Country, list[PlannedObservation]] = defaultdict(list)
        for item in self.items:
            grouped[item.country].append(item)
        return sorted(
            (
                (country, self._count(items), country.pk in self.published_countries)
                for country, items in grouped.items()
            ),
            key=lambda summary: str(summary[0].name),
        )

    @staticmethod
    def _count(items: list[PlannedObservation]) -> dict[str, int]:
        counts = dict.fromkeys((Change.NEW, Change.CHANGED, Change.SAME), 0)
        for item in items:
            counts[item.change] += 1
        return counts

    def preview(self) -> list[PlannedObservation]:
        """The cells to show: what changes first, then what is new, repeated figures last."""
        order = {Change.CHANGED: 0, Change.NEW: 1, Change.SAME: 2}
        return sorted(self.items, key=lambda item: (order[item.change], item.row))[:PREVIEW_ROWS]


def too_large() -> str:
    return table_upload.too_large(MAX_BYTES)


def read_file(uploaded) -> list[dict]:
    """The rows of an uploaded CSV or XLSX file (see monitoring.table_upload.read_table)."""
    return table_upload.read_table(
        uploaded, columns=COLUMNS, ignored=IGNORED, max_bytes=MAX_BYTES, max_rows=MAX_ROWS
    )


def _normalised(row: dict) -> dict:
    row = {name: str(row.get(name) or "").strip() for name in KNOWN} | {
        "row": int(row["row"]),
        "seen": row.get("seen"),
    }
    for name in DIMENSIONS:
        if row[name].upper() == TOTAL:
            row[name] = ""
    row["country_iso"] = row["country_iso"].upper()
    return row


def plan_import(
    rows: Sequence[dict], *, reference_years: range | None = None, lock: bool = False
) -> ImportPlan:
    """Check every row; the plan lists every error and warning by the file's row numbers, or
    the cells that will be saved with the value stored now.

    A row read back from a preview carries the stored value seen then (`seen`); if the stored
    figure has changed since, the row is refused."""
    rows = [_normalised(row) for row in rows]
    plan = ImportPlan()
    isos = {row["country_iso"] for row in rows}
    countries = {c.iso_code: c for c in Country.objects.filter(iso_code__in=isos)}
    known: list[dict] = []
    for row in rows:
        if not row["country_iso"]:
            plan.errors.append(
                CellMessage(row["row"], "country_iso", _("Give the country's ISO code, e.g. KG."))
            )
        elif row["country_iso"] not in countries:
            plan.errors.append(
                CellMessage(
                    row["row"],
                    "country_iso",
                    _("Unknown country: %(value)s") % {"value": row["country_iso"]},
                )
            )
        else:
            known.append(row)
    check = services.observations_validate(
        rows=[{**row, "country": countries[row["country_iso"]]} for row in known],
        reference_years=reference_years,
        row_numbers=[row["row"] for row in known],
        lock=lock,
    )
    plan.errors = sorted(plan.errors + check.errors, key=lambda message: message.row)
    plan.warnings = check.warnings
    if plan.errors or not known:
        return plan

    # Figures without a response are public once their country has a published report
    # (monitoring.access, rule indicators.observation): the preview says so before saving.
    plan.published_countries = set(
        Report.objects.filter(
            published_at__isnull=False,
            evaluation__country_id__in={country.pk for country in countries.values()},
        ).values_list("evaluation__country_id", flat=True)
    )
    for row, clean in zip(known, check.rows, strict=True):
        now = check.stored.get(services.cell_key(clean))
        seen = NOTHING_STORED if now is None else now
        if row["seen"] is not None and row["seen"] != seen:
            plan.errors.append(
                CellMessage(
                    row["row"],
                    "value",
                    _("The stored figure has changed since the preview (now %(now)s).")
                    % {"now": now if now is not None else "—"},
                )
            )
            continue
        plan.items.append(
            PlannedObservation(row=row["row"], country=clean["country"], cleaned=clean, stored=now)
        )
        plan.rows.append({**row, "seen": seen})
    if plan.errors:
        plan.items, plan.rows = [], []
    return plan


def import_observations(
    *, rows: Sequence[dict], actor, reference_years: range | None = None, source: str = ""
) -> ImportPlan:
    """Save the rows' figures, all or nothing, checked again under lock (see plan_import)."""
    access.require_secretariat(actor)
    with transaction.atomic(), reversion.create_revision():
        plan = plan_import(rows, reference_years=reference_years, lock=True)
        if plan.errors:
            raise ValidationError([str(message) for message in plan.errors])
        # Checked above, in this transaction and under its locks: stored as checked.
        services.observations_store(
            check=services.TableCheck(rows=[item.cleaned for item in plan.items])
        )
        reversion.set_user(actor)
        reversion.set_comment(
            system_messages.FIGURES_IMPORTED.encode(count=len(plan.items), source=source or "")
        )
    return plan
