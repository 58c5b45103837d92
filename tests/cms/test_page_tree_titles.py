"""Wagtail's page tree names its root in the reader's language, not by the "Root" its own
migration wrote: the explorer's first level, from an empty platform's first account."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(first_secretariat):
    return first_secretariat


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
