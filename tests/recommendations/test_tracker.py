"""The tracker's filter (reports/tracker.py), which the public page, its downloads, its charts
and the API share: facet counts against a hand-built fixture, bad input, no drafts."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from recommendations import selectors, services, tracker
from recommendations.models import Recommendation

NOTHING_KEPT = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def published(kz_report, kg_report, secretariat):
    """Kazakhstan's published report with two recommendations, the first assessed as
    implemented; Kyrgyzstan's draft alongside it."""
    first, second = kz_report.recommendations.order_by("number")
    services.assessment_record(
        recommendation=first,
        cycle=1,
        status="implemented",
        reasoning="Done",
        assessed_on=date(2026, 1, 10),
        actor=secretariat,
    )
    return first, second


def _counts(tracker_filter, facet):
    options = next(f for f in tracker.facets(tracker_filter) if f.name == facet).options
    return {option.value: option.count for option in options}


def _parse(query: str) -> tracker.TrackerFilter:
    return tracker.parse(QueryDict(query))


def test_facet_counts_match_the_fixture(published):
    everything = _parse("country=kz")
    assert _counts(everything, "country")["KZ"] == 2
    assert "KG" not in _counts(_parse(""), "country")  # the draft is not counted
    assert _counts(everything, "strength") == {"urges": 1, "considers": 1}
    assert _counts(everything, "theme") == {"prevention": 1, "protection": 1, "prosecution": 1}
    assert _counts(everything, "status") == {"not_assessed": 1, "implemented": 1}
    assert _counts(everything, "round") == {"1": 2}


def test_each_facet_is_counted_without_its_own_selection(published):
    prevention = _parse("country=KZ&theme=prevention")
    # The theme facet still offers the other themes with their counts...
    assert _counts(prevention, "theme") == {"prevention": 1, "protection": 1, "prosecution": 1}
    # ...while the other facets count only what the theme leaves.
    assert _counts(prevention, "strength") == {"considers": 1}
    assert _counts(prevention, "status") == {"not_assessed": 1}
    assert [r.number for r in tracker.results(prevention)] == [2]

    both = _parse("country=KZ&theme=prevention&theme=protection")
    assert sorted(r.number for r in tracker.results(both)) == [1, 2]


def test_status_filter_includes_the_not_yet_assessed(published):
    first, second = published
    assert [r.pk for r in tracker.results(_parse("country=KZ&status=implemented"))] == [first.pk]
    assert [r.pk for r in tracker.results(_parse("country=KZ&status=not_assessed"))] == [second.pk]
    rows = tracker.results(_parse("country=KZ&sort=number"))
    assert {r.number: r.current_status for r in rows} == {1: "implemented", 2: "not_assessed"}


def test_unknown_and_malformed_values_give_an_empty_result_and_are_shown(published):
    unknown = _parse("strength=shouts&round=one&country=KZ")
    assert unknown.invalid == {"strength": ("shouts",), "round": ("one",)}
    assert list(tracker.results(unknown)) == []
    shown = {f.name: f.invalid for f in tracker.facets(unknown)}
    assert shown["strength"] == ("shouts",) and shown["round"] == ("one",)

    nowhere = _parse("country=XX")
    assert list(tracker.results(nowhere)) == []
    country = next(f for f in tracker.facets(nowhere) if f.name == "country")
    assert [(o.value, o.count, o.selected) for o in country.options if o.selected] == [
        ("XX", 0, True)
    ]

    garbled = _parse("country=%ZZ&round=1.5&&&=&page=abc&sort=drop+table")
    assert garbled.sort == tracker.DEFAULT_SORT
    assert tracker.results(garbled).number == 1


def test_punctuation_only_search_matches_everything_and_words_narrow(published):
    assert _parse("q=!!!%20...").query.items == ()
    assert len(tracker.results(_parse("country=KZ&q=!!!"))) == 2
    assert [r.number for r in tracker.results(_parse("country=KZ&q=Recommendation 2"))] == [2]
    assert [r.number for r in tracker.results(_parse("country=KZ&q=Рекомендация 1"))] == [1]


def test_a_page_out_of_range_falls_back_to_the_last(published):
    page = tracker.results(_parse("country=KZ&page=999"), per_page=1)
    assert page.number == 2 and page.paginator.num_pages == 2


def test_the_download_equals_the_current_filter(published):
    tracker_filter = _parse("country=KZ&strength=urges")
    assert tracker.DOWNLOADS["csv"].startswith("text/csv")
    content = b"".join(tracker.download(tracker_filter, "csv")).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [int(row["id"]) for row in rows] == [r.pk for r in tracker.results(tracker_filter)]
    assert rows[0]["current_status"] == "implemented"


def test_charts_count_the_current_filter(published):
    overview = tracker.overview(_parse("country=KZ"))
    assert [(row.label, row.counts) for row in overview.by_country] == [
        ("Kazakhstan", {"implemented": 1, "not_assessed": 1})
    ]
    by_theme = {row.key: row.counts for row in overview.by_theme}
    assert by_theme["protection"] == {"implemented": 1}
    assert by_theme["prevention"] == {"not_assessed": 1}


def test_querystring_toggles_values_and_keeps_the_rest():
    tracker_filter = _parse("country=KZ&theme=prevention&q=labour&sort=number")
    assert QueryDict(tracker_filter.querystring(toggle=("theme", "prevention"))).dict() == {
        "country": "KZ",
        "q": "labour",
        "sort": "number",
    }
    added = QueryDict(tracker_filter.querystring(toggle=("theme", "protection"), page=2))
    assert added.getlist("theme") == ["prevention", "protection"] and added["page"] == "2"


