"""The same view in each language, for the language switcher and hreflang: the one builder
for Wagtail pages (linked to their translations), their own routes, and plain views under a
language prefix (the tracker, the statistics)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language_info

from .i18n import active_language


def language_versions(request: HttpRequest | None, *, page=None, suffix: str = "") -> list[dict]:
    """One entry per language: its name, whether it is the current one, the address of this
    view in it and that address in full, on the site's own host, for <link rel="alternate">.

    With a Wagtail `page`, the addresses are its live translations' (None where it has none),
    plus `suffix` (a route below the page). Without one, the request's path in that language,
    its query kept."""
    translations = {}
    if page is not None and getattr(page, "pk", None):
        translations = {
            translation.locale.language_code: translation
            for translation in page.get_translations(inclusive=True).live().select_related("locale")
        }
    current = active_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        url = alternate_url = None
        if page is not None:
            translation = translations.get(code)
            if translation is not None:
                url = f"{translation.get_url(request)}{suffix}"
                alternate_url = f"{translation.get_full_url(request)}{suffix}"
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
            alternate_url = request.build_absolute_uri(translate_url(request.path, code))
        versions.append(
            {
                "code": code,
                "name_local": get_language_info(code)["name_local"],
                "is_current": code == current,
                "url": url,
                "alternate_url": alternate_url,
            }
        )
    return versions
