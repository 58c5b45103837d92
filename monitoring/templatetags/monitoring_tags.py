from django import template
from django.conf import settings
from django.utils.translation import get_language_info

from monitoring.i18n import active_language

register = template.Library()


@register.inclusion_tag("monitoring/includes/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    """Links to the same page in each language on the public site; a form elsewhere.

    Public pages link straight to their translation (crawlable, works without JavaScript). Pages
    outside the locale-prefixed site (portal, sign-in) post to Django's set_language view.
    """
    request = context.get("request")
    current = active_language()
    languages = []
    translations = {}
    if page is not None and getattr(page, "pk", None):
        translations = {
            translation.locale.language_code: translation
            for translation in page.get_translations(inclusive=True).live().select_related("locale")
        }
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        translated_page = translations.get(code)
        languages.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "is_current": code == current,
                "url": translated_page.get_url(request) if translated_page else None,
            }
        )
    return {
        "languages": languages,
        "use_links": page is not None,
        "next": request.get_full_path() if request else "/",
        "csrf_token": context.get("csrf_token"),
    }
