"""The tracker's kept counts and entries (issue 20, items 1 to 3): after any sequence of the
services' writes (assessments, a correction that edits and adds recommendations, its
publication, a draft's recommendations, an addressee deleted), every facet, chart and total
summed from `TrackerCount` equals the same overview counted from the rows, for every filter
with words or without, the results read from `TrackerEntry` come in the order the rows sort
to, in every sort, and the kept rows equal a recount from scratch. A draft, or what a
correction adds before it is published, never counts. The tracker page reads them in a fixed
number of queries whatever the rows."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api import selectors as api_selectors
from monitoring.models import Organisation
from recommendations import services as recommendation_services
from recommendations import tracker, tracker_counts
from recommendations.models import (
    AssessmentStatus,
    Recommendation,
    Theme,
    TrackerCount,
    TrackerEntry,
    themes_of_mask,
)
from reports import services
from tests.reports.conftest import build_report, evaluation_of

STRENGTHS = ["urges", "considers", "invites"]
STATUSES = [s for s in AssessmentStatus.values if s != AssessmentStatus.NOT_ASSESSED]
SDGS = ["", "5.2", "8.7", "16.2"]


@pytest.fixture
def world(kz_evaluation, kg_evaluation, secretariat, to_final_comments):
    """Kazakhstan's and Kyrgyzstan's reports published with varied recommendations,
    Tajikistan's in draft, and three addressees only these tests use (one can be deleted)."""
    bodies = [
        Organisation.objects.create(
            kind="ngo", country=kz_evaluation.country, name_en=f"Body {n}", name_ru=f"Орган {n}"
        )
        for n in range(3)
    ]
    published = build_report(kz_evaluation, secretariat, recommendations=0)
    # Kyrgyzstan's report after Kazakhstan's: its ids come after, though it sorts before by
    # country, so the sorts' orders differ from the ids'.
    later = build_report(kg_evaluation, secretariat, recommendations=0)
    for n in range(3):
        _add(later, secretariat, STRENGTHS[2 - n], [Theme.values[n]], SDGS[n], [])
    to_final_comments(kg_evaluation)
    services.report_publish(report=later, actor=secretariat)
    draft = build_report(evaluation_of("TJ"), secretariat, recommendations=0)
    for n in range(6):
        _add(
            published,
            secretariat,
            STRENGTHS[n % 3],
            [Theme.values[n % 5]],
            SDGS[n % 4],
            bodies[: n % 3 + 1],
        )
    published = services.report_publish(report=published, actor=secretariat)
    return {
        "published": published,
        "draft": draft,
        "bodies": [body.pk for body in bodies],  # ids: a deleted object forgets its own
        "actor": secretariat,
    }


def _add(report, actor, strength, themes, sdg, addressees) -> Recommendation:
    paragraph = report.chapters.first().paragraphs.order_by("number").first()
    return recommendation_services.recommendation_create(
        paragraph=paragraph,
        strength=strength,
        text_en="ensure that every victim is identified",
        text_ru="обеспечить выявление каждой жертвы",
        themes=themes,
        addressees=addressees,
        sdg_target=sdg,
        actor=actor,
    )


def _filters(world) -> list[str]:
    body = world["bodies"][0]
    return [
        "",
        "country=KZ",
        "country=KG",
        "strength=urges",
        "strength=urges&strength=considers&status=implemented",
        "theme=protection&theme=prevention",
        f"addressee={body}",
        f"addressee={body}&addressee={world['bodies'][1]}&strength=considers",
        "sdg=5.2&status=not_implemented",
        "round=1&theme=prosecution&sdg=8.7",
        "round=2",
        "q=victim",
        "q=жертвы&strength=urges",
        "q=identified -каждой",
        f"q=victims&addressee={body}&theme=protection",
    ]


def _shown(overview: tracker.Overview):
    return (
        [
            (f.name, [(o.value, o.label, o.count, o.selected) for o in f.options])
            for f in overview.facets
        ],
        [(row.key, row.label, dict(row.counts)) for row in overview.by_country],
        [(row.key, row.label, dict(row.counts)) for row in overview.by_theme],
        overview.total,
    )


