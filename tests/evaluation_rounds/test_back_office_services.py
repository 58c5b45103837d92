"""The procedure's Wagtail screens (rounds, plenaries, evaluations) save through the services:
each edit submitted from the rendered admin form is a revision of its own with the user and the
service's comment, Wagtail's history screen still gets its entry, and a rule the service enforces
is a form error on the page, never a server error."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from reversion.models import Version
from wagtail.models import ModelLogEntry

from evaluation_rounds.models import CountryEvaluation, EvaluationRound, Plenary, Transition
from monitoring.services import country_upsert
from monitoring.system_text import render
from tests.rendered_forms import form_in


@pytest.fixture
def secretariat_client(login_as):
    return login_as("secretariat")


def _form(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return form_in(page, f"form[action='{url}']")


def _latest_revision(instance):
    return Version.objects.get_for_object(instance).first().revision


def test_a_round_created_and_edited_in_the_back_office_is_versioned_by_the_service(
    secretariat_client, user_named
):
    url = reverse("evaluationround:add")
    form = _form(secretariat_client, url)
    created = secretariat_client.post(
        form.action,
        form.data(
            {
                "number": "9",
                "title_en": "Round nine",
                "title_ru": "Девятый раунд",
                "theme_en": "Prevention",
                "theme_ru": "Профилактика",
                "status": "preparing",
                "reply_period_months": "4",
                "comment_period_months": "1",
                "final_comments_period_months": "1",
                "follow_up_period_months": "12",
            }
        ),
    )
    assert created.status_code == 302
    round_nine = EvaluationRound.objects.get(number=9)
    revision = _latest_revision(round_nine)
    assert (revision.user, render(revision.get_comment())) == (
        user_named("secretariat"),
        "Round created",
    )
    assert ModelLogEntry.objects.for_instance(round_nine).filter(action="wagtail.create").exists()

    url = reverse("evaluationround:edit", args=[round_nine.pk])
    form = _form(secretariat_client, url)
    edited = secretariat_client.post(form.action, form.data({"title_en": "Round nine (2027)"}))
    assert edited.status_code == 302
    round_nine.refresh_from_db()
    assert round_nine.title_en == "Round nine (2027)"
    assert Version.objects.get_for_object(round_nine).count() == 2
    assert render(_latest_revision(round_nine).get_comment()) == "Round changed"

    refused = secretariat_client.post(
        form.action, form.data({"reference_first_year": "2024", "reference_last_year": "2020"})
    )
    assert refused.status_code == 200
    assert "The reference period ends after it starts." in refused.content.decode()
    assert Version.objects.get_for_object(round_nine).count() == 2


def test_a_plenary_with_decisions_keeps_its_end_date_and_gets_a_form_error(secretariat_client):
    decided = Plenary.objects.get(number=3)
    assert Transition.objects.filter(plenary=decided).exists()
    end_date = decided.end_date
    url = reverse("plenary:edit", args=[decided.pk])
    form = _form(secretariat_client, url)

    refused = secretariat_client.post(
        form.action, form.data({"end_date": (end_date + timedelta(days=1)).isoformat()})
    )

    assert refused.status_code == 200
    assert "its end date can no longer change" in refused.content.decode()
    decided.refresh_from_db()
    assert decided.end_date == end_date

    versions = Version.objects.get_for_object(decided).count()
    saved = secretariat_client.post(form.action, form.data({"place_en": "Strasbourg, room 2"}))
    assert saved.status_code == 302
    decided.refresh_from_db()
    assert decided.place_en == "Strasbourg, room 2"
    assert Version.objects.get_for_object(decided).count() == versions + 1
    assert render(_latest_revision(decided).get_comment()) == "Plenary changed"


def test_an_evaluation_edited_in_the_back_office_keeps_its_country(secretariat_client):
    evaluation = CountryEvaluation.objects.select_related("country").order_by("pk").first()
    # A country without an evaluation in that round: only the service's rule stands in the way.
    other = country_upsert(iso_code="AM", name_en="Armenia", name_ru="Армения", is_evaluated=True)
    url = reverse("countryevaluation:edit", args=[evaluation.pk])
    form = _form(secretariat_client, url)

    refused = secretariat_client.post(form.action, form.data({"country": str(other.pk)}))

    assert refused.status_code == 200
    assert "keeps its round and its country" in refused.content.decode()
    assert CountryEvaluation.objects.get(pk=evaluation.pk).country_id == evaluation.country_id

    versions = Version.objects.get_for_object(evaluation).count()
    saved = secretariat_client.post(
        form.action, form.data({"kind": "urgent", "urgent_reason": "New information"})
    )
    assert saved.status_code == 302
    evaluation.refresh_from_db()
    assert (evaluation.kind, evaluation.urgent_reason) == ("urgent", "New information")
    assert Version.objects.get_for_object(evaluation).count() == versions + 1
    assert render(_latest_revision(evaluation).get_comment()) == "Evaluation changed"
