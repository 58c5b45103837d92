"""The statistics catalogue's Wagtail screens save through indicators.services: the revision
with the user and the service's comment, Wagtail's own history entry, and the service's rule (a
unit that cannot change once figures are stored) as a form error on the page."""

from __future__ import annotations

from django.urls import reverse
from reversion.models import Version
from wagtail.models import ModelLogEntry

from indicators.models import Indicator
from monitoring.system_text import render
from tests.rendered_forms import form_in


def _form(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return form_in(page, f"form[action='{url}']")


def test_the_catalogue_is_kept_through_the_service(login_as, user_named):
    client = login_as("secretariat")
    url = reverse("indicator:add")
    form = _form(client, url)
    created = client.post(
        form.action,
        form.data(
            {
                "code": "shelter-places",
                "name_en": "Shelter places",
                "name_ru": "Места в приютах",
                "definition_en": "Places in specialised shelters on 31 December.",
                "definition_ru": "Места в специализированных приютах на 31 декабря.",
                "unit": "cases",
                "legal_basis": "services",
                "source_type": "social_services",
            }
        ),
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    indicator = Indicator.objects.get(code="shelter-places")
    revision = Version.objects.get_for_object(indicator).get().revision
    assert (revision.user, render(revision.get_comment())) == (
        user_named("secretariat"),
        "Indicator added",
    )
    assert ModelLogEntry.objects.for_instance(indicator).filter(action="wagtail.create").exists()


def test_an_indicator_with_figures_keeps_its_unit(login_as):
    indicator = Indicator.objects.get(code="victims-identified")
    assert indicator.observations.exists() and indicator.unit == "persons"
    client = login_as("secretariat")
    url = reverse("indicator:edit", args=[indicator.pk])
    form = _form(client, url)

    refused = client.post(form.action, form.data({"unit": "cases"}))

    assert refused.status_code == 200
    assert "its unit can no longer change" in refused.content.decode()
    indicator.refresh_from_db()
    assert indicator.unit == "persons"

    versions = Version.objects.get_for_object(indicator).count()
    saved = client.post(form.action, form.data({"name_en": "Victims identified (all)"}))
    assert saved.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name_en == "Victims identified (all)"
    assert Version.objects.get_for_object(indicator).count() == versions + 1
    assert render(Version.objects.get_for_object(indicator).first().revision.get_comment()) == (
        "Indicator changed"
    )
