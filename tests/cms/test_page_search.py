"""The public site's pages in the public search, found like the reports (word forms, case,
phrases, `OR`, `-`) on every database, from an empty platform: pages written and published the
way the page editor's Publish does (`save_revision().publish()`), unpublished and deleted
through the back office's own confirmation forms. A page that exists in one language only is
found from the other, marked with its language."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from cms import page_index
from cms.models import HomePage, StandardPage
from monitoring.models import SearchText
from monitoring.search import index, parse
from tests.rendered_forms import submit

pytestmark = pytest.mark.django_db

ABOUT_RU = (
    "<p>Группа экспертов содействует <b>воссоединению</b> семей пострадавших "
    "и сотрудничает с IT-компаниями.</p>"
)
ABOUT_EN = "<p>The expert group supports the reunification of victims' families.</p>"


@pytest.fixture
def secretariat(first_secretariat):
    return first_secretariat


def _home(language: str) -> HomePage:
    return HomePage.objects.get(locale__language_code=language)


def _published(parent: Page, *, title: str, slug: str, intro: str = "", body: str = "") -> Page:
    page = parent.add_child(
        instance=StandardPage(
            title=title,
            slug=slug,
            locale=parent.locale,
            intro=intro,
            body=[("paragraph", RichText(body))] if body else [],
            live=False,
        )
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def pages(secretariat):
    """A page in both languages, one in Russian only, one in English only."""
    about_en = _published(
        _home("en"), title="Our reunification work", slug="reunification", body=ABOUT_EN
    )
    about_ru = about_en.copy_for_translation(Locale.objects.get(language_code="ru")).specific
    about_ru.title, about_ru.body = "Наша работа", [("paragraph", RichText(ABOUT_RU))]
    about_ru.save_revision().publish()
    russian_only = _published(
        _home("ru"),
        title="Круглый стол «Умный навигатор»",
        slug="navigator",
        intro="Итоги круглого стола в Ташкенте.",
    )
    english_only = _published(
        _home("en"),
        title="Shelters in Almaty",
        slug="shelters",
        body="<p>Shelters for child victims are open in Almaty.</p>",
    )
    return {"about_en": about_en, "about_ru": about_ru, "ru": russian_only, "en": english_only}


def _page_hits(client, language: str, q: str):
    response = client.get(f"/{language}/search/", {"q": q})
    assert response.status_code == 200
    hits = [hit for hit in response.context["search"].page_obj or [] if hit.kind == "page"]
    return response, hits


def _urls(hits) -> set[str]:
    return {hit.url for hit in hits}


# query -> the pages a Russian reader finds ("about" is their locale's copy)
RUSSIAN_READER = {
    "воссоединению": {"about_ru"},
    "ВОССОЕДИНЕНИЕ": {"about_ru"},
    "Воссоединения семей": {"about_ru"},
    "IT-компаниями": {"about_ru"},
    "умный навигатор": {"ru"},
    '"умный навигатор"': {"ru"},
    '"навигатор умный"': set(),
    "Ташкенте": {"ru"},
    "ташкент OR воссоединение": {"ru", "about_ru"},
    "круглый -ташкент": set(),
    "shelters": {"en"},  # in English only, so searched in English
    "reunification": set(),  # the Russian copy exists: its English text is not what they read
    "-навигатор": set(),
}


@pytest.mark.parametrize(("query", "expected"), RUSSIAN_READER.items(), ids=list(RUSSIAN_READER))
def test_a_russian_reader_finds_pages_in_any_form(client, pages, query, expected):
    _response, hits = _page_hits(client, "ru", query)
    assert _urls(hits) == {pages[name].url for name in expected}


def test_the_words_found_are_marked_and_a_page_in_another_language_says_so(client, pages):
    response, [hit] = _page_hits(client, "en", "навигатор")
    assert hit.url == pages["ru"].url
    assert (hit.lang, hit.title_lang, hit.note) == ("ru", "ru", "available in Russian only")
    soup = BeautifulSoup(response.content, "html.parser")
    title = soup.select_one(".result--page .result__title a")
    assert title["lang"] == "ru" and title.mark.get_text() == "навигатор"
    assert "available in Russian only" in soup.get_text()

    _response, [hit] = _page_hits(client, "ru", "воссоединение")
    assert hit.lang == "" and "<mark>воссоединению</mark>" in hit.excerpt
    # An English reader reads the English copy of the page in both languages.
    _response, hits = _page_hits(client, "en", "reunification")
    assert _urls(hits) == {pages["about_en"].url}
    assert _page_hits(client, "en", "воссоединение")[1] == []


def test_an_unpublished_or_deleted_page_is_no_longer_found(client, pages, secretariat):
    client.force_login(secretariat)
    page = pages["ru"]
    submit(client, client.get(f"/admin/pages/{page.pk}/unpublish/"), "form[method=post]", {})
    assert not Page.objects.get(pk=page.pk).live
    assert not SearchText.objects.filter(target="wagtailcore.page", object_id=page.pk).exists()
    client.logout()
    assert _page_hits(client, "ru", "навигатор")[1] == []

    client.force_login(secretariat)
    page = pages["en"]
    submit(client, client.get(f"/admin/pages/{page.pk}/delete/"), "form[method=post]", {})
    assert not Page.objects.filter(pk=page.pk).exists()
    assert not SearchText.objects.filter(target="wagtailcore.page", object_id=page.pk).exists()
    client.logout()
    assert _page_hits(client, "en", "shelters")[1] == []


def test_a_draft_is_not_found_until_it_is_published(client, pages):
    page = pages["en"].specific
    page.title = "Shelters and hotlines"
    page.save_revision()  # a draft: the live page keeps its title
    assert _page_hits(client, "en", "hotlines")[1] == []
    assert _urls(_page_hits(client, "en", "shelters")[1]) == {page.url}
    page.get_latest_revision().publish()
    assert _urls(_page_hits(client, "en", "hotline")[1]) == {page.url}


def test_pages_published_before_the_index_are_indexed_after_migrate(pages):
    SearchText.objects.filter(target="wagtailcore.page").delete()
    assert page_index.unindexed_live_pages().filter(pk=pages["ru"].pk).exists()
    call_command("migrate", verbosity=0)
    assert not page_index.unindexed_live_pages().exists()
    found = Page.objects.filter(index.condition(Page, "text", parse("навигатора")))
    assert list(found.values_list("pk", flat=True)) == [pages["ru"].pk]


def test_the_rebuild_indexes_the_pages_too(pages):
    SearchText.objects.filter(target="wagtailcore.page").delete()
    call_command("rebuild_search_index", verbosity=0)
    matching = Page.objects.filter(index.condition(Page, "text", parse("IT-компаниями")))
    assert list(matching.values_list("pk", flat=True)) == [pages["about_ru"].pk]


def test_the_search_page_queries_stay_fixed_with_more_pages(
    client, pages, django_assert_max_num_queries
):
    for number in range(12):
        _published(_home("ru"), title=f"Навигатор {number}", slug=f"navigator-{number}")
    client.get("/ru/")
    with django_assert_max_num_queries(20):
        _response, hits = _page_hits(client, "ru", "навигатор")
    assert len(hits) == 13
