"""Failed-login throttling, inactivity timeout, password reset by e-mail, invitations."""

import os
import re
import subprocess
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from accounts.tokens import invitation_tokens
from demo import seeding as demo
from monitoring.models import AuditEvent, Membership, Organisation
from monitoring.system_messages import INVITATION_SENT
from tests.rendered_forms import form_in, submit

from .helpers import sign_in

pytestmark = pytest.mark.django_db


def _fail(client, username, times, path="/accounts/login/", **extra):
    for _ in range(times):
        response = client.post(path, {"username": username, "password": "wrong"}, **extra)
    return response


def test_sign_in_is_paused_after_five_wrong_passwords(client, demo_data):
    assert _fail(client, "kg-official", 4).status_code == 200
    locked = _fail(client, "kg-official", 1)
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    # Even the right password waits now.
    assert sign_in(client, "kg-official").status_code == 429
    assert client.get("/portal/").status_code == 302
    # Another account, or the same one from another address, is not paused.
    assert sign_in(client, "ngo-kg").status_code == 302
    other_address = client.__class__()
    response = other_address.post(
        "/accounts/login/",
        {"username": "kg-official", "password": demo.DEMO_PASSWORD},
        REMOTE_ADDR="10.9.8.7",
    )
    assert response.status_code == 302


def test_the_back_office_sign_in_is_throttled_too(client, demo_data):
    locked = _fail(client, "secretariat", 5, path="/admin/login/")
    assert locked.status_code == 429
    assert sign_in(client, "secretariat", path="/admin/login/").status_code == 429


def test_a_success_resets_the_count(client, demo_data):
    _fail(client, "kg-official", 4)
    assert sign_in(client, "kg-official").status_code == 302
    client.post("/accounts/logout/")
    assert _fail(client, "kg-official", 4).status_code == 200


def test_sessions_end_after_inactivity(client, demo_data):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    sign_in(client, "kg-official")
    assert client.get("/portal/").status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    assert session.expire_date > timezone.now() + timedelta(minutes=29)
    # Half an hour without a request.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/portal/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def _link(message) -> str:
    return re.search(r"https?://[^\s]+", message.body).group(0).split("testserver", 1)[-1]


def test_password_reset_by_e_mail_works_once(client, demo_data):
    response = client.post("/accounts/password-reset/", {"email": demo.demo_email("kg-official")})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    link = _link(mail.outbox[0])
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    set_password_url = form.redirect_chain[-1][0]
    new_password = "a long new password 2026"
    done = client.post(
        set_password_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert done["Location"] == "/accounts/password-reset/done/"
    assert sign_in(client, "kg-official", password=new_password).status_code == 302
    client.post("/accounts/logout/")
    again = client.get(link, follow=True)
    assert "This link does not work" in again.content.decode()


def test_password_reset_does_not_tell_who_has_an_account(client, demo_data):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []


INVITATION_FORM = "form#invite-respondent"


def _invitation_form(client):
    """The invitation form as the secretariat's page renders it."""
    return form_in(client.get("/admin/invitations/"), INVITATION_FORM)


def _invitation(**overrides) -> dict[str, str]:
    organisation = Organisation.objects.get(
        country__iso_code="KG", kind="ngo", name_en__contains="Agartuu"
    )
    fields = {
        "email": "Aigul@Example.org",
        "first_name": "Aigul",
        "last_name": "Asanova",
        "organisation": str(organisation.pk),
        "role": Membership.Role.NGO_RESPONDENT,
        "language": "ru",
        **overrides,
    }
    return {f"respondent-{name}": value for name, value in fields.items()}


def _invite(client, **overrides):
    form = _invitation_form(client)
    return client.post(form.action, form.data(_invitation(**overrides)))


def test_the_secretariat_invites_a_respondent_whose_link_works_once(client, login_as, demo_data):
    secretariat = login_as("secretariat")
    response = _invite(secretariat)
    assert response.status_code == 302
    user = get_user_model().objects.get(username="aigul@example.org")
    assert not user.has_usable_password()
    assert user.memberships.get().role == Membership.Role.NGO_RESPONDENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aigul@example.org"]
    assert "Приглашение" in message.subject  # in the invited person's language
    listing = secretariat.get("/admin/invitations/")
    assert "aigul@example.org" in listing.content.decode()
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.PERMISSION_CHANGE,
        actor_name="secretariat",
        object_id=str(user.pk),
        detail=INVITATION_SENT.encode(),
    ).exists()

    secretariat.post("/accounts/logout/")
    link = _link(message)
    visitor = client.__class__()
    form = visitor.get(link, follow=True)
    assert form.status_code == 200
    password = "a long chosen password 2026"
    done = submit(
        visitor, form, "form.form", {"new_password1": password, "new_password2": password}
    )
    assert done["Location"] == "/portal/"
    assert visitor.get("/portal/").status_code == 200
    user.refresh_from_db()
    assert user.check_password(password)

    again = client.__class__().get(link, follow=True)
    assert "This invitation link does not work" in again.content.decode()


