"""An empty platform gets its public site: `create_secretariat` lays out the frame (home page
and sections in both languages), and each country and round the secretariat adds in the back
office gets its page. No demo data."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from cms.models import CountryPage, HomePage, RoundPage
from cms.site_setup import public_site_ensure
from tests.rendered_forms import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(first_secretariat):
    return first_secretariat


def test_the_first_account_comes_with_the_public_site_in_both_languages(client, secretariat):
    english = client.get("/en/")
    assert english.status_code == 200
    assert "Monitoring action against trafficking" in english.text
    assert "Welcome to your new Wagtail site" not in english.text
    russian = client.get("/ru/")
    assert russian.status_code == 200
    assert "Мониторинг" in russian.text
    for path in ("/en/countries/", "/ru/countries/", "/en/rounds/", "/en/news/", "/ru/search/"):
        assert client.get(path).status_code == 200, path
    assert HomePage.objects.count() == 2


def test_setting_up_again_changes_no_page(secretariat):
    home = HomePage.objects.get(locale__language_code="en")
    home.title = "Our own title"
    home.save_revision().publish()
    pages = Page.objects.count()

    public_site_ensure()

    assert Page.objects.count() == pages
    assert HomePage.objects.get(pk=home.pk).title == "Our own title"


def test_a_country_and_a_round_added_in_the_back_office_get_their_pages(client, secretariat):
    client.force_login(secretariat)
    form = client.get("/admin/country/new/")
    submit(
        client,
        form,
        "form[method=post]",
        {"iso_code": "UZ", "name_en": "Uzbekistan", "name_ru": "Узбекистан", "is_evaluated": "on"},
    )
    form = client.get("/admin/evaluationround/new/")
    added = submit(
        client,
        form,
        "form[method=post]",
        {
            "number": "1",
            "title_en": "First round",
            "title_ru": "Первый раунд",
            "reply_period_months": "4",
        },
    )
    assert added.status_code == 302, added.text[:2000]

    assert CountryPage.objects.filter(country__iso_code="UZ").count() == 2
    assert RoundPage.objects.filter(round__number=1).count() == 2
    client.logout()
    assert "Uzbekistan" in client.get("/en/countries/uzbekistan/").text
    assert "Узбекистан" in client.get("/ru/countries/uzbekistan/").text
    assert "Первый раунд" in client.get("/ru/rounds/round-1/").text
    assert "Uzbekistan" in client.get("/en/countries/").text


def test_the_secretariat_may_edit_the_home_page(client, secretariat):
    client.force_login(secretariat)
    home = HomePage.objects.get(locale__language_code="en")
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200


def test_every_public_page_leads_to_the_statistics_and_the_open_data_api(client, secretariat):
    """A visitor of an empty platform finds the statistics page in the menu and the API in the
    footer, in both languages (they are views, not pages of the tree)."""
    for language, statistics in (("en", "Statistics"), ("ru", "Статистика")):
        html = BeautifulSoup(client.get(f"/{language}/countries/").content, "html.parser")
        menu = html.select_one("nav.site-nav")
        assert menu.find("a", href=f"/{language}/statistics/").get_text() == statistics
        assert client.get(f"/{language}/statistics/").status_code == 200
        footer = html.select_one("footer")
        api = footer.find("a", href="/api/v1/docs")
        assert api is not None
        assert client.get(api["href"]).status_code == 200
