"""The same view of a public page in each language, for the language switcher and hreflang.

Wagtail links a page to its translations; a page's own routes (a report on a country page,
the search page with its query) add their path and query to each translation's address."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_info
from wagtail.models import Page

from monitoring.i18n import active_language


def languages(page: Page, request: HttpRequest, suffix: str = "") -> list[dict]:
    """One entry per language: its name, the address of this view in it (None where the page
    has no live translation), and that address in full, on the site's own host as the
    canonical address is, for <link rel="alternate">."""
    translations = {
        translation.locale.language_code: translation
        for translation in page.get_translations(inclusive=True).live().select_related("locale")
    }
    current = active_language()
    result = []
    for code, _name in settings.LANGUAGES:
        translation = translations.get(code)
        result.append(
            {
                "code": code,
                "name_local": get_language_info(code)["name_local"],
                "is_current": code == current,
                "url": f"{translation.get_url(request)}{suffix}" if translation else None,
                "alternate_url": (
                    f"{translation.get_full_url(request)}{suffix}" if translation else None
                ),
            }
        )
    return result
