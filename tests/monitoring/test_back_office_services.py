"""The core records' Wagtail screens (countries, organisations, experts, memberships) save through
monitoring.services: the model's and the service's rules are form errors on the page, a
membership's change reaches the audit log with who made it, and Wagtail's own history entry is
still written."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import ModelLogEntry

from monitoring.models import AuditEvent, Country, ExpertMember, Membership, Organisation
from tests.rendered_forms import form_in


def _form(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return form_in(page, f"form[action='{url}']")


def test_a_membership_granted_and_changed_in_the_back_office_is_audited(
    login_as, user_named, django_user_model
):
    client = login_as("secretariat")
    newcomer = django_user_model.objects.create_user("ngo-newcomer", password="a-long-password-1")
    ngo = Organisation.objects.filter(kind="ngo", country__iso_code="KG").first()
    form = _form(client, reverse("membership:add"))

    created = client.post(
        form.action,
        form.data(
            {"user": str(newcomer.pk), "organisation": str(ngo.pk), "role": "ngo_respondent"}
        ),
    )

    assert created.status_code == 302
    membership = Membership.objects.get(user=newcomer)
    granted = AuditEvent.objects.filter(object_id=str(newcomer.pk)).first()
    assert granted.kind == AuditEvent.Kind.PERMISSION_CHANGE
    assert granted.actor == user_named("secretariat")
    assert granted.get_detail_display().startswith("Membership created: NGO respondent")
    assert ModelLogEntry.objects.for_instance(membership).filter(action="wagtail.create").exists()

    url = reverse("membership:edit", args=[membership.pk])
    form = _form(client, url)
    other_ngo = Organisation.objects.filter(kind="ngo").exclude(pk=ngo.pk).first()
    refused = client.post(form.action, form.data({"organisation": str(other_ngo.pk)}))
    assert refused.status_code == 200
    assert "stays with its person and organisation" in refused.content.decode()
    assert Membership.objects.get(pk=membership.pk).organisation == ngo

    ended = client.post(form.action, form.data({"is_active": None}))
    assert ended.status_code == 302
    assert not Membership.objects.get(pk=membership.pk).is_active
    latest = AuditEvent.objects.filter(object_id=str(newcomer.pk)).first()
    assert latest.get_detail_display() == "Membership changed: NGO respondent, active: no"


def test_a_membership_the_model_refuses_is_a_form_error(login_as, django_user_model):
    client = login_as("secretariat")
    newcomer = django_user_model.objects.create_user("gov-newcomer", password="a-long-password-1")
    ngo = Organisation.objects.filter(kind="ngo").first()
    form = _form(client, reverse("membership:add"))

    refused = client.post(
        form.action,
        form.data(
            {"user": str(newcomer.pk), "organisation": str(ngo.pk), "role": "contact_person"}
        ),
    )

    assert refused.status_code == 200
    assert not Membership.objects.filter(user=newcomer).exists()


def test_countries_organisations_and_experts_are_edited_through_the_services(login_as):
    client = login_as("secretariat")
    kyrgyzstan = Country.objects.get(iso_code="KG")
    form = _form(client, reverse("country:edit", args=[kyrgyzstan.pk]))
    assert client.post(form.action, form.data({"iso_code": "KZ"})).status_code == 200
    saved = client.post(form.action, form.data({"name_en": "Kyrgyz Republic"}))
    assert saved.status_code == 302
    kyrgyzstan.refresh_from_db()
    assert (kyrgyzstan.iso_code, kyrgyzstan.name_en) == ("KG", "Kyrgyz Republic")
    assert ModelLogEntry.objects.for_instance(kyrgyzstan).filter(action="wagtail.edit").exists()

    form = _form(client, reverse("organisation:add"))
    refused = client.post(
        form.action,
        form.data({"kind": "ngo", "country": None, "name_en": "Nowhere", "name_ru": "Нигде"}),
    )
    assert refused.status_code == 200
    assert "A government body or NGO needs a country." in refused.content.decode()
    assert not Organisation.objects.filter(name_en="Nowhere").exists()

    expert = ExpertMember.objects.order_by("pk").first()
    form = _form(client, reverse("expertmember:edit", args=[expert.pk]))
    refused = client.post(form.action, form.data({"term_end": expert.term_start.isoformat()}))
    assert refused.status_code == 200
    assert "The term must end after it starts." in refused.content.decode()
    expert.refresh_from_db()
    assert expert.term_end > expert.term_start
