"""The recommendation tracker's query: one filter, read from a URL, that the public tracker page,
its downloads, its charts and the open-data API all apply in the same way.

Only recommendations of published reports are ever in it (scoped through `monitoring.access`
as the public), and only as published: words, strength, themes, addressees and SDG target are
read from each recommendation's published copy (`published_*`, written by the publication), so
a correction in progress changes nothing here until it is published. Facet counts follow the
usual rule of faceted search: each facet is counted with every other facet's selection applied
but not its own, so a visitor sees how many results each other value would give. Every
function runs a fixed number of queries, whatever the data size.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import reduce
from operator import attrgetter, or_
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from monitoring import access, data_version, search
from monitoring.i18n import active_language
from monitoring.models import Organisation
from monitoring.search import index

from . import exports, selectors, tracker_counts
from .models import (
    AssessmentStatus,
    Recommendation,
    Theme,
    TrackerCount,
    TrackerEntry,
    theme_mask_of,
)

OVERVIEW_SECONDS = 60 * 60 * 24  # a new version makes new keys; old ones expire
FACETS = ("country", "round", "strength", "theme", "status", "addressee", "sdg")
INTEGER_FACETS = {"round", "addressee"}
CHOICES = {
    "strength": dict(Recommendation.Strength.choices),
    "theme": dict(Theme.choices),
    "status": dict(AssessmentStatus.choices),
}
FACET_LABELS = {
    "country": _("Country"),
    "round": _("Round"),
    "strength": _("Strength"),
    "theme": _("Theme"),
    "status": _("Status"),
    "addressee": _("Addressee"),
    "sdg": _("SDG target"),
}
SORTS = {  # name: (label, ordering of the recommendations, ordering of `TrackerEntry`)
    "country": (
        _("Country, round and number"),
        ("report__evaluation__country__iso_code", "report__evaluation__round__number", "number"),
        ("country", "round", "number"),
    ),
    "-published": (
        _("Newest report first"),
        ("-report__published_at", "report__evaluation__country__iso_code", "number"),
        ("-published_at", "country", "number"),
    ),
    "strength": (
        _("Strength (urges first)"),
        ("strength_rank", "report__published_at", "number"),
        ("strength_rank", "published_at", "number"),
    ),
    "number": (
        _("Number"),
        ("number", "report__evaluation__country__iso_code"),
        ("number", "country"),
    ),
}
DEFAULT_SORT = "country"
PER_PAGE = 20
MAX_VALUES = 30  # per facet: more is not a filter a person writes
MAX_VALUE_LENGTH = 64
PUBLISHED_ADDRESSEES = Recommendation.published_addressees.through


@dataclass(frozen=True)
class TrackerFilter:
    """The tracker's filter. `selected` holds the recognised values per facet; `invalid` the
    values that cannot be a value of their facet (a round that is not a number): any invalid
    value empties the result, and both are shown back to the visitor."""

    selected: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    invalid: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    q: str = ""
    sort: str = DEFAULT_SORT
    page: str = "1"

    @property
    def query(self) -> search.Query:
        """`q` read as a search (`monitoring.search.query`); punctuation alone gives none."""
        return search.parse(self.q)

    @property
    def is_filtered(self) -> bool:
        return bool(self.query.items or any(self.selected.values()) or any(self.invalid.values()))

    def values(self, facet: str) -> tuple[str, ...]:
        return self.selected.get(facet, ())

    def params(self) -> list[tuple[str, str]]:
        """The filter as query parameters (without the page), for links and downloads."""
        pairs = [
            (facet, value)
            for facet in FACETS
            for value in (*self.selected.get(facet, ()), *self.invalid.get(facet, ()))
        ]
        if self.q:
            pairs.append(("q", self.q))
        if self.sort != DEFAULT_SORT:
            pairs.append(("sort", self.sort))
        return pairs

    def querystring(self, **changes: object) -> str:
        """This filter's query string with one facet value toggled (`toggle=("theme", "x")`),
        the sort changed (`sort="number"`) or a page chosen (`page=3`)."""
        pairs = self.params()
        toggle = changes.get("toggle")
        if toggle is not None:
            pairs = [p for p in pairs if p != toggle] if toggle in pairs else [*pairs, toggle]
        if "sort" in changes:
            pairs = [p for p in pairs if p[0] != "sort"]
            if changes["sort"] != DEFAULT_SORT:
                pairs.append(("sort", str(changes["sort"])))
        if changes.get("page") not in (None, 1, "1"):
            pairs.append(("page", str(changes["page"])))
        return urlencode(pairs)


def _clean(value: str) -> str:
    # Stripped again after the cut, so that reading the filter's own links gives it back.
    return "".join(ch for ch in value if ch.isprintable()).strip()[:MAX_VALUE_LENGTH].rstrip()


def parse(params) -> TrackerFilter:
    """Read a filter from query parameters (a QueryDict or a mapping of lists). Never raises:
    whatever a URL holds becomes a filter that can be shown back."""
    getlist = params.getlist if hasattr(params, "getlist") else lambda key: params.get(key, [])
    selected: dict[str, tuple[str, ...]] = {}
    invalid: dict[str, tuple[str, ...]] = {}
    for facet in FACETS:
        values = [v for v in dict.fromkeys(_clean(v) for v in getlist(facet)[:MAX_VALUES]) if v]
        if facet == "country":
            values = [v.upper() for v in values]
        good = [v for v in values if _is_valid(facet, v)]
        bad = [v for v in values if v not in good]
        if good:
            selected[facet] = tuple(good)
        if bad:
            invalid[facet] = tuple(bad)
    q_values = getlist("q")
    sort_values = getlist("sort")
    page_values = getlist("page")
    sort = _clean(sort_values[-1]) if sort_values else DEFAULT_SORT
    return TrackerFilter(
        selected=selected,
        invalid=invalid,
        q=" ".join(_clean(q_values[-1]).split())[:200] if q_values else "",
        sort=sort if sort in SORTS else DEFAULT_SORT,
        page=_clean(page_values[-1]) if page_values else "1",
    )


def _is_valid(facet: str, value: str) -> bool:
    if facet in INTEGER_FACETS:
        return value.isascii() and value.isdigit() and len(value) < 10
    if facet in CHOICES:
        return value in CHOICES[facet]
    return True  # countries and SDG targets: an unknown one simply matches nothing


def published() -> QuerySet[Recommendation]:
    """Every recommendation the public reads: those of published reports."""
    return access.visible(
        AnonymousUser(), Recommendation.objects.filter(report__published_at__isnull=False)
    )


def filtered(tracker: TrackerFilter, *, skip: str | None = None) -> QuerySet[Recommendation]:
    """The recommendations matching `tracker`, leaving out the facet `skip` (for its counts)."""
    recommendations = published()
    if any(tracker.invalid.values()):
        return recommendations.none()
    conditions = {
        "country": lambda v: Q(report__evaluation__country__iso_code__in=v),
        "round": lambda v: Q(report__evaluation__round__number__in=[int(x) for x in v]),
        "strength": lambda v: Q(published_strength__in=v),
        # Any of the themes: a bit of theirs in the recommendation's mask.
        "theme": lambda v: Q(GreaterThan(F("published_theme_mask").bitand(theme_mask_of(v)), 0)),
        "status": lambda v: Q(current_status__in=v),
        "addressee": lambda v: Q(
            pk__in=PUBLISHED_ADDRESSEES.objects.filter(
                organisation_id__in=[int(x) for x in v]
            ).values("recommendation_id")
        ),
        "sdg": lambda v: Q(published_sdg_target__in=v),
    }
    for facet, values in tracker.selected.items():
        if values and facet != skip:
            recommendations = recommendations.filter(conditions[facet](values))
    query = tracker.query
    if query.items:
        # The English or the Russian published wording matches the whole query.
        recommendations = recommendations.filter(
            index.condition(Recommendation, TEXT_FIELDS, query)
        )
    return recommendations


# --- Facet counts ----------------------------------------------------------------------------


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False

    @property
    def count_text(self) -> str:
        """The count as a screen reader says it."""
        return ngettext("%(counter)s recommendation", "%(counter)s recommendations", self.count) % {
            "counter": self.count
        }


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption]
    invalid: tuple[str, ...] = ()


def _name_field() -> str:
    return f"name_{active_language()}"


def _labelled(facet: str, found: dict) -> list[tuple[str, str, int]]:
    """(value, label, count) of the values counted in `found`, blank ones left out, in the
    facet's order: its choices' order, rounds by number, other values sorted."""
    if facet == "round":
        return [
            (str(number), str(_("Round %(number)s") % {"number": number}), found[number])
            for number in sorted(found)
        ]
    labels = CHOICES.get(facet, {})
    order = list(labels) if labels else sorted(value for value in found if value)
    return [
        (value, str(labels.get(value, value)), found[value]) for value in order if found.get(value)
    ]


def _grouped(recommendations: QuerySet[Recommendation], column: str) -> dict:
    return dict(recommendations.order_by().values_list(column).annotate(n=Count("pk")))


def _counts(tracker: TrackerFilter, facet: str) -> list[tuple[str, str, int]]:
    """(value, label, count) of one facet, in one query."""
    base = filtered(tracker, skip=facet)
    chosen = base.values("pk")
    name = _name_field()
    if facet == "country":
        rows = (
            base.values_list(
                "report__evaluation__country__iso_code", f"report__evaluation__country__{name}"
            )
            .annotate(n=Count("pk"))
            .order_by(f"report__evaluation__country__{name}")
        )
        return [(iso, label, n) for iso, label, n in rows]
    if facet == "round":
        return _labelled(facet, _grouped(base, "report__evaluation__round__number"))
    if facet in ("strength", "sdg", "status"):
        column = {
            "strength": "published_strength",
            "sdg": "published_sdg_target",
            "status": "current_status",
        }[facet]
        return _labelled(facet, _grouped(base, column))
    if facet == "theme":
        rows = (
            base.order_by()
            .values_list("published_theme_mask", "current_status")
            .annotate(n=Count("pk"))
        )
        return [(r.key, r.label, r.total) for r in selectors.status_rows_by_theme(rows)]
    if facet == "addressee":
        rows = (
            PUBLISHED_ADDRESSEES.objects.filter(recommendation__in=chosen)
            .values_list("organisation_id", f"organisation__{name}")
            .annotate(n=Count("recommendation_id"))
            .order_by(f"organisation__{name}")
        )
        return [(str(pk), label, n) for pk, label, n in rows]
    raise ValueError(f"Unknown facet {facet!r}")


def facets(
    tracker: TrackerFilter, *, known: dict[str, list[tuple[str, str, int]]] | None = None
) -> list[Facet]:
    """Every facet with its values and counts; selected values are kept even at zero, so the
    visitor can always unselect them. One query per facet, except those in `known`."""
    known = known or {}
    result = []
    for facet in FACETS:
        chosen = set(tracker.values(facet))
        counts = known[facet] if facet in known else _counts(tracker, facet)
        options = [
            FacetOption(value, label, count, value in chosen) for value, label, count in counts
        ]
        present = {option.value for option in options}
        labels = CHOICES.get(facet, {})
        options += [
            FacetOption(value, str(labels.get(value, value)), 0, True)
            for value in tracker.values(facet)
            if value not in present
        ]
        result.append(
            Facet(facet, str(FACET_LABELS[facet]), options, tracker.invalid.get(facet, ()))
        )
    return result


# --- Results ---------------------------------------------------------------------------------


TEXT_FIELDS = ("published_text_en", "published_text_ru")


def _combinations_meeting(tracker: TrackerFilter) -> QuerySet[TrackerCount]:
    """The kept combinations meeting every facet selection of `tracker` (the rule of `filtered`,
    on `TrackerCount`'s columns)."""
    conditions = {
        "country": lambda v: Q(report__evaluation__country__iso_code__in=v),
        "round": lambda v: Q(report__evaluation__round__number__in=[int(x) for x in v]),
        "strength": lambda v: Q(strength__in=v),
        "theme": lambda v: Q(GreaterThan(F("theme_mask").bitand(theme_mask_of(v)), 0)),
        "status": lambda v: Q(status__in=v),
        # Digits between commas (",3,17,"): no value can be a pattern's wildcard.
        "addressee": lambda v: reduce(or_, (Q(addressees__contains=f",{x},") for x in v)),
        "sdg": lambda v: Q(sdg_target__in=v),
    }
    combinations = TrackerCount.objects.all()
    for facet, values in tracker.selected.items():
        if values:
            combinations = combinations.filter(conditions[facet](values))
    return combinations


def entries(tracker: TrackerFilter) -> QuerySet[TrackerEntry]:
    """The `TrackerEntry` rows of the recommendations matching `tracker`: the facets through
    their combination (a few thousand rows), the words through the search index."""
    found = TrackerEntry.objects.all()
    if any(tracker.invalid.values()):
        return found.none()
    if any(tracker.selected.values()):
        found = found.filter(combination__in=_combinations_meeting(tracker).values("pk"))
    # The same selections on the entries' own sort columns: the planner then starts the sort's
    # index where they begin (a country sorted last was read after every other one).
    if countries := tracker.values("country"):
        found = found.filter(country__in=countries)
    if rounds := [int(value) for value in tracker.values("round")]:
        found = found.filter(round__in=rounds)
    if strengths := tracker.values("strength"):
        ranks = [tracker_counts.STRENGTH_RANKS[value] for value in strengths]
        found = found.filter(strength_rank__in=ranks)
    if tracker.query.items:
        found = found.filter(
            recommendation_id__in=index.matching(Recommendation, TEXT_FIELDS, tracker.query)
        )
    return found


def ordered_ids(tracker: TrackerFilter) -> QuerySet:
    """The ids of the recommendations matching `tracker`, in its sort: read in the order of one
    of `TrackerEntry`'s indexes, so a page, however deep, is cut without sorting the matches."""
    ordering = SORTS.get(tracker.sort, SORTS[DEFAULT_SORT])[2]
    return (
        entries(tracker)
        .order_by(*ordering, "recommendation_id")
        .values_list("recommendation_id", flat=True)
    )


def ordered_from_rows(tracker: TrackerFilter) -> QuerySet[Recommendation]:
    """`filtered` in the sort of `tracker`, sorted across joins: the reference that
    `ordered_ids` is tested against."""
    recommendations = filtered(tracker)
    ordering = SORTS.get(tracker.sort, SORTS[DEFAULT_SORT])[1]
    if "strength_rank" in ordering:
        recommendations = recommendations.annotate(
            strength_rank=Case(
                *(
                    When(published_strength=value, then=Value(rank))
                    for rank, value in enumerate(Recommendation.Strength.values)
                ),
                output_field=IntegerField(),
            )
        )
    return recommendations.order_by(*ordering, "pk")


def results(tracker: TrackerFilter, *, per_page: int = PER_PAGE, total: int | None = None) -> Page:
    """One page of results (a page out of range gives the last page; a malformed page number
    the first), with everything a result row shows, in a fixed number of queries. A row shows
    the published copy (`published_text`, `published_strength`, `published_theme_labels`,
    `published_addressees`). `total`, when the caller counted the filter already
    (`Overview.total`), saves the count query."""
    paginator = Paginator(ordered_ids(tracker), per_page)
    if total is not None:
        paginator.count = total  # a cached property: the count query is not run
    page = paginator.get_page(tracker.page)
    pks = list(page.object_list)
    rows = (
        Recommendation.objects.filter(pk__in=pks)
        .order_by()
        .select_related("report__evaluation__country", "report__evaluation__round")
        .prefetch_related("published_addressees")
    )
    by_pk = {row.pk: row for row in rows}
    page.object_list = [by_pk[pk] for pk in pks if pk in by_pk]
    return page


# --- Downloads of the current filter --------------------------------------------------------

DOWNLOADS = exports.DOWNLOADS  # format: content type


def download(tracker: TrackerFilter, fmt: str) -> Iterator[bytes]:
    """The current filter's recommendations as CSV, XLSX or JSON, with the export's columns
    (docs/api.md), as the chunks of a streamed response."""
    return exports.download_chunks(fmt, filtered(tracker))


@dataclass
class Overview:
    facets: list[Facet]
    by_country: list[selectors.StatusRow]
    by_theme: list[selectors.StatusRow]
    total: int  # recommendations matching the filter


def _profile(tracker: TrackerFilter) -> list[tuple]:
    """The filter's recommendations counted by the single-valued dimensions of few values at
    once: (country code, country name, round, strength, status, count), one row per
    combination present (at most countries x rounds x 3 x 5). The SDG target, with many values,
    would multiply the rows: it keeps its own query."""
    name = _name_field()
    return list(
        filtered(tracker)
        .order_by()
        .values_list(
            "report__evaluation__country__iso_code",
            f"report__evaluation__country__{name}",
            "report__evaluation__round__number",
            "published_strength",
            "current_status",
        )
        .annotate(n=Count("pk"))
    )


def _tags(tracker: TrackerFilter) -> list[tuple]:
    """The filter's recommendations counted by (theme mask, status, SDG target), one row per
    combination present: few, as there are few themes and statuses and the SDG targets of a
    selection are few. The theme chart, and the theme and SDG facets with nothing selected in
    them, are read off it."""
    return list(
        filtered(tracker)
        .order_by()
        .values_list("published_theme_mask", "current_status", "published_sdg_target")
        .annotate(n=Count("pk"))
    )


def _summed(profile: list[tuple], column: int) -> dict:
    totals: dict = {}
    for row in profile:
        totals[row[column]] = totals.get(row[column], 0) + row[-1]
    return totals


def overview(tracker: TrackerFilter) -> Overview:
    """The facets, the two status charts and the total, summed from the kept counts
    (`tracker_counts`): two queries whatever the rows, and a third, grouping the matching ids
    by combination, when words are searched. Kept in the shared cache under the data's
    version, so a filter asked again, by any worker, costs one query until the data change."""
    if any(tracker.invalid.values()):
        return overview_from_rows(tracker)  # nothing matches: no query is run
    version = data_version.current()
    key = _overview_key(tracker, version)
    found = cache.get(key)
    if found is None:
        found = overview_from_counts(tracker, version)
        cache.set(key, found, OVERVIEW_SECONDS)
    return found


def _overview_key(tracker: TrackerFilter, version: data_version.Version) -> str:
    """The version, the language (the labels) and the selections and words (not the sort or
    the page, which change only the results)."""
    chosen = sorted((facet, sorted(values)) for facet, values in tracker.selected.items())
    digest = hashlib.sha256(repr((chosen, tracker.q)).encode()).hexdigest()
    return f"tracker-overview:1:{version.token}:{active_language()}:{digest}"


def _hits(query: search.Query) -> dict[int, int]:
    """How many recommendations matching `query` each kept combination holds: one pass over
    the matching ids, without a join per row."""
    return dict(
        TrackerEntry.objects.filter(
            recommendation_id__in=index.matching(Recommendation, TEXT_FIELDS, query)
        )
        .order_by()
        .values_list("combination_id")
        .annotate(n=Count("recommendation_id"))
    )


def _meets(facet: str, chosen: set[str]) -> Callable[[tracker_counts.Combination], bool]:
    """Whether a combination meets the selection `chosen` of `facet`, as a test made once per
    request: it runs for every kept combination."""
    if facet == "theme":
        mask = theme_mask_of(chosen)
        return lambda row: bool(row.theme_mask & mask)
    if facet == "round":
        return lambda row: str(row.round) in chosen
    if facet == "addressee":
        ids = {int(value) for value in chosen if value.isdecimal() and str(int(value)) == value}
        return lambda row: not ids.isdisjoint(row.addressees)
    column = attrgetter({"country": "country", "sdg": "sdg_target"}.get(facet, facet))
    return lambda row: column(row) in chosen


def _tests(tracker: TrackerFilter) -> list[tuple[str, Callable]]:
    return [
        (facet, _meets(facet, set(values))) for facet in FACETS if (values := tracker.values(facet))
    ]


def _searched_combinations(
    tracker: TrackerFilter, version: data_version.Version | None = None
) -> list[tracker_counts.Combination]:
    """Every kept combination, counting only its recommendations that match the words."""
    version = version or data_version.current()
    rows = tracker_counts.combinations(_name_field(), version)
    if not tracker.query.items:
        return rows
    hits = _kept_hits(tracker, version)
    return [replace(row, count=hits[row.pk]) for row in rows if row.pk in hits]


def _kept_hits(tracker: TrackerFilter, version: data_version.Version) -> dict[int, int]:
    """`_hits`, kept in the shared cache under the data's version and the words: a visitor who
    searched a broad word and then narrows by facet does not group its matches again."""
    digest = hashlib.sha256(tracker.q.encode()).hexdigest()
    key = f"tracker-hits:1:{version.token}:{active_language()}:{digest}"
    hits = cache.get(key)
    if hits is None:
        hits = _hits(tracker.query)
        cache.set(key, hits, OVERVIEW_SECONDS)
    return hits


def combinations_in_results(tracker: TrackerFilter) -> list[tracker_counts.Combination]:
    """The kept combinations the filter's results are made of, each with its count of them:
    one query, and a second when words are searched."""
    if any(tracker.invalid.values()):
        return []
    tests = [test for _facet, test in _tests(tracker)]
    return [row for row in _searched_combinations(tracker) if all(test(row) for test in tests)]


def overview_from_counts(
    tracker: TrackerFilter, version: data_version.Version | None = None
) -> Overview:
    """The overview from `TrackerCount`: a combination counts in the results when it meets every
    selection, and in one facet's counts when it meets every other facet's; with words, only
    its recommendations that match them count."""
    tests = _tests(tracker)
    found: dict[str, dict] = {facet: {} for facet in FACETS}
    theme_rows: dict[tuple[int, str], int] = {}  # (mask, status): few, whatever the rows
    names: dict[str, str] = {}
    countries: dict[str, selectors.StatusRow] = {}
    in_results_by_theme: dict[tuple[int, str], int] = {}
    total = 0
    # One pass, with the counters bound to names: it runs once per kept combination.
    by_country, by_round, by_strength = found["country"], found["round"], found["strength"]
    by_status, by_sdg, by_addressee = found["status"], found["sdg"], found["addressee"]
    for row in _searched_combinations(tracker, version):
        missed = [facet for facet, test in tests if not test(row)] if tests else ()
        if len(missed) > 1:
            continue
        n, status = row.count, row.status
        names[row.country] = row.country_name
        theme_key = (row.theme_mask, status)
        if missed:  # in the counts of the one facet it misses only
            facet = missed[0]
            if facet == "theme":
                theme_rows[theme_key] = theme_rows.get(theme_key, 0) + n
            else:
                counts = found[facet]
                for key in _facet_keys(row, facet):
                    counts[key] = counts.get(key, 0) + n
            continue
        total += n
        by_country[row.country] = by_country.get(row.country, 0) + n
        by_round[row.round] = by_round.get(row.round, 0) + n
        by_strength[row.strength] = by_strength.get(row.strength, 0) + n
        by_status[status] = by_status.get(status, 0) + n
        by_sdg[row.sdg_target] = by_sdg.get(row.sdg_target, 0) + n
        for addressee in row.addressees:
            by_addressee[addressee] = by_addressee.get(addressee, 0) + n
        theme_rows[theme_key] = theme_rows.get(theme_key, 0) + n
        in_results_by_theme[theme_key] = in_results_by_theme.get(theme_key, 0) + n
        status_row = countries.get(row.country)
        if status_row is None:
            status_row = countries[row.country] = selectors.StatusRow(
                key=row.country, label=row.country_name
            )
        status_row.counts[status] = status_row.counts.get(status, 0) + n
    known = {
        facet: _labelled(facet, found[facet]) for facet in ("round", "strength", "status", "sdg")
    }
    known["country"] = sorted(
        ((iso, names[iso], n) for iso, n in found["country"].items()),
        key=lambda item: (item[1], item[0]),
    )
    known["theme"] = [
        (r.key, r.label, r.total)
        for r in selectors.status_rows_by_theme((*key, n) for key, n in theme_rows.items())
    ]
    known["addressee"] = _addressee_counts(found["addressee"])
    by_country_rows = sorted(countries.values(), key=lambda r: (r.label, r.key))
    by_theme = selectors.status_rows_by_theme((*key, n) for key, n in in_results_by_theme.items())
    return Overview(facets(tracker, known=known), by_country_rows, by_theme, total)


def _facet_keys(row: tracker_counts.Combination, facet: str) -> tuple:
    if facet == "addressee":
        return row.addressees
    column = {"country": row.country, "round": row.round, "strength": row.strength}
    column |= {"status": row.status, "sdg": row.sdg_target}
    return (column[facet],)


def _addressee_counts(counts: dict[int, int]) -> list[tuple[str, str, int]]:
    """(id, name, count) of the addressees counted, by name: one query for their names."""
    if not counts:
        return []
    name = _name_field()
    bodies = Organisation.objects.filter(pk__in=list(counts)).values_list("pk", name)
    return sorted(
        ((str(pk), label, counts[pk]) for pk, label in bodies if counts[pk]),
        key=lambda item: (item[1], int(item[0])),
    )


def overview_from_rows(tracker: TrackerFilter) -> Overview:
    """The facets, the two status charts and the total, sharing queries. A facet counts the
    filter without its own selection; with nothing selected in it, that is the current filter,
    which one grouped query (`_profile`) already counts by country, round, strength and status,
    and another (`_tags`) by theme and SDG target. Those facets are read off them; the others
    (and the addressee facet) have their own query."""
    profile = _profile(tracker)
    tags = _tags(tracker)
    by_theme = selectors.status_rows_by_theme(tags)
    countries: dict[str, selectors.StatusRow] = {}
    for iso, label, *_dimensions, status, n in profile:
        row = countries.setdefault(iso, selectors.StatusRow(key=iso, label=label))
        row.counts[status] = row.counts.get(status, 0) + n
    by_country = sorted(countries.values(), key=lambda row: (row.label, row.key))
    known: dict[str, list[tuple[str, str, int]]] = {}
    if not tracker.values("country"):
        known["country"] = [(row.key, row.label, row.total) for row in by_country]
    for facet, column in (("round", 2), ("strength", 3), ("status", 4)):
        if not tracker.values(facet):
            known[facet] = _labelled(facet, _summed(profile, column))
    if not tracker.values("theme"):
        known["theme"] = [(row.key, row.label, row.total) for row in by_theme]
    if not tracker.values("sdg"):
        known["sdg"] = _labelled("sdg", _summed(tags, 2))
    total = sum(row[-1] for row in profile)
    return Overview(facets(tracker, known=known), by_country, by_theme, total)
