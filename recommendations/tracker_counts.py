"""The tracker's counts kept per combination of facet values (`TrackerCount`), so that the
tracker counts without scanning the recommendations.

Why: at 265,000 recommendations the tracker's page spent most of its 575 to 710 ms in three
grouped counts over every public row (issue 20). A report's recommendations share few
combinations of strength, status, themes, SDG target and addressees, so the counts of any
selection of facets are sums over a few thousand rows, read in one query and summed here.

Exact by construction: `refresh` recomputes the combinations of the reports a write touches,
in the write's transaction, from `tracker.published()` (the public's rule in
`monitoring.access`, so a draft, or a recommendation a correction adds, never counts). The
write funnels call it: `copy_to_published` (publication, a published correction, bulk data)
and `refresh_current_status` (an assessment, bulk assessments); a report deleted takes its
rows along; an addressee deleted refreshes the reports it was addressed in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections
from django.db.models.signals import post_delete, pre_delete

from monitoring import data_version
from monitoring.models import Organisation

from .models import Recommendation, TrackerCount, TrackerEntry

NO_ADDRESSEE = ","
PUBLISHED_ADDRESSEES = Recommendation.published_addressees.through
# The order of the tracker's strength sort: "urges" first, as the choices are listed.
STRENGTH_RANKS = {value: rank for rank, value in enumerate(Recommendation.Strength.values)}


def addressee_key(ids: Iterable[int]) -> str:
    ids = sorted(set(ids))
    return "," + "".join(f"{pk}," for pk in ids) if ids else NO_ADDRESSEE


def addressees_of(key: str) -> list[int]:
    return [int(pk) for pk in key.strip(",").split(",") if pk]


def refresh(report_ids: Iterable[int]) -> int:
    """Recount the public recommendations of the reports `report_ids`, and write their entries;
    the combinations written."""
    from .tracker import published  # the tracker reads this module

    report_ids = set(report_ids)
    if not report_ids:
        return 0
    data_version.bump()  # its bulk writes send no signals
    TrackerEntry.objects.filter(combination__report_id__in=report_ids).delete()
    TrackerCount.objects.filter(report_id__in=report_ids).delete()
    public = published().filter(report_id__in=report_ids)
    addressees = defaultdict(list)
    for recommendation_id, organisation_id in PUBLISHED_ADDRESSEES.objects.filter(
        recommendation__in=public.values("pk")
    ).values_list("recommendation_id", "organisation_id"):
        addressees[recommendation_id].append(organisation_id)
    members: dict[tuple, list[TrackerEntry]] = defaultdict(list)
    for pk, report_id, strength, status, mask, sdg, number, country, round_number, at in (
        public.order_by()
        .values_list(
            "pk",
            "report_id",
            "published_strength",
            "current_status",
            "published_theme_mask",
            "published_sdg_target",
            "number",
            "report__evaluation__country__iso_code",
            "report__evaluation__round__number",
            "report__published_at",
        )
        .iterator(chunk_size=5000)
    ):
        key = (report_id, strength, status, mask, sdg, addressee_key(addressees.get(pk, ())))
        members[key].append(
            TrackerEntry(
                recommendation_id=pk,
                country=country,
                round=round_number,
                number=number,
                published_at=at,
                strength_rank=STRENGTH_RANKS.get(strength, len(STRENGTH_RANKS)),
            )
        )
    kept = TrackerCount.objects.bulk_create(
        (
            TrackerCount(
                report_id=report_id,
                strength=strength,
                status=status,
                theme_mask=mask,
                sdg_target=sdg,
                addressees=key,
                count=len(entries),
            )
            for (report_id, strength, status, mask, sdg, key), entries in members.items()
        ),
        batch_size=2000,
    )
    for combination, entries in zip(kept, members.values(), strict=True):
        for entry in entries:
            entry.combination_id = combination.pk
    TrackerEntry.objects.bulk_create(
        (entry for entries in members.values() for entry in entries), batch_size=5000
    )
    return len(kept)


def rebuild() -> int:
    """Every report recounted (after `migrate`, when the table is new)."""
    from reports.models import Report

    TrackerEntry.objects.all().delete()
    TrackerCount.objects.all().delete()
    reports = list(Report.objects.filter(published_at__isnull=False).values_list("pk", flat=True))
    # A few reports at a time, so that memory stays bounded at hundreds of thousands of rows.
    return sum(refresh(reports[start : start + 50]) for start in range(0, len(reports), 50))


def fill_after_migrate(using: str = "default", **kwargs) -> None:
    """After `migrate`: an installation's published recommendations counted once (not when
    `migrate` went back to before the table)."""
    from .tracker import published

    if TrackerEntry._meta.db_table not in connections[using].introspection.table_names():
        return
    if not TrackerEntry.objects.exists() and published().exists():
        rebuild()


# --- An addressee deleted: its reports recounted once its rows are gone ------------------------


def _addressee_deleting(sender, instance: Organisation, **kwargs) -> None:
    instance._tracker_reports = set(
        PUBLISHED_ADDRESSEES.objects.filter(organisation=instance).values_list(
            "recommendation__report_id", flat=True
        )
    )


def _addressee_deleted(sender, instance: Organisation, **kwargs) -> None:
    refresh(getattr(instance, "_tracker_reports", ()))


def connect() -> None:
    pre_delete.connect(_addressee_deleting, sender=Organisation, dispatch_uid="tracker-counts-pre")
    post_delete.connect(_addressee_deleted, sender=Organisation, dispatch_uid="tracker-counts")


# --- Reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Combination:
    """One `TrackerCount` row, with its report's country and round."""

    pk: int
    country: str
    country_name: str
    round: int
    strength: str
    status: str
    theme_mask: int
    sdg_target: str
    addressees: tuple[int, ...]
    count: int


# The rows last read, per version and name column: every worker reads the same rows for the
# same version, so this memory never answers differently from another worker's.
_read: dict[tuple[str, str], list[Combination]] = {}


def combinations(name_field: str, version: data_version.Version | None = None) -> list[Combination]:
    """Every row: one query when the data changed since this process last read them, and the
    version's when it is not given. Not to be changed by the caller."""
    version = version or data_version.current()
    key = (version.token, name_field)
    if key not in _read:
        rows = _combinations(name_field)
        for kept in [k for k in _read if k[0] != version.token]:
            _read.pop(kept, None)
        _read[key] = rows
    return _read[key]


def forget_read() -> None:
    """Drop the rows this process keeps, so the next reader reads them as after a change (the
    tests and benchmarks measure that first read)."""
    _read.clear()


def _combinations(name_field: str) -> list[Combination]:
    rows = TrackerCount.objects.values_list(
        "pk",
        "report__evaluation__country__iso_code",
        f"report__evaluation__country__{name_field}",
        "report__evaluation__round__number",
        "strength",
        "status",
        "theme_mask",
        "sdg_target",
        "addressees",
        "count",
    )
    return [
        Combination(
            pk, iso, name, number, strength, status, mask, sdg, tuple(addressees_of(key)), n
        )
        for pk, iso, name, number, strength, status, mask, sdg, key, n in rows
    ]
