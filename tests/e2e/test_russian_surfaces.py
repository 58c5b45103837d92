"""Russian first, in a real browser: a secretary working in Russian picks a news item's date in
Wagtail's own date picker, which writes it as 15.12.2026 and saves what it wrote; an English
reader searching the public site for a Russian word finds a page that exists in Russian only,
marked as Russian and saying so."""

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from cms.models import HomePage, NewsPage, StandardPage
from demo import seeding as demo

from .conftest import sign_in_to_back_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_date_picker_writes_the_russian_date_and_the_draft_keeps_it(live_server, page):
    demo.seed()
    news = NewsPage.objects.live().first()
    base = live_server.url
    sign_in_to_back_office(page, base, "secretariat")
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="secretariat"))
    profile.preferred_language = "ru"  # the back office's language is the user's own
    profile.save(update_fields=["preferred_language"])

    page.goto(f"{base}/admin/pages/{news.pk}/edit/")
    page.wait_for_selector(
        "[data-monitoring-chooser='date'][data-started='true']", state="attached"
    )
    assert page.input_value("#id_date") == news.date.strftime("%d.%m.%Y")
    page.click("#id_date")
    day = page.locator(".xdsoft_datetimepicker >> visible=true").locator(
        "td.xdsoft_date[data-date='15']:not(.xdsoft_other_month)"
    )
    month, year = int(day.get_attribute("data-month")) + 1, int(day.get_attribute("data-year"))
    day.click()
    assert page.input_value("#id_date") == f"15.{month:02d}.{year}"

    page.get_by_role("button", name=re.compile("Сохранить черновик")).first.click()
    page.wait_for_selector(".messages .success, [data-w-messages] .success", state="attached")
    saved = NewsPage.objects.get(pk=news.pk).get_latest_revision_as_object()
    assert saved.date == date(year, month, 15)


def test_an_english_reader_finds_a_page_that_exists_in_russian_only(live_server, page):
    demo.seed()
    home = HomePage.objects.get(locale=Locale.objects.get(language_code="ru"))
    roundtable = home.add_child(
        instance=StandardPage(
            title="Круглый стол «Умный навигатор»",
            slug="umnyi-navigator",
            locale=home.locale,
            intro="Итоги круглого стола с IT-компаниями в Ташкенте.",
            live=False,
        )
    )
    roundtable.save_revision().publish()

    page.goto(f"{live_server.url}/en/search/?q=навигатором")
    title = page.locator(".result--page .result__title a[lang='ru']")
    assert title.inner_text() == "Круглый стол «Умный навигатор»"
    assert title.locator("mark").inner_text() == "навигатор"
    assert page.locator(".result--page .language-note").inner_text() == (
        "(available in Russian only)"
    )
    title.click()
    page.wait_for_url(f"{live_server.url}/ru/umnyi-navigator/")
