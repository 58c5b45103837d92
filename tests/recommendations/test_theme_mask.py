"""`Recommendation.theme_mask`, the themes as bits that the tracker counts and filters by: it
equals the theme rows after every way of writing them (services, import, bulk refresh), and the
tracker's counts by theme equal those of the join on the theme rows."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import QueryDict
from django.urls import reverse

from recommendations import selectors, services, tracker
from recommendations.models import (
    THEME_BITS,
    Recommendation,
    RecommendationTheme,
    Theme,
    theme_mask_of,
    themes_of_mask,
)

from .test_import import as_csv, row, token_of, upload


def _mismatched() -> list[tuple[int, int, list[str]]]:
    """(pk, stored mask, theme rows) of every recommendation whose mask is not its rows' bits."""
    themes: dict[int, list[str]] = {}
    for pk, theme in RecommendationTheme.objects.values_list("recommendation_id", "theme"):
        themes.setdefault(pk, []).append(theme)
    return [
        (pk, mask, themes.get(pk, []))
        for pk, mask in Recommendation.objects.values_list("pk", "theme_mask")
        if mask != theme_mask_of(themes.get(pk, []))
    ]


def test_every_theme_has_its_own_bit():
    assert set(THEME_BITS) == set(Theme.values)
    assert sorted(THEME_BITS.values()) == [1 << n for n in range(len(THEME_BITS))]
    for theme in Theme.values:
        assert themes_of_mask(theme_mask_of([theme])) == [theme]
    assert themes_of_mask(theme_mask_of(Theme.values)) == Theme.values
    assert theme_mask_of([]) == 0 and themes_of_mask(0) == []


def test_the_demo_seed_keeps_the_masks(demo_data):
    assert Recommendation.objects.exclude(theme_mask=0).exists()
    assert _mismatched() == []


def test_create_and_update_keep_the_mask(kg_report, secretariat):
    paragraph = kg_report.chapters.first().paragraphs.first()
    created = services.recommendation_create(
        paragraph=paragraph,
        strength="urges",
        text_en="Train labour inspectors.",
        themes=["protection", "general", "protection"],
        actor=secretariat,
    )
    created.refresh_from_db()
    assert themes_of_mask(created.theme_mask) == ["protection", "general"]

    services.recommendation_update(recommendation=created, themes=["prevention"], actor=secretariat)
    created.refresh_from_db()
    assert created.theme_mask == THEME_BITS[Theme.PREVENTION]

    # Changing other fields leaves the themes as they were.
    services.recommendation_update(recommendation=created, strength="invites", actor=secretariat)
    created.refresh_from_db()
    assert created.theme_mask == THEME_BITS[Theme.PREVENTION]

    services.recommendation_update(recommendation=created, themes=[], actor=secretariat)
    created.refresh_from_db()
    assert created.theme_mask == 0
    assert _mismatched() == []


def test_unknown_themes_change_nothing(kg_report, secretariat):
    recommendation = kg_report.recommendations.first()
    before = recommendation.theme_mask
    with pytest.raises(ValidationError, match="Unknown theme"):
        services.recommendation_update(
            recommendation=recommendation, themes=["prevention", "weather"], actor=secretariat
        )
    recommendation.refresh_from_db()
    assert recommendation.theme_mask == before
    assert _mismatched() == []


def test_the_import_keeps_the_masks(login_as, demo_data):
    client = login_as("secretariat")
    before = set(Recommendation.objects.values_list("pk", flat=True))
    preview = upload(
        client, as_csv([row(themes="protection; prevention"), row(themes="partnership")])
    )
    assert preview.status_code == 200
    confirm = client.post(reverse("recommendations:import_confirm"), {"token": token_of(preview)})
    assert confirm.status_code == 302
    created = Recommendation.objects.exclude(pk__in=before).order_by("number")
    assert [themes_of_mask(r.theme_mask) for r in created] == [
        ["prevention", "protection"],
        ["partnership"],
    ]
    assert _mismatched() == []


def test_refresh_theme_mask_after_bulk_writes(kz_report):
    recommendations = list(kz_report.recommendations.order_by("number"))
    RecommendationTheme.objects.filter(recommendation__in=recommendations).delete()
    RecommendationTheme.objects.bulk_create(
        [
            RecommendationTheme(recommendation=recommendations[0], theme="general"),
            RecommendationTheme(recommendation=recommendations[0], theme="prosecution"),
        ]
    )
    assert _mismatched()  # bulk writes leave the masks behind...
    assert kz_report.recommendations.refresh_theme_mask() == len(recommendations)
    assert _mismatched() == []  # ...until they are refreshed
    masks = dict(kz_report.recommendations.values_list("number", "theme_mask"))
    assert masks[recommendations[0].number] == theme_mask_of(["general", "prosecution"])
    assert all(masks[r.number] == 0 for r in recommendations[1:])


def _joined_by_theme(recommendations) -> list[selectors.StatusRow]:
    """Counts by theme and status the long way, joining the theme rows (the reference)."""
    rows: dict[str, selectors.StatusRow] = {}
    for theme, status, n in (
        RecommendationTheme.objects.filter(recommendation__in=recommendations)
        .values_list("theme", "recommendation__current_status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        rows.setdefault(theme, selectors.StatusRow(theme, theme)).counts[status] = n
    return list(rows.values())


@pytest.mark.parametrize(
    "query", ["", "country=KZ", "theme=protection", "theme=prevention&theme=general", "sdg=8.7"]
)
def test_counts_by_mask_equal_the_join_on_the_theme_rows(demo_data, query):
    tracker_filter = tracker.parse(QueryDict(query))
    joined = _joined_by_theme(tracker.filtered(tracker_filter))
    by_mask = selectors.status_summary(
        user=None, by="theme", recommendations=tracker.filtered(tracker_filter)
    )
    assert {r.key: r.counts for r in by_mask} == {r.key: r.counts for r in joined}
    assert [r.key for r in by_mask] == [t for t in Theme.values if t in {r.key for r in joined}]
    assert {r.key: r.counts for r in tracker.overview(tracker_filter).by_theme} == {
        r.key: r.counts for r in joined
    }
    themes = tracker_filter.values("theme")
    if themes:
        through_rows = tracker.filtered(
            tracker.parse(QueryDict(query.replace("theme=", "x=")))
        ).filter(themes__theme__in=themes)
        assert set(tracker.filtered(tracker_filter).values_list("pk", flat=True)) == set(
            through_rows.values_list("pk", flat=True)
        )
        assert tracker.filtered(tracker_filter).exists()


def test_result_rows_show_the_themes_of_their_rows(demo_data):
    page = tracker.results(tracker.parse(QueryDict("")), per_page=50)
    labels = dict(Theme.choices)
    assert any(r.theme_labels for r in page.object_list)
    for recommendation in page.object_list:
        assert recommendation.theme_labels == [
            labels[row.theme]
            for row in recommendation.themes.all()  # ordered by theme
        ]
