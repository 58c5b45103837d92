"""The public site's frame, so an empty platform has one: the home page in English and Russian,
its sections (countries, rounds, news, search), the default site at the configured address,
the secretariat's rights to edit the pages, and one page per evaluated country and per round.

Everything here is idempotent: it adds what is missing and leaves what exists, so the demo's
seed and the secretariat's own edits of these pages are kept.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as noop
from wagtail.models import GroupPagePermission, Locale, Page, Site

from evaluation_rounds.models import EvaluationRound
from monitoring.access import SECRETARIAT_GROUP
from monitoring.groups import ensure_staff_groups
from monitoring.models import Country

from .models import (
    CountryIndexPage,
    CountryPage,
    HomePage,
    NewsIndexPage,
    RoundIndexPage,
    RoundPage,
    SearchPage,
)

SECRETARIAT_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page")
LANGUAGES = ("en", "ru")

HOME_TEXT = (
    noop("Monitoring action against trafficking in human beings in Central Asia"),
    noop(
        "An independent expert group evaluates how each country prevents trafficking, protects "
        "victims and prosecutes offenders, and follows every recommendation until it is "
        "implemented."
    ),
)
SECTIONS: tuple[tuple[type[Page], str, str, str], ...] = (
    (
        CountryIndexPage,
        "countries",
        noop("Countries"),
        noop("The countries the expert group evaluates and where each stands in every round."),
    ),
    (
        RoundIndexPage,
        "rounds",
        noop("Evaluation rounds"),
        noop("Each round has its theme and its questionnaire; every country goes through it."),
    ),
    (NewsIndexPage, "news", noop("News"), noop("News of the expert group and its evaluations.")),
    (
        SearchPage,
        "search",
        noop("Search"),
        noop("Search the pages, the published reports and the recommendations."),
    ),
)
COUNTRY_INTRO = noop("How %(country)s acts against trafficking in human beings.")


def _in(language: str, text: str, **values) -> str:
    with translation.override(language):
        translated = gettext(text)
    return translated % values if values else translated


def _locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    return page


def _translated(page: Page, locale: Locale, **fields) -> Page:
    """The page's version in `locale`, created (and published) with `fields` if missing."""
    translation_ = page.get_translation_or_none(locale)
    if translation_ is not None:
        return translation_.specific
    translation_ = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation_, name, value)
    return _publish(translation_)


def _home(locales: dict[str, Locale]) -> HomePage:
    english = locales["en"]
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=english)
    )
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        # Wagtail's installer leaves a plain welcome page where the home page belongs.
        Page.objects.filter(depth=2, numchild=0).exact_type(Page).delete()
        root.refresh_from_db()
        title, intro = HOME_TEXT
        home = root.add_child(
            instance=HomePage(
                slug="home", locale=english, title=_in("en", title), intro=_in("en", intro)
            )
        )
        _publish(home)
    _translated(home, locales["ru"], title=_in("ru", HOME_TEXT[0]), intro=_in("ru", HOME_TEXT[1]))
    return home


def _sections(home: HomePage, locales: dict[str, Locale]) -> None:
    for model, slug, title, intro in SECTIONS:
        page = model.objects.child_of(home).first()
        if page is None:
            page = home.add_child(
                instance=model(
                    slug=slug,
                    locale=home.locale,
                    title=_in("en", title),
                    intro=_in("en", intro),
                    show_in_menus=True,
                )
            )
            _publish(page)
        _translated(page, locales["ru"], title=_in("ru", title), intro=_in("ru", intro))


def _site(home: HomePage) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True, site_name="THB Monitoring")
    elif site.root_page_id == home.pk:
        return
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname, site.root_page = address.hostname or "localhost", home
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.save()


def _secretariat_permissions(home: HomePage) -> None:
    secretariat: Group = ensure_staff_groups()[SECRETARIAT_GROUP]
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=SECRETARIAT_PAGE_PERMISSIONS
    )
    for page in home.get_translations(inclusive=True):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=secretariat, page=page, permission=permission
            )


@transaction.atomic
def public_site_ensure() -> HomePage:
    """The public site's frame and a page for every evaluated country and every round."""
    locales = _locales()
    home = _home(locales)
    _sections(home, locales)
    _site(home)
    _secretariat_permissions(home)
    for country in Country.objects.evaluated():
        country_page_ensure(country)
    for round_ in EvaluationRound.objects.all():
        round_page_ensure(round_)
    return home


def _free_slug(parent: Page, wanted: str, fallback: str) -> str:
    taken = parent.get_children().filter(slug=wanted).exists()
    return f"{wanted}-{fallback}" if taken else wanted


def country_page_ensure(country: Country) -> CountryPage | None:
    """The country's public page in both languages, once the site has its country index."""
    index = CountryIndexPage.objects.filter(locale__language_code="en").first()
    if index is None or not country.is_evaluated:
        return None
    page = CountryPage.objects.filter(country=country, locale=index.locale).first()
    if page is None:
        page = index.add_child(
            instance=CountryPage(
                slug=_free_slug(index, slugify(country.name_en), country.iso_code.lower()),
                locale=index.locale,
                title=country.name_en,
                intro=_in("en", COUNTRY_INTRO, country=country.name_en),
                country=country,
            )
        )
        _publish(page)
    russian = Locale.objects.filter(language_code="ru").first()
    if russian is not None and index.get_translation_or_none(russian) is not None:
        _translated(
            page,
            russian,
            title=country.name_ru,
            intro=_in("ru", COUNTRY_INTRO, country=country.name_ru),
        )
    return page


def round_page_ensure(round_: EvaluationRound) -> RoundPage | None:
    """The round's public page in both languages, once the site has its round index."""
    index = RoundIndexPage.objects.filter(locale__language_code="en").first()
    if index is None:
        return None
    page = RoundPage.objects.filter(round=round_, locale=index.locale).first()
    if page is None:
        page = index.add_child(
            instance=RoundPage(
                slug=_free_slug(index, f"round-{round_.number}", str(round_.pk)),
                locale=index.locale,
                title=round_.title_en,
                intro=round_.theme_en,
                round=round_,
            )
        )
        _publish(page)
    russian = Locale.objects.filter(language_code="ru").first()
    if russian is not None and index.get_translation_or_none(russian) is not None:
        _translated(page, russian, title=round_.title_ru, intro=round_.theme_ru)
    return page
