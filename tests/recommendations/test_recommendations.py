"""Recommendations, their assessment over follow-up cycles, and the statistics built on them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from reversion.models import Version

from monitoring.models import Organisation
from recommendations import selectors as recommendation_selectors
from recommendations import services as recommendation_services
from recommendations.models import Recommendation
from recommendations.selectors.status import FollowUpItem
from reports import selectors, services
from tests.reports.conftest import build_report


@pytest.fixture
def kz_government(kz_evaluation):
    return Organisation.objects.get(country__iso_code="KZ", is_national_government=True)


@pytest.fixture
def kz_ministry(kz_evaluation):
    return Organisation.objects.get(
        name_en="Ministry of Internal Affairs of the Republic of Kazakhstan"
    )


def add(report, actor, **fields):
    paragraph = report.chapters.first().paragraphs.first()
    values = {"strength": "invites", "text_en": "Keep going."} | fields
    return recommendation_services.recommendation_create(paragraph=paragraph, actor=actor, **values)


# --- Writing recommendations --------------------------------------------------------------


def test_recommendations_are_numbered_in_their_report(kg_report, secretariat):
    third = add(kg_report, secretariat, sdg_target="16.2", convention_articles="Article 10")
    assert list(kg_report.recommendations.values_list("number", flat=True)) == [1, 2, 3]
    assert third.number == 3
    assert sorted(kg_report.recommendations.first().theme_values) == ["protection"]
    assert Version.objects.get_for_object(third).first().revision.user == secretariat


@pytest.mark.parametrize(
    "fields",
    [
        {"strength": ""},
        {"strength": "demands"},
        {"text_en": "  ", "text_ru": ""},
        {"sdg_target": "5"},
        {"sdg_target": "18.1"},
        {"themes": ["everything"]},
    ],
)
def test_an_incomplete_recommendation_is_refused(kg_report, secretariat, fields):
    with pytest.raises(ValidationError):
        add(kg_report, secretariat, **fields)
    assert kg_report.recommendations.count() == 2


def test_addressees_are_bodies_of_the_evaluated_country(kg_report, secretariat, kz_government):
    with pytest.raises(ValidationError):
        add(kg_report, secretariat, addressees=[kz_government])


def test_reiterating_an_earlier_recommendation(kz_report, kg_report, secretariat, kz_evaluation):
    earlier = kz_report.recommendations.first()
    follow_up = build_report(kz_evaluation, secretariat, recommendations=0, kind="follow_up")
    again = add(follow_up, secretariat, reiterates=earlier)
    assert list(earlier.reiterated_by.all()) == [again]
    with pytest.raises(ValidationError):  # another country's recommendation
        add(kg_report, secretariat, reiterates=earlier)
    with pytest.raises(ValidationError):  # the same report
        add(follow_up, secretariat, reiterates=again)


def test_updating_a_recommendation(kg_report, secretariat, user_named):
    recommendation = kg_report.recommendations.first()
    recommendation_services.recommendation_update(
        recommendation=recommendation,
        strength="invites",
        themes=["partnership"],
        actor=secretariat,
    )
    recommendation.refresh_from_db()
    assert recommendation.strength == "invites"
    assert recommendation.theme_values == ["partnership"]
    with pytest.raises(ValidationError):
        recommendation_services.recommendation_update(
            recommendation=recommendation, text_en="", text_ru=" ", actor=secretariat
        )
    with pytest.raises(PermissionDenied):
        recommendation_services.recommendation_update(
            recommendation=recommendation, strength="urges", actor=user_named("kg-contact")
        )


# --- Follow-up ----------------------------------------------------------------------------


def test_assessment_history_and_current_status(kz_report, user_named):
    recommendation = kz_report.recommendations.first()
    today = timezone.localdate()

    def current():
        return Recommendation.objects.get(pk=recommendation.pk).current_status

    assert current() == "not_assessed"
    recommendation_services.assessment_record(
        recommendation=recommendation,
        status="not_implemented",
        reasoning="Nothing yet.",
        cycle=1,
        assessed_on=today - timedelta(days=400),
        actor=user_named("expert-kg"),
    )
    assert current() == "not_implemented"
    recommendation_services.assessment_record(
        recommendation=recommendation,
        status="partly_implemented",
        reasoning="A law was adopted.",
        cycle=2,
        actor=user_named("secretariat"),
    )
    assert current() == "partly_implemented"
    corrected = recommendation_services.assessment_record(
        recommendation=recommendation,
        status="implemented",
        reasoning="The law is in force and funded.",
        cycle=2,
        actor=user_named("secretariat"),
    )
    assert current() == "implemented"
    # correcting an earlier cycle leaves the later one current
    recommendation_services.assessment_record(
        recommendation=recommendation,
        status="no_longer_relevant",
        reasoning="Corrected wording of cycle 1.",
        cycle=1,
        assessed_on=today - timedelta(days=400),
        actor=user_named("secretariat"),
    )
    assert current() == "implemented"
    assert [a.status for a in recommendation.assessments.all()] == [
        "implemented",
        "no_longer_relevant",
    ]
    history = Version.objects.get_for_object(corrected)
    assert [v.field_dict["status"] for v in history] == ["implemented", "partly_implemented"]


@pytest.mark.parametrize("username", ["kz-contact", "kz-official", "ngo-kz"])
def test_only_the_expert_group_assesses(kz_report, user_named, username):
    with pytest.raises(PermissionDenied):
        recommendation_services.assessment_record(
            recommendation=kz_report.recommendations.first(),
            status="implemented",
            reasoning="We did it.",
            actor=user_named(username),
        )


def test_a_draft_recommendation_is_not_assessed(kg_report, secretariat):
    for status, reasoning in (("implemented", "Done."), ("not_assessed", "x")):
        with pytest.raises(ValidationError):
            recommendation_services.assessment_record(
                recommendation=kg_report.recommendations.first(),
                status=status,
                reasoning=reasoning,
                actor=secretariat,
            )


def test_progress_updates_come_from_the_evaluated_government(kz_report, user_named, kz_ministry):
    recommendation = kz_report.recommendations.first()
    update = recommendation_services.progress_update_add(
        recommendation=recommendation,
        text="Shelter funding included in the 2026 budget.",
        links="https://example.org/budget-2026\nhttps://example.org/decree",
        responsible_body=kz_ministry,
        submitted=True,
        actor=user_named("kz-official"),
    )
    assert update.author == user_named("kz-official") and update.submitted
    for username in ("kg-contact", "ngo-kz", "secretariat"):
        with pytest.raises(PermissionDenied):
            recommendation_services.progress_update_add(
                recommendation=recommendation, text="x", actor=user_named(username)
            )
    with pytest.raises(ValidationError):
        recommendation_services.progress_update_add(
            recommendation=recommendation,
            text="x",
            links="javascript:alert(1)",
            actor=user_named("kz-contact"),
        )
    kg_body = Organisation.objects.get(country__iso_code="KG", is_national_government=True)
    with pytest.raises(ValidationError):
        recommendation_services.progress_update_add(
            recommendation=recommendation,
            text="x",
            responsible_body=kg_body,
            actor=user_named("kz-contact"),
        )


# --- Selectors ----------------------------------------------------------------------------


def assess(report, statuses, actor):
    for recommendation, status in zip(
        report.recommendations.order_by("number"), statuses, strict=False
    ):
        recommendation_services.assessment_record(
            recommendation=recommendation, status=status, reasoning="Reasons.", actor=actor
        )


def test_status_summaries(kz_report, kg_report, secretariat):
    assess(kz_report, ["implemented"], secretariat)
    anonymous = AnonymousUser()  # reads only published recommendations: Kazakhstan's
    by_strength = {
        row.key: row.counts
        for row in recommendation_selectors.status_summary(user=anonymous, by="strength")
    }
    assert by_strength == {"urges": {"implemented": 1}, "considers": {"not_assessed": 1}}
    by_theme = {
        row.key: row for row in recommendation_selectors.status_summary(user=anonymous, by="theme")
    }
    assert set(by_theme) == {"protection", "prevention", "prosecution"}
    assert by_theme["protection"].label == "Protection" and by_theme["protection"].open == 0
    (country,) = recommendation_selectors.status_summary(user=anonymous, by="country")
    assert country.label == "Kazakhstan" and country.total == 2 and country.open == 1
    (round_row,) = recommendation_selectors.status_summary(user=anonymous, by="round")
    assert round_row.key == 1
    (addressee,) = recommendation_selectors.status_summary(user=anonymous, by="addressee")
    assert addressee.label == "Government of the Republic of Kazakhstan"
    # The expert group also counts the Kyrgyz draft.
    staff_countries = recommendation_selectors.status_summary(user=secretariat, by="country")
    assert sorted(row.label for row in staff_countries) == ["Kazakhstan", "Kyrgyzstan"]
    with pytest.raises(ValueError):
        recommendation_selectors.status_summary(user=anonymous, by="colour")


def test_status_summary_query_count_is_constant(
    kz_report, secretariat, django_assert_max_num_queries
):
    anonymous = AnonymousUser()
    for by in recommendation_selectors.SUMMARY_BY:
        with django_assert_max_num_queries(1):
            recommendation_selectors.status_summary(user=anonymous, by=by)
    services.report_correction_open(report=kz_report, note="More", actor=secretariat)
    for n in range(10):
        add(kz_report, secretariat, themes=["partnership", "prevention"], text_en=f"More {n}")
    services.report_publish(report=kz_report, actor=secretariat, correction_note="Added.")
    assess(kz_report, ["implemented", "partly_implemented", "not_implemented"] * 4, secretariat)
    for by in recommendation_selectors.SUMMARY_BY:
        with django_assert_max_num_queries(1):
            rows = recommendation_selectors.status_summary(user=anonymous, by=by)
        assert rows
    (country,) = recommendation_selectors.status_summary(user=anonymous, by="country")
    assert country.total == 12


def test_open_recommendations_and_their_age(kz_report, secretariat, kz_government):
    assess(kz_report, ["implemented", "not_implemented"], secretariat)
    open_items = recommendation_selectors.open_recommendations(
        user=AnonymousUser(), addressee=kz_government
    )
    assert [r.number for r in open_items] == [2]
    later = timezone.localdate() + timedelta(days=30)
    (item,) = recommendation_selectors.open_recommendations_ageing(
        user=AnonymousUser(), today=later
    )
    assert item.recommendation.number == 2 and item.days_open == 30


def test_follow_up_items_feed_the_next_questionnaire(kz_report, kz_evaluation, secretariat):
    assess(kz_report, ["partly_implemented", "implemented"], secretariat)
    items = recommendation_selectors.follow_up_items(kz_evaluation.country, kz_evaluation.round)
    first = kz_report.recommendations.get(number=1)
    assert items == [
        FollowUpItem(
            reference=f"recommendation-{first.pk}",
            country_id=kz_evaluation.country_id,
            text_en=first.text_en,
            text_ru=first.text_ru,
            status="partly_implemented",
        )
    ]
    assert (
        recommendation_selectors.follow_up_items(kz_evaluation.country, kz_evaluation.round)
        == items
    )


def test_follow_up_items_ignore_drafts_and_other_countries(kg_report, kz_report, secretariat):
    assess(kz_report, ["not_implemented"], secretariat)
    kg = kg_report.evaluation
    assert recommendation_selectors.follow_up_items(kg.country, kg.round) == []


def test_published_reports(kz_report, kg_report):
    assert list(selectors.published_reports()) == [kz_report]
    assert list(selectors.published_reports(country=kg_report.evaluation.country)) == []