def _statistics(found: dict) -> Counter:
    """The API's statistics as {(grouping, key, status): count}."""
    counted = Counter(
        {
            (grouping[3:], str(group["key"]), status): n
            for grouping in ("by_country", "by_round", "by_theme", "by_strength")
            for group in found[grouping]
            for status, n in group["counts"].items()
            if status != "total"
        }
    )
    counted.update({("total", "", status): n for status, n in found["total"].items()})
    return +counted  # without the zeros, which the rows never count


def _statistics_from_rows(chosen) -> Counter:
    counted = Counter()
    for country, number, strength, mask, status in tracker.filtered(chosen).values_list(
        "report__evaluation__country__iso_code",
        "report__evaluation__round__number",
        "published_strength",
        "published_theme_mask",
        "current_status",
    ):
        counted.update([("country", country, status), ("round", str(number), status)])
        counted.update([("strength", strength, status), ("total", "", status)])
        counted.update(("theme", theme, status) for theme in themes_of_mask(mask))
        counted[("total", "", "total")] += 1
    return counted


def _kept_rows():
    return sorted(
        TrackerCount.objects.values_list(
            "report_id", "strength", "status", "theme_mask", "sdg_target", "addressees", "count"
        )
    )


def _kept_entries():
    return sorted(
        TrackerEntry.objects.values_list(
            "recommendation_id",
            "combination__report_id",
            "combination__strength",
            "combination__status",
            "combination__addressees",
            "country",
            "round",
            "number",
            "published_at",
            "strength_rank",
        )
    )


def _check(world) -> None:
    for query in _filters(world):
        chosen = tracker.parse(QueryDict(query))
        assert _shown(tracker.overview(chosen)) == _shown(tracker.overview_from_rows(chosen)), query
        assert _statistics(api_selectors.statistics_of(chosen)) == _statistics_from_rows(chosen)
        for sort in tracker.SORTS:  # the entries' order is the rows' order, in every sort
            sorted_by = tracker.parse(QueryDict(f"{query}&sort={sort}"))
            assert list(tracker.ordered_ids(sorted_by)) == list(
                tracker.ordered_from_rows(sorted_by).values_list("pk", flat=True)
            ), (query, sort)
    kept, entries = _kept_rows(), _kept_entries()
    tracker_counts.rebuild()
    assert _kept_rows() == kept
    assert _kept_entries() == entries


OPERATIONS = st.one_of(
    st.tuples(st.just("assess"), st.integers(0, 20), st.sampled_from(STATUSES)),
    st.tuples(
        st.sampled_from(["correct", "draft"]),
        st.sampled_from(STRENGTHS),
        st.lists(st.sampled_from(Theme.values), min_size=1, max_size=2, unique=True),
        st.sampled_from(SDGS),
        st.lists(st.integers(0, 2), max_size=2, unique=True),
    ),
    st.tuples(
        st.just("edit"), st.integers(0, 20), st.sampled_from(STRENGTHS), st.sampled_from(SDGS)
    ),
    st.tuples(st.just("publish")),
    st.tuples(st.just("delete addressee")),
)


