"""The public site: a home page per locale, with the locale in the URL."""

import pytest


@pytest.mark.parametrize(
    ("path", "title", "ui_text", "lang"),
    [
        ("/en/", "Monitoring action against trafficking", "How the monitoring works", "en"),
        ("/ru/", "Мониторинг противодействия торговле людьми", "Как устроен мониторинг", "ru"),
    ],
)
def test_home_page_renders_in_both_languages(demo_data, client, path, title, ui_text, lang):
    response = client.get(path)
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{lang}">' in content
    assert title in content
    assert ui_text in content


def test_home_page_links_its_translation(demo_data, client):
    content = client.get("/en/").content.decode()
    assert 'hreflang="ru"' in content
    assert 'href="/ru/"' in content


def test_root_redirects_to_the_browser_language(demo_data, client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru")["Location"] == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/en/"


@pytest.mark.parametrize(
    ("path", "text"),
    [("/en/about/", "About the evaluation procedure"), ("/ru/about/", "О процедуре оценки")],
)
def test_about_page_in_both_languages(demo_data, client, path, text):
    response = client.get(path)
    assert response.status_code == 200
    assert text in response.content.decode()


def test_unknown_page_is_a_translated_404(demo_data, client):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_set_language_keeps_the_visitor_on_the_same_page(demo_data, client):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/en/about/"})
    assert response.status_code == 302
    assert response["Location"] == "/ru/about/"


def test_home_page_query_count(demo_data, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        client.get("/en/")


def test_sitemap_lists_both_locales(demo_data, client):
    content = client.get("/sitemap.xml").content.decode()
    assert "/en/about/" in content
    assert "/ru/about/" in content


def test_reading_a_russian_page_makes_the_portal_russian(demo_data, client):
    client.get("/ru/")
    assert client.cookies["django_language"].value == "ru"
    content = client.get("/accounts/login/").content.decode()
    assert "Вход на портал респондентов" in content


def test_a_hidden_portal_object_is_a_plain_404(login_as):
    response = login_as("ngo-kz").get("/portal/responses/999999/")
    assert response.status_code == 404


def test_an_unprefixed_public_path_still_redirects_to_its_language(demo_data, client):
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302 and response["Location"] == "/ru/about/"
