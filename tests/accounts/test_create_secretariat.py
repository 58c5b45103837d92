"""An empty platform's first account: `manage.py create_secretariat`, then the first sign-in sets
up the authenticator and reaches the back office as the secretariat. No demo data."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from monitoring.access import principal_for
from tests.rendered_forms import submit

from .helpers import code_for

pytestmark = pytest.mark.django_db

PASSWORD = "Karakalpakstan-1991-plenary"


def test_the_first_secretariat_account_signs_in_and_sets_up_its_authenticator(client, monkeypatch):
    assert not get_user_model().objects.exists()
    monkeypatch.setenv("SECRETARIAT_PASSWORD", PASSWORD)
    call_command("create_secretariat", "aigerim", "Aigerim@Example.org")

    user = get_user_model().objects.get(username="aigerim")
    assert user.email == "aigerim@example.org"
    assert principal_for(user).is_secretariat

    login = client.get("/admin/login/")
    response = submit(client, login, "form", {"username": "aigerim", "password": PASSWORD})
    setup = client.get(response["Location"], follow=True)
    assert setup.redirect_chain[-1][0].startswith("/accounts/two-factor/setup/")
    hex_key = client.session["second_factor_pending_key"]
    done = submit(client, setup, "form.form", {"code": code_for(hex_key)})
    assert done.status_code == 200
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/invitations/").status_code == 200


def test_a_weak_password_or_a_taken_name_is_refused_with_its_reason(monkeypatch):
    monkeypatch.setenv("SECRETARIAT_PASSWORD", "12345")
    with pytest.raises(CommandError, match="too short"):
        call_command("create_secretariat", "aigerim", "aigerim@example.org")
    assert not get_user_model().objects.exists()

    monkeypatch.setenv("SECRETARIAT_PASSWORD", PASSWORD)
    call_command("create_secretariat", "aigerim", "aigerim@example.org")
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_secretariat", "AIGERIM", "other@example.org")
    assert get_user_model().objects.count() == 1
