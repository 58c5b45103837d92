"""The public site's demo pages in English and Russian: home, About (with the procedure
diagram), the countries with a page each, the evaluation rounds, news and search.

Idempotent: a page is looked up by its slug under its parent (or as the translation of its
English page) and its content set again. It runs after the procedure and reports steps, so
the round pages find their rounds."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale, Page, Site
from wagtail.rich_text import RichText

from cms.models import (
    CountryIndexPage,
    CountryPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    RoundIndexPage,
    RoundPage,
    SearchPage,
    StandardPage,
)
from cms.site_setup import SECRETARIAT_PAGE_PERMISSIONS
from demo.content import cms as content
from evaluation_rounds.models import EvaluationRound
from monitoring.access import SECRETARIAT_GROUP
from monitoring.models import Country

LANGUAGES = ("en", "ru")


def _stream(blocks: list[tuple[str, object]]) -> list[tuple[str, object]]:
    return [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]


def _publish(page: Page, fields: dict) -> Page:
    for name, value in fields.items():
        setattr(page, name, _stream(value) if name == "body" else value)
    page.save_revision().publish()
    return page


def _child(parent: Page, model: type[Page], slug: str, fields: dict) -> Page:
    """The English page `slug` under `parent`, created if missing, with `fields` published."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        initial = {name: value for name, value in fields.items() if name != "body"}
        page = parent.add_child(instance=model(slug=slug, locale=parent.locale, **initial))
    return _publish(page, fields)


def _translate(page: Page, locale: Locale, fields: dict) -> Page:
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
    return _publish(translation.specific, fields)


def _both(parent: Page, model: type[Page], slug: str, texts: dict[str, dict], **shared) -> Page:
    """A page in English and its Russian translation; `shared` fields are the same in both."""
    page = _child(parent, model, slug, {**texts["en"], **shared})
    _translate(page, Locale.objects.get(language_code="ru"), {**texts["ru"], **shared})
    return page


def _home(english: Locale) -> HomePage:
    # A flushed database (transactional tests, `flush`) has lost the tree root from Wagtail's
    # migration; recreate it rather than fail.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=english)
    )
    # Wagtail's installer leaves a placeholder welcome page (slug "home"); the demo replaces it.
    Page.objects.filter(depth=2).not_type(HomePage).delete()
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        home = root.add_child(instance=HomePage(slug="home", locale=english, **content.HOME["en"]))
    _publish(home, content.HOME["en"])
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname, site.root_page = address.hostname, home
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.site_name = "THB Monitoring"
    site.save()
    return home


def _countries(home: HomePage) -> None:
    index = _both(home, CountryIndexPage, "countries", content.COUNTRY_INDEX, show_in_menus=True)
    for country in Country.objects.evaluated().order_by("name_en"):
        laws_en, laws_ru = content.KEY_LAWS.get(country.iso_code, ("", ""))
        texts = {
            language: {
                "title": getattr(country, f"name_{language}"),
                "intro": content.COUNTRY_INTRO[language].format(
                    name=getattr(country, f"name_{language}")
                ),
                "key_laws": laws,
            }
            for language, laws in (("en", laws_en), ("ru", laws_ru))
        }
        _both(index, CountryPage, country.name_en.lower(), texts, country=country)


def _rounds(home: HomePage) -> None:
    index = _both(home, RoundIndexPage, "rounds", content.ROUND_INDEX, show_in_menus=True)
    for round_ in EvaluationRound.objects.order_by("number"):
        texts = {
            language: {
                "title": getattr(round_, f"title_{language}"),
                "intro": content.ROUND_INTRO.get(round_.number, {}).get(language, ""),
            }
            for language in LANGUAGES
        }
        _both(index, RoundPage, f"round-{round_.number}", texts, round=round_)


def _news(home: HomePage) -> None:
    index = _both(home, NewsIndexPage, "news", content.NEWS_INDEX, show_in_menus=True)
    today = timezone.localdate()
    for slug, days, by_language in content.NEWS:
        texts = {
            language: {
                "title": title,
                "intro": intro,
                "body": [("paragraph", body), ("paragraph", content.DEMO_LABEL[language])],
            }
            for language, (title, intro, body) in by_language.items()
        }
        _both(index, NewsPage, slug, texts, date=today + timedelta(days=days))


def _secretariat_permissions(home: HomePage) -> None:
    secretariat = Group.objects.get(name=SECRETARIAT_GROUP)
    for page in home.get_translations(inclusive=True):
        for codename in SECRETARIAT_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=secretariat,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


def seed_public_site() -> HomePage:
    english = Locale.objects.get_or_create(language_code="en")[0]
    Locale.objects.get_or_create(language_code="ru")
    home = _home(english)
    _translate(home, Locale.objects.get(language_code="ru"), content.HOME["ru"])
    _both(home, StandardPage, "about", content.ABOUT, show_in_menus=True)
    _countries(home)
    _rounds(home)
    _news(home)
    _both(home, SearchPage, "search", content.SEARCH, show_in_menus=True)
    _secretariat_permissions(home)
    return home