def test_a_fixed_number_of_queries_whatever_the_data(published, django_assert_max_num_queries):
    def run():
        tracker_filter = _parse("theme=protection&q=Recommendation")
        tracker.facets(tracker_filter)
        list(tracker.results(tracker_filter))

    with django_assert_max_num_queries(20) as small:
        run()
    first = published[0]
    # More published data, written directly: only its size matters here.
    extra = Recommendation.objects.bulk_create(
        Recommendation(
            report=first.report,
            paragraph=first.paragraph,
            number=100 + n,
            strength="urges",
            text_en=f"Recommendation extra {n}",
        )
        for n in range(30)
    )
    for recommendation in Recommendation.objects.filter(number__gte=100):
        recommendation.themes.create(theme="protection")
        recommendation.addressees.set(first.addressees.all())
    Recommendation.objects.filter(number__gte=100).refresh_theme_mask()
    assert len(extra) == 30
    with django_assert_max_num_queries(len(small)):
        run()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "country=KZ",
        "theme=protection",
        "status=implemented",
        "strength=urges&q=the",
        "country=XX",
    ],
)
def test_facets_read_off_the_charts_equal_the_facets_queried(demo_data, query):
    """The overview reads the country, theme and status facets off the charts when nothing is
    selected in them; the counts are those of the facet's own query, and it saves a query each."""
    tracker_filter = _parse(query)
    queried = tracker.facets(tracker_filter)
    overview = tracker.overview(tracker_filter)
    assert overview.facets == queried
    assert overview.total == tracker.filtered(tracker_filter).count()
    by_country = selectors.status_summary(
        user=None, by="country", recommendations=tracker.filtered(tracker_filter)
    )
    assert [(r.label, r.counts) for r in overview.by_country] == [
        (r.label, r.counts) for r in sorted(by_country, key=lambda r: r.label)
    ]
    assert any(option.count for facet in queried for option in facet.options) or "XX" in query


def test_the_overview_saves_the_facet_queries_the_charts_answer(
    demo_data, django_assert_max_num_queries
):
    # Summed from the kept counts (`TrackerCount`) whatever is selected: the combinations, and
    # the addressees' names when some are counted; and the data's version, the cache's key.
    for query in ("", "country=KZ", "sdg=8.7", "country=KZ&status=implemented&theme=protection"):
        with django_assert_max_num_queries(3):
            overview = tracker.overview(_parse(query))
        assert overview.total == tracker.filtered(_parse(query)).count(), query
    # Words searched: the same, and one grouped count of the matching ids by combination,
    # whatever is selected besides.
    for query in ("q=victims", "q=victims&country=KZ", "q=victims&country=KZ&addressee=1&sdg=8.7"):
        with django_assert_max_num_queries(4):
            overview = tracker.overview(_parse(query))
        assert overview.total == tracker.filtered(_parse(query)).count(), query


def test_an_overview_asked_again_is_read_from_the_cache_until_the_data_change(
    demo_data, secretariat, django_assert_num_queries
):
    asked = _parse("q=victims&country=KZ")
    first = tracker.overview(asked)
    with django_assert_num_queries(1):  # the data's version; the overview is kept
        assert tracker.overview(asked) == first
    # Another sort or page, the same counts; another language, its own labels.
    assert tracker.overview(_parse("q=victims&country=KZ&sort=number&page=2")) == first
    with translation.override("ru"):
        assert tracker.overview(asked).facets[0].label != first.facets[0].label
    # A worker with nothing kept computes the same.
    with override_settings(CACHES=NOTHING_KEPT):
        assert tracker.overview(asked) == first
    recommendation = tracker.filtered(asked).first()
    services.assessment_record(
        recommendation=recommendation,
        status="implemented"
        if recommendation.current_status != "implemented"
        else "partly_implemented",
        reasoning="Assessed again.",
        cycle=3,
        actor=secretariat,
    )
    changed = tracker.overview(asked)
    assert changed == tracker.overview_from_rows(asked)
    assert _shown_statuses(changed) != _shown_statuses(first)


def _shown_statuses(overview: tracker.Overview) -> list:
    return [(row.key, sorted(row.counts.items())) for row in overview.by_country]


def test_the_matches_of_words_are_grouped_once_whatever_the_facets_chosen_after(demo_data):
    def grouped(queries) -> int:
        return sum('"recommendations_trackerentry"' in q["sql"] for q in queries)

    with CaptureQueriesContext(connection) as first:
        searched = tracker.overview(_parse("q=victims&country=KZ"))
    with CaptureQueriesContext(connection) as narrowed:
        narrowed_overview = tracker.overview(_parse("q=victims&strength=urges"))
    assert grouped(first.captured_queries) == 1
    assert grouped(narrowed.captured_queries) == 0  # the words' matches kept under the version
    for overview, query in (
        (searched, "q=victims&country=KZ"),
        (narrowed_overview, "q=victims&strength=urges"),
    ):
        assert overview.total == tracker.overview_from_rows(_parse(query)).total > 0
    with CaptureQueriesContext(connection) as other_words:
        tracker.overview(_parse("q=shelters&strength=urges"))
    assert grouped(other_words.captured_queries) == 1
