import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from demo import seeding as demo
from monitoring.access import EXPERTS_GROUP, SECRETARIAT_GROUP
from monitoring.models import ExpertMember, Organisation


def test_seed_demo_is_idempotent(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    first = demo.summary_counts()
    call_command("seed_demo")
    assert demo.summary_counts() == first
    assert first["countries"] == 5
    assert first["reports"] == 2  # Kazakhstan published, Kyrgyzstan's draft
    assert first["assessments"] > 0
    assert "kz-contact" in capsys.readouterr().out


def test_seed_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not get_user_model().objects.exists()


def test_demo_accounts_can_sign_in_with_the_published_password(demo_data, client):
    for username, _description in demo.DEMO_LOGINS:
        response = client.post(
            "/accounts/login/", {"username": username, "password": demo.DEMO_PASSWORD}
        )
        assert response.status_code == 302, username
        assert "_auth_user_id" in client.session, username
        client.post("/accounts/logout/")


def test_each_country_has_three_to_six_bodies_and_ngos(demo_data):
    for iso, _en, _ru in demo.COUNTRIES:
        count = Organisation.objects.filter(country__iso_code=iso).count()
        assert 3 <= count <= 6, iso


def test_expert_group_is_balanced(demo_data):
    experts = ExpertMember.objects.select_related("nationality")
    assert experts.count() == 10
    assert experts.filter(gender="female").count() == 5
    by_country = {}
    for expert in experts:
        by_country[expert.nationality.iso_code] = by_country.get(expert.nationality.iso_code, 0) + 1
    assert by_country == {"KG": 2, "KZ": 2, "TJ": 2, "TM": 2, "UZ": 2}
    assert ExpertMember.objects.get(user__username="expert-kg").nationality.iso_code == "KG"


def test_staff_groups(demo_data, user_named):
    assert user_named("secretariat").groups.filter(name=SECRETARIAT_GROUP).exists()
    assert user_named("expert-kg").groups.filter(name=EXPERTS_GROUP).exists()
    assert not user_named("kz-contact").groups.exists()
