"""The server errors the POST sweep (test_post_sweep.py) found, one by one, through the forms
the pages render: each now answers with the form's or the page's error and changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from evaluation_rounds import services as procedure
from evaluation_rounds.models import EvaluationRound, Rapporteur
from monitoring.models import Country, ExpertMember
from tests.rendered_forms import form_in, submit

HUGE_ID = "9" * 40


@pytest.fixture
def secretariat(user_named):
    return user_named("secretariat")


@pytest.fixture
def round_nine(demo_data):
    return EvaluationRound.objects.create(
        number=9, title_en="Round 9", title_ru="Раунд 9", status=EvaluationRound.Status.OPEN
    )


@pytest.fixture
def evaluation(round_nine, secretariat):
    return procedure.evaluation_create(
        round=round_nine, country=Country.objects.get(iso_code="KG"), actor=secretariat
    )


def _expert(username: str, nationality: Country) -> ExpertMember:
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    return ExpertMember.objects.create(
        user=user,
        nationality=nationality,
        gender=ExpertMember.Gender.FEMALE,
        term_start=date(2025, 1, 1),
        term_end=date(2028, 12, 31),
    )


@pytest.fixture
def rapporteurs(evaluation, secretariat):
    kazakhstan = Country.objects.get(iso_code="KZ")
    experts = [_expert("sweep-expert-1", kazakhstan), _expert("sweep-expert-2", kazakhstan)]
    procedure.rapporteurs_assign(evaluation=evaluation, experts=experts, actor=secretariat)
    return experts


def test_deleting_an_expert_who_is_a_rapporteur_is_refused_with_a_message(
    client, secretariat, rapporteurs
):
    expert = rapporteurs[0]
    client.force_login(secretariat)
    page = client.get(reverse("expertmember:delete", args=[expert.pk]))
    response = submit(client, page, "main form[method=post]")

    assert response.status_code == 302
    assert response["Location"] == reverse("expertmember:edit", args=[expert.pk])
    assert ExpertMember.objects.filter(pk=expert.pk).exists()
    assert Rapporteur.objects.filter(expert=expert).exists()
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "cannot be deleted" in message
    assert "rapporteur" in message.lower()


def test_deleting_an_expert_nobody_refers_to_still_works(client, secretariat, demo_data):
    expert = _expert("sweep-expert-free", Country.objects.get(iso_code="KZ"))
    client.force_login(secretariat)
    page = client.get(reverse("expertmember:delete", args=[expert.pk]))
    response = submit(client, page, "main form[method=post]")

    assert response.status_code == 302
    assert not ExpertMember.objects.filter(pk=expert.pk).exists()


def test_a_rapporteur_id_beyond_any_column_is_a_form_error(client, secretariat, evaluation):
    client.force_login(secretariat)
    page = client.get(reverse("procedure:evaluation", args=[evaluation.pk]))
    selector = f"form[action='{reverse('procedure:rapporteurs', args=[evaluation.pk])}']"
    form = form_in(page, selector)
    response = client.post(form.action, form.data({"experts": [HUGE_ID]}))

    assert response.status_code == 400
    assert not Rapporteur.objects.filter(evaluation=evaluation).exists()
    assert "valid choice" in response.content.decode()


def test_a_delegate_id_beyond_any_column_is_a_form_error(client, secretariat, evaluation):
    client.force_login(secretariat)
    page = client.get(reverse("procedure:visit_add"))
    response = submit(
        client,
        page,
        "main form[method=post]",
        {
            "evaluation": str(evaluation.pk),
            "start_date": "2026-05-04",
            "end_date": "2026-05-08",
            "delegation": [HUGE_ID],
        },
    )

    assert response.status_code == 400
    assert "valid choice" in response.content.decode()
    assert not evaluation.visits.exists()
