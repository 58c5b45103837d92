"""Wagtail's page tree names its root in the reader's language, not by the "Root" its own
migration wrote: the explorer's first level, from an empty platform's first account."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(monkeypatch):
    monkeypatch.setenv("SECRETARIAT_PASSWORD", "Karakalpakstan-1991-plenary")
    call_command("create_secretariat", "aigerim", "aigerim@example.org")
    return get_user_model().objects.get(username="aigerim")


@pytest.mark.parametrize(("language", "name"), [("ru", "Дерево страниц"), ("en", "Page tree")])
def test_the_explorer_names_the_root_in_the_readers_language(client, secretariat, language, name):
    client.force_login(secretariat)
    client.cookies["django_language"] = language
    response = client.get("/admin/pages/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert name in soup.title.get_text()
    assert "Root" not in soup.get_text(" ")
    # The data keeps Wagtail's title; only what the admin shows is named.
    assert Page.get_first_root_node().title == "Root"
