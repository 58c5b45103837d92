"""Two-factor sign-in, through the real forms: mandatory for staff, optional for respondents."""

import re

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from demo.seed.accounts import demo_key
from monitoring.models import AuditEvent

from .helpers import code_for, sign_in

pytestmark = pytest.mark.django_db


def test_staff_password_alone_reaches_nothing_but_the_second_step(client, demo_data):
    response = sign_in(client, "secretariat", path="/admin/login/")
    assert response.status_code == 302
    for path in ("/admin/", "/admin/reports/", "/portal/", "/admin/invitations/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/two-factor/?next="), path
    page = client.get("/accounts/two-factor/?next=/admin/")
    assert page.status_code == 200
    assert "authenticator app" in page.content.decode()


def test_staff_pass_with_the_code_from_their_authenticator(client, demo_data):
    sign_in(client, "expert-kg", path="/admin/login/")
    response = client.post(
        "/accounts/two-factor/", {"code": code_for(demo_key("expert-kg")), "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_recorded_and_throttled(client, demo_data):
    sign_in(client, "secretariat", path="/admin/login/")
    key = demo_key("secretariat")
    wrong = f"{(int(code_for(key)) + 1) % 1_000_000:06d}"
    response = client.post("/accounts/two-factor/", {"code": wrong, "next": "/admin/"})
    assert response.status_code == 200
    assert "This code is not valid" in response.content.decode()
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.SIGN_IN_FAILED, actor_name="secretariat", detail__contains="second"
    ).exists()
    # Right after a failure even the right code waits: django-otp's throttling.
    response = client.post("/accounts/two-factor/", {"code": code_for(key), "next": "/admin/"})
    assert response.status_code == 200
    assert "Too many wrong codes" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_an_open_redirect_is_not_followed(client, demo_data):
    sign_in(client, "secretariat", path="/admin/login/")
    response = client.post(
        "/accounts/two-factor/",
        {"code": code_for(demo_key("secretariat")), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/accounts/security/"


def test_a_recovery_code_works_once(client, demo_data):
    user = get_user_model().objects.get(username="secretariat")
    codes = services.issue_recovery_codes(user)
    assert len(codes) == 10 and len(set(codes)) == 10

    sign_in(client, "secretariat", path="/admin/login/")
    response = client.post("/accounts/two-factor/", {"code": codes[0].upper(), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert StaticToken.objects.filter(device__user=user).count() == 9

    client.post("/accounts/logout/")
    sign_in(client, "secretariat", path="/admin/login/")
    response = client.post("/accounts/two-factor/", {"code": codes[0], "next": "/admin/"})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_staff_without_an_authenticator_set_one_up_before_anything_else(client, demo_data):
    TOTPDevice.objects.filter(user__username="expert-kg").delete()
    sign_in(client, "expert-kg", path="/admin/login/")
    response = client.get("/accounts/two-factor/?next=/admin/")
    assert response["Location"].startswith("/accounts/two-factor/setup/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    hex_key = client.session["second_factor_pending_key"]

    refused = client.post("/accounts/two-factor/setup/", {"code": "12345x", "next": "/admin/"})
    assert "does not match" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user__username="expert-kg").exists()

    done = client.post(
        "/accounts/two-factor/setup/", {"code": code_for(hex_key), "next": "/admin/"}
    )
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user__username="expert-kg").key == hex_key
    assert client.get("/admin/").status_code == 200


def test_a_password_alone_cannot_replace_an_existing_authenticator(client, demo_data):
    sign_in(client, "secretariat", path="/admin/login/")
    response = client.get("/accounts/two-factor/setup/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/?next=")
    response = client.post("/accounts/two-factor/setup/", {"code": "000000"})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user__username="secretariat").key == demo_key("secretariat")


def test_a_new_sign_in_owes_the_second_step_again(client, demo_data):
    sign_in(client, "secretariat", path="/admin/login/")
    client.post("/accounts/two-factor/", {"code": code_for(demo_key("secretariat"))})
    assert client.get("/admin/").status_code == 200
    client.post("/accounts/logout/")
    sign_in(client, "secretariat", path="/admin/login/")
    assert client.get("/admin/").status_code == 302


def test_respondents_sign_in_with_a_password_until_they_turn_the_second_factor_on(
    client, demo_data
):
    sign_in(client, "kg-official")
    assert client.get("/portal/").status_code == 200
    page = client.get("/accounts/security/")
    assert "Two-factor authentication is off" in page.content.decode()

    client.get("/accounts/two-factor/setup/")
    hex_key = client.session["second_factor_pending_key"]
    client.post("/accounts/two-factor/setup/", {"code": code_for(hex_key)})
    client.post("/accounts/logout/")

    sign_in(client, "kg-official")
    assert client.get("/portal/")["Location"].startswith("/accounts/two-factor/")
    client.post("/accounts/two-factor/", {"code": code_for(hex_key), "next": "/portal/"})
    assert client.get("/portal/").status_code == 200

    response = client.post("/accounts/two-factor/remove/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user__username="kg-official").exists()
    client.post("/accounts/logout/")
    sign_in(client, "kg-official")
    assert client.get("/portal/").status_code == 200


def test_staff_cannot_turn_the_second_factor_off(client, demo_data):
    sign_in(client, "secretariat", path="/admin/login/")
    client.post("/accounts/two-factor/", {"code": code_for(demo_key("secretariat"))})
    assert client.post("/accounts/two-factor/remove/").status_code == 403
    assert TOTPDevice.objects.filter(user__username="secretariat").exists()


def test_new_recovery_codes_replace_the_old_ones_and_need_the_second_step(client, demo_data):
    user = get_user_model().objects.get(username="secretariat")
    old = services.issue_recovery_codes(user)
    sign_in(client, "secretariat", path="/admin/login/")
    # Still owing the second step: refused.
    assert client.post("/accounts/two-factor/recovery-codes/").status_code == 403
    client.post("/accounts/two-factor/", {"code": code_for(demo_key("secretariat"))})
    page = client.post("/accounts/two-factor/recovery-codes/")
    new = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page.content.decode())
    assert len(new) == 10
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert stored == set(new)
    assert not stored & set(old)


def test_the_demo_shows_the_current_code_and_production_does_not(client, demo_data, settings):
    sign_in(client, "secretariat", path="/admin/login/")
    assert 'id="demo-code"' not in client.get("/accounts/two-factor/").content.decode()
    settings.SECOND_FACTOR_DEMO_HINT = True
    page = client.get("/accounts/two-factor/").content.decode()
    shown = re.search(r"the current code is (\d{6})", page).group(1)
    key = demo_key("secretariat")
    assert shown in {code_for(key, -1), code_for(key), code_for(key, 1)}
    assert (
        client.post("/accounts/two-factor/", {"code": shown})["Location"] == "/accounts/security/"
    )


def test_anonymous_answers_do_not_vary_on_the_cookie(client, demo_data):
    """The second-step check leaves anonymous sessions alone, so public caching still works."""
    for path in ("/en/", "/api/v1/countries"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Cookie" not in response.get("Vary", ""), path
