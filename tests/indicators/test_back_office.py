"""The back office for statistics: the secretariat keeps the catalogue, the expert group marks
national figures through the service (its rules, its revision); nobody adds or deletes a figure
one by one."""

from __future__ import annotations

from django.urls import reverse
from reversion.models import Version

from indicators.models import Indicator, Observation
from tests.rendered_forms import form_in


def _edit_form(client, observation):
    """Wagtail's edit form for the figure, as the page renders it."""
    url = reverse("observation:edit", args=[observation.pk])
    return form_in(client.get(url), f"form[action='{url}']")


def _observation() -> Observation:
    return (
        Observation.objects.filter(country__iso_code="KG", status=Observation.Status.UNVERIFIED)
        .order_by("pk")
        .first()
    )


def test_an_expert_questions_a_figure_with_a_query(
    login_as, user_named, mailoutbox, django_capture_on_commit_callbacks
):
    observation = _observation()
    client = login_as("expert-kg")
    form = _edit_form(client, observation)
    refused = client.post(form.action, form.data({"status": "questioned", "query": "  "}))
    assert refused.status_code == 200
    assert "Say what is questioned" in refused.content.decode()
    observation.refresh_from_db()
    assert observation.status == Observation.Status.UNVERIFIED

    revisions = Version.objects.get_for_object(observation).count()
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(
            form.action, form.data({"status": "questioned", "query": "Does 2022 include men?"})
        )
    assert saved.status_code == 302
    # The query goes to Kyrgyzstan's contact person, and to nobody else.
    assert [message.to for message in mailoutbox] == [[user_named("kg-contact").email]]
    assert "Does 2022 include men?" in mailoutbox[0].body
    assert str(observation.year) in mailoutbox[0].body
    observation.refresh_from_db()
    assert observation.status == Observation.Status.QUESTIONED
    assert observation.query == "Does 2022 include men?"
    assert observation.status_changed_by.username == "expert-kg"
    assert Version.objects.get_for_object(observation).count() == revisions + 1


def test_the_figure_itself_cannot_be_changed_from_the_form(login_as):
    observation = _observation()
    value = observation.value
    client = login_as("secretariat")
    form = _edit_form(client, observation)
    assert "value" not in form.names  # the form offers the marks only
    payload = form.data({"status": "estimated", "query": ""})
    payload["value"] = [str(value + 1000)]  # sent anyway, by hand
    client.post(form.action, payload)
    observation.refresh_from_db()
    assert (observation.status, observation.value) == (Observation.Status.ESTIMATED, value)


def test_the_secretariat_edits_the_catalogue_and_the_list_offers_no_new_figure(
    login_as, django_user_model
):
    indicator = Indicator.objects.get(code="victims-identified")
    client = login_as("secretariat")
    edit = client.get(reverse("indicator:edit", args=[indicator.pk]))
    assert edit.status_code == 200
    django_user_model.objects.create_superuser("root", password="a-long-password-1")
    client.force_login(django_user_model.objects.get(username="root"))
    listing = client.get(reverse("observation:index")).content.decode()
    assert "/admin/observation/edit/" in listing
    assert "/admin/observation/new/" not in listing
    assert client.get("/admin/observation/new/").status_code == 404
    first = _observation().pk
    assert client.post(f"/admin/observation/delete/{first}/").status_code == 404
    assert Observation.objects.filter(pk=first).exists()
