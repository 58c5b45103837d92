"""The secretariat of an empty platform invites a member of the expert group: the account is
an expert's from the first sign-in, which sets up the authenticator. No demo data."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from monitoring import services as monitoring_services
from monitoring.access import Role, principal_for
from monitoring.models import ExpertMember
from tests.rendered_forms import form_in, submit

pytestmark = pytest.mark.django_db

EXPERT_FORM = "form#invite-expert"


@pytest.fixture
def secretariat(client, monkeypatch):
    monkeypatch.setenv("SECRETARIAT_PASSWORD", "Karakalpakstan-1991-plenary")
    call_command("create_secretariat", "aigerim", "aigerim@example.org")
    user = get_user_model().objects.get(username="aigerim")
    client.force_login(user)
    return client


@pytest.fixture
def kyrgyzstan():
    return monitoring_services.country_create(
        iso_code="KG", name_en="Kyrgyzstan", name_ru="Кыргызстан", is_evaluated=True
    )


def _expert(kyrgyzstan, **overrides) -> dict[str, str]:
    fields = {
        "email": "Nurlan@Example.org",
        "first_name": "Nurlan",
        "last_name": "Abdyldaev",
        "nationality": str(kyrgyzstan.pk),
        "gender": "male",
        "term_start": "2026-01-01",
        "term_end": "2029-12-31",
        "language": "en",
        **overrides,
    }
    return {f"expert-{name}": value for name, value in fields.items()}


def test_an_invited_expert_sets_a_password_then_an_authenticator(secretariat, kyrgyzstan):
    page = secretariat.get("/admin/invitations/")
    sent = submit(secretariat, page, EXPERT_FORM, _expert(kyrgyzstan))
    assert sent.status_code == 302

    user = get_user_model().objects.get(username="nurlan@example.org")
    expert = ExpertMember.objects.get(user=user)
    assert (expert.nationality, expert.gender) == (kyrgyzstan, "male")
    assert principal_for(user).has(Role.EXPERT)
    assert "Expert group" in secretariat.get("/admin/invitations/").text

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/invitation/\S+", mail.outbox[0].body).group(0)
    visitor = secretariat.__class__()
    form = visitor.get(link, follow=True)
    password = "a long chosen password 2026"
    done = submit(
        visitor, form, "form.form", {"new_password1": password, "new_password2": password}
    )
    assert done["Location"] == "/admin/"
    setup = visitor.get("/admin/", follow=True)
    assert setup.redirect_chain[-1][0].startswith("/accounts/two-factor/setup/")


def test_a_term_ending_before_it_starts_invites_nobody(secretariat, kyrgyzstan):
    page = secretariat.get("/admin/invitations/")
    form = form_in(page, EXPERT_FORM)
    refused = secretariat.post(form.action, form.data(_expert(kyrgyzstan, term_end="2025-12-31")))
    assert refused.status_code == 200
    assert "The term ends after it starts." in refused.text
    assert not get_user_model().objects.filter(username="nurlan@example.org").exists()
    assert mail.outbox == []