def test_an_invitation_expires(client, login_as, demo_data, monkeypatch):
    _invite(login_as("secretariat"))
    user = get_user_model().objects.get(username="aigul@example.org")
    token = invitation_tokens.make_token(user)
    assert invitation_tokens.check_token(user, token)
    later = invitation_tokens._now() + timedelta(seconds=settings.INVITATION_TIMEOUT + 60)
    monkeypatch.setattr(invitation_tokens, "_now", lambda: later)
    assert not invitation_tokens.check_token(user, token)
    link = _link(mail.outbox[0])
    client.post("/accounts/logout/")
    page = client.get(link, follow=True)
    assert "This invitation link does not work" in page.content.decode()


def test_an_invitation_that_breaks_a_rule_creates_nothing(client, login_as, demo_data):
    secretariat = login_as("secretariat")
    government = Organisation.objects.filter(country__iso_code="KG", kind="government").first()
    response = _invite(secretariat, organisation=str(government.pk))
    assert response.status_code == 200
    assert "An NGO respondent must belong to an NGO." in response.content.decode()
    assert not get_user_model().objects.filter(username="aigul@example.org").exists()
    assert mail.outbox == []

    response = _invite(secretariat, email=demo.demo_email("kg-official"))
    assert "exists already" in response.content.decode()


def test_a_new_link_can_be_sent_while_the_invitation_is_pending(client, login_as, demo_data):
    secretariat = login_as("secretariat")
    _invite(secretariat)
    user = get_user_model().objects.get(username="aigul@example.org")
    listing = secretariat.get("/admin/invitations/")
    response = submit(secretariat, listing, f"form[action='/admin/invitations/{user.pk}/resend/']")
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    # Someone with a password is not pending: nothing to resend.
    official = get_user_model().objects.get(username="kg-official")
    assert secretariat.post(f"/admin/invitations/{official.pk}/resend/").status_code == 404


def test_experts_and_respondents_cannot_invite(client, login_as, demo_data):
    form = _invitation_form(login_as("secretariat"))
    expert = login_as("expert-kg")  # the secretariat's form, sent from an expert's session
    assert expert.get("/admin/invitations/")["Location"] == "/admin/"
    response = expert.post(form.action, form.data(_invitation()))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not get_user_model().objects.filter(username="aigul@example.org").exists()


def test_there_is_no_self_registration(client, demo_data):
    for path in ("/accounts/register/", "/accounts/signup/", "/admin/register/"):
        assert client.get(path).status_code in (302, 404), path


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_both_sign_in_pages_offer_the_password_reset(client, path):
    page = client.get(path).content.decode()
    assert 'href="/accounts/password-reset/"' in page


def test_the_back_office_account_page_leads_to_sign_in_security(login_as):
    page = login_as("expert-kg").get("/admin/account/").content.decode()
    assert 'href="/accounts/security/"' in page


def test_the_invitation_service_refuses_anyone_but_the_secretariat(demo_data):
    from django.core.exceptions import PermissionDenied

    from accounts import services

    expert = get_user_model().objects.get(username="expert-kg")
    organisation = Organisation.objects.filter(country__iso_code="KG", kind="ngo").first()
    with pytest.raises(PermissionDenied):
        services.invite_respondent(
            email="someone@example.org",
            first_name="A",
            last_name="B",
            organisation=organisation,
            role=Membership.Role.NGO_RESPONDENT,
            language="en",
            invited_by=expert,
        )
    assert not get_user_model().objects.filter(email="someone@example.org").exists()
    assert mail.outbox == []


@override_settings(WAGTAILADMIN_BASE_URL="https://monitoring.example.org")
def test_the_invitation_link_follows_the_configured_site_address(login_as, demo_data):
    _invite(login_as("secretariat"))
    assert _link(mail.outbox[0]).startswith("https://monitoring.example.org/accounts/invitation/")


def test_the_demo_serves_and_mails_from_the_port_it_runs_on():
    """`make demo PORT=…` passes its own address to the seeding and the server, so the demo
    site's pages and e-mails link to where it is actually served."""
    planned = subprocess.run(
        ["make", "-n", "demo", "PORT=8123"],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env={k: v for k, v in os.environ.items() if k != "WAGTAILADMIN_BASE_URL"},
    ).stdout
    commands = [line for line in planned.splitlines() if "manage.py" in line]
    for command in ("migrate", "seed_demo", "runserver"):
        line = next(line for line in commands if f"manage.py {command}" in line)
        assert "WAGTAILADMIN_BASE_URL=http://127.0.0.1:8123" in line
