"""The public site's demo pages: a home page and an About page in English and Russian."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Locale, Page, Site

from monitoring.access import SECRETARIAT_GROUP

from .models import HomePage, StandardPage

HOME = {
    "en": {
        "title": "Monitoring action against trafficking in human beings in Central Asia",
        "intro": (
            "An independent expert group evaluates how Kazakhstan, Kyrgyzstan, Tajikistan, "
            "Turkmenistan and Uzbekistan prevent trafficking, protect victims and prosecute "
            "offenders, and follows every recommendation until it is implemented."
        ),
    },
    "ru": {
        "title": "Мониторинг противодействия торговле людьми в Центральной Азии",
        "intro": (
            "Независимая группа экспертов оценивает, как Казахстан, Кыргызстан, Таджикистан, "
            "Туркменистан и Узбекистан предупреждают торговлю людьми, защищают пострадавших и "
            "преследуют виновных, и отслеживает каждую рекомендацию до её выполнения."
        ),
    },
}
ABOUT = {
    "en": {
        "title": "About the evaluation procedure",
        "intro": (
            "Each evaluation round starts with a questionnaire to the government and to NGOs, "
            "continues with a country visit and a draft report on which the government comments, "
            "and ends with a published report and recommendations that are followed up."
        ),
    },
    "ru": {
        "title": "О процедуре оценки",
        "intro": (
            "Каждый раунд оценки начинается с вопросника правительству и НПО, продолжается "
            "страновым визитом и проектом доклада, который комментирует правительство, и "
            "завершается публикацией доклада и рекомендаций, выполнение которых отслеживается."
        ),
    },
}
SECRETARIAT_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page")


def _publish(page: Page, content: dict[str, str]) -> Page:
    page.title = content["title"]
    page.intro = content["intro"]
    page.save_revision().publish()
    return page


def _translate(page: Page, locale: Locale, content: dict[str, str]) -> Page:
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
    return _publish(translation.specific, content)


def seed_public_site() -> HomePage:
    english = Locale.objects.get_or_create(language_code="en")[0]
    russian = Locale.objects.get_or_create(language_code="ru")[0]
    # A flushed database (transactional tests, `flush`) has lost the tree root from Wagtail's
    # migration; recreate it rather than fail.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=english)
    )

    # Wagtail's installer leaves a placeholder welcome page (slug "home"); the demo replaces it.
    Page.objects.filter(depth=2).not_type(HomePage).delete()
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        home = root.add_child(instance=HomePage(slug="home", locale=english, **HOME["en"]))
    _publish(home, HOME["en"])

    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page = "127.0.0.1", 8000, home
    site.site_name = "THB Monitoring"
    site.save()

    home_ru = _translate(home, russian, HOME["ru"])

    about = StandardPage.objects.filter(locale=english, slug="about").first()
    if about is None:
        about = home.add_child(instance=StandardPage(slug="about", locale=english, **ABOUT["en"]))
    _publish(about, ABOUT["en"])
    _translate(about, russian, ABOUT["ru"])

    secretariat = Group.objects.get(name=SECRETARIAT_GROUP)
    for page in (home, home_ru):
        for codename in SECRETARIAT_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=secretariat,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    return home
