"""Wagtail's own date pickers write and read the reader's date format (02.12.2026 in Russian,
2 December 2026 in English), like `|day` everywhere else: the widgets Wagtail builds itself
(listing filters, the page editor's date field) and what the pickers write parses back to the
same date. From an empty platform: the first account and its site."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.utils import timezone, translation
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput
from wagtail.models import Locale

from cms.models import NewsIndexPage, NewsPage
from tests.rendered_forms import form_in, submit

DAY = datetime.date(2026, 12, 2)
MOMENT = datetime.datetime(2026, 12, 2, 14, 30)
SHOWN = {
    "ru": ("02.12.2026", "02.12.2026 14:30", "d.m.Y"),
    "en": ("2 December 2026", "2 December 2026, 14:30", "j F Y"),
}


def _config(html: str) -> dict:
    """The picker's settings, as the page hands them to Wagtail's chooser script."""
    starter = BeautifulSoup(html, "html.parser").select_one("[data-monitoring-chooser]")
    return json.loads(starter["data-config"])


@pytest.mark.parametrize("language", SHOWN)
def test_the_pickers_show_and_read_the_readers_format(language):
    day, moment, picker = SHOWN[language]
    with translation.override(language):
        html = AdminDateInput().render("on", DAY)
        assert f'value="{day}"' in html and _config(html)["format"] == picker
        html = AdminDateTimeInput().render("at", MOMENT)
        assert f'value="{moment}"' in html
        assert _config(html)["format"] == SHOWN[language][2] + (
            " H:i" if language == "ru" else ", H:i"
        )
        # A widget Wagtail built at import, before any language was active.
        assert f'value="{day}"' in DateRangePickerWidget().render("range", [DAY, None])
        # What the picker writes is what the date fields read.
        assert forms.DateField().clean(day) == DAY
        assert forms.DateTimeField().clean(moment) == timezone.make_aware(MOMENT)


@pytest.fixture
def secretariat(first_secretariat):
    return first_secretariat


@pytest.mark.parametrize("language", SHOWN)
def test_the_site_history_filter_takes_the_date_as_shown(client, secretariat, language):
    client.force_login(secretariat)
    client.cookies["django_language"] = language
    today = timezone.localdate()
    with translation.override(language):
        typed = {
            when: formats_short(today + datetime.timedelta(days=shift))
            for when, shift in (("yesterday", -1), ("tomorrow", 1))
        }
    listing = client.get("/admin/reports/site-history/")
    found = submit(client, listing, "form", {"timestamp_from": typed["yesterday"]})
    assert found.status_code == 200
    assert found.context["object_list"], "the site's pages were published today"
    later = submit(client, listing, "form", {"timestamp_from": typed["tomorrow"]})
    assert later.status_code == 200 and not later.context["object_list"]
    # The filter shows the date back as typed, in the picker's format.
    again = client.get("/admin/reports/site-history/", {"timestamp_from": typed["yesterday"]})
    shown = BeautifulSoup(again.content, "html.parser").select_one("[name=timestamp_from]")
    assert shown["value"] == typed["yesterday"]
    assert _config(str(shown.parent))["format"] == SHOWN[language][2]


def formats_short(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "SHORT_DATE_FORMAT")


@pytest.mark.parametrize("language", SHOWN)
def test_the_page_editor_shows_a_news_date_in_the_readers_format(client, secretariat, language):
    news_index = NewsIndexPage.objects.get(locale=Locale.objects.get(language_code="en"))
    news = news_index.add_child(instance=NewsPage(title="Plenary", slug="plenary", date=DAY))
    client.force_login(secretariat)
    client.cookies["django_language"] = language
    editor = client.get(f"/admin/pages/{news.pk}/edit/")
    assert editor.status_code == 200
    assert form_in(editor, "form#page-edit-form").fields["date"] == [SHOWN[language][0]]