def _apply(world, operation) -> None:
    kind, *arguments = operation
    actor, report = world["actor"], world["published"]
    report.refresh_from_db()
    public = list(report.recommendations.filter(public_since__isnull=False).order_by("pk"))
    bodies = list(Organisation.objects.filter(pk__in=world["bodies"]).order_by("pk"))
    if kind == "assess":
        index, status = arguments
        recommendation_services.assessment_record(
            recommendation=public[index % len(public)],
            status=status,
            actor=actor,
            reasoning_en="Assessed.",
        )
    elif kind in ("correct", "draft"):
        strength, themes, sdg, chosen = arguments
        if kind == "correct" and not report.correction_open:
            services.report_correction_open(report=report, note="Correction", actor=actor)
        if kind == "correct":
            _add(
                report, actor, strength, themes, sdg, [bodies[i] for i in chosen if i < len(bodies)]
            )
        else:  # the draft is another country's: its addressees would be refused
            _add(world["draft"], actor, strength, themes, sdg, [])
    elif kind == "edit":
        index, strength, sdg = arguments
        if not report.correction_open:
            services.report_correction_open(report=report, note="Correction", actor=actor)
        recommendation = public[index % len(public)]
        recommendation_services.recommendation_update(
            recommendation=recommendation,
            actor=actor,
            strength=strength,
            sdg_target=sdg,
            expected_version=recommendation.version,
        )
    elif kind == "publish" and report.correction_open:
        services.report_publish(report=report, actor=actor, correction_note="Corrected")
    elif kind == "delete addressee" and bodies:
        bodies[-1].delete()


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(OPERATIONS, min_size=1, max_size=6))
def test_the_kept_counts_equal_the_rows_after_any_writes(world, operations):
    with transaction.atomic():  # each example starts from the same world
        for operation in operations:
            _apply(world, operation)
            _check(world)
        transaction.set_rollback(True)


def test_a_draft_and_what_a_correction_adds_never_count(world):
    actor, report = world["actor"], world["published"]
    before = tracker.overview(tracker.parse(QueryDict(""))).total
    services.report_correction_open(report=report, note="Correction", actor=actor)
    _add(report, actor, "urges", ["protection"], "", [])
    _add(world["draft"], actor, "urges", ["protection"], "", [])
    assert tracker.overview(tracker.parse(QueryDict(""))).total == before
    services.report_publish(report=report, actor=actor, correction_note="Corrected")
    assert tracker.overview(tracker.parse(QueryDict(""))).total == before + 1


PAGE_FILTERS = (
    {"strength": "urges"},
    {"q": "victim", "theme": "protection"},
    {"q": "жертвы", "sort": "strength", "page": "2"},
    {"page": "3", "sort": "-published"},
)


def test_the_tracker_page_reads_the_counts_in_fixed_queries(
    world, client, django_assert_max_num_queries
):
    client.get("/en/recommendations/")

    def page_queries(params) -> int:
        cache.clear()  # the overview computed, not read from the caches
        tracker_counts.forget_read()
        with django_assert_max_num_queries(14) as captured:
            response = client.get("/en/recommendations/", params)
        assert response.status_code == 200
        return len(captured)

    few = [page_queries(params) for params in PAGE_FILTERS]
    for _n in range(15):
        _add(world["draft"], world["actor"], "urges", ["protection"], "", [])
    report = world["published"]
    services.report_correction_open(report=report, note="More", actor=world["actor"])
    for n in range(15):
        _add(report, world["actor"], STRENGTHS[n % 3], [Theme.values[n % 5]], SDGS[n % 4], [])
    services.report_publish(report=report, actor=world["actor"], correction_note="More")
    assert [page_queries(params) for params in PAGE_FILTERS] == few


def test_a_deep_page_shows_the_rows_the_sort_puts_there(world, client):
    """The page the visitor asks for, cut from the entries, holds the rows that sorting the
    matching recommendations puts there, and says how many there are."""
    actor, report = world["actor"], world["published"]
    services.report_correction_open(report=report, note="More", actor=actor)
    for n in range(40):
        _add(report, actor, STRENGTHS[n % 3], [Theme.values[n % 5]], SDGS[n % 4], [])
    services.report_publish(report=report, actor=actor, correction_note="More")
    everything = list(
        tracker.ordered_from_rows(tracker.parse(QueryDict("sort=number"))).values_list(
            "pk", flat=True
        )
    )
    response = client.get("/en/recommendations/", {"sort": "number", "page": "2"})
    page = response.context["page_obj"]
    assert page.paginator.count == len(everything) > 2 * tracker.PER_PAGE
    assert [row.pk for row in page.object_list] == everything[
        tracker.PER_PAGE : 2 * tracker.PER_PAGE
    ]
