"""The back office's menu for the people who use it: one "Reports", Help as the procedure
guide in the reader's language, the audit log and invitations under "Secretariat"."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

HOME = "/admin/"


def _menu(client) -> str:
    """The sidebar's menu as Wagtail hands it to the page (its JSON props)."""
    soup = BeautifulSoup(client.get(HOME).content.decode(), "html.parser")
    return json.dumps(json.loads(soup.select_one("#wagtail-sidebar-props").string))


def test_the_secretariat_has_one_reports_entry_a_secretariat_menu_and_the_guide(login_as):
    menu = _menu(login_as("secretariat"))
    assert reverse("wagtailadmin_reports:locked_pages") not in menu  # Wagtail's own reports
    assert '"Reports"' in menu  # the evaluation reports stay
    assert '"Secretariat"' in menu
    assert "/admin/auditevent/" in menu
    assert reverse("accounts_admin:invitations") in menu
    assert reverse("procedure:guide") in menu
    assert "whats-new-in-wagtail" not in menu and "editor-guide" not in menu


def test_an_expert_sees_the_guide_but_neither_the_audit_log_nor_invitations(login_as):
    menu = _menu(login_as("expert-kg"))
    assert reverse("procedure:guide") in menu
    assert "/admin/auditevent/" not in menu
    assert reverse("accounts_admin:invitations") not in menu
    assert reverse("wagtailadmin_reports:locked_pages") not in menu


def test_a_superuser_keeps_wagtails_reports(client, django_user_model, demo_data):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    assert reverse("wagtailadmin_reports:locked_pages") in _menu(client)


@pytest.mark.parametrize(
    ("language", "heading", "step"),
    [("en", "Who does what", "Questionnaire sent"), ("ru", "Кто что делает", "Вопросник")],
)
def test_the_guide_reads_in_the_readers_language(login_as, user_named, language, heading, step):
    profile = UserProfile.get_for_user(user_named("expert-kg"))
    profile.preferred_language = language
    profile.save()
    page = login_as("expert-kg").get(reverse("procedure:guide"))
    assert page.status_code == 200
    content = page.content.decode()
    assert heading in content and step in content
    assert reverse("procedure:dashboard") in content
