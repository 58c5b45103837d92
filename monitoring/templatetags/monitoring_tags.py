from django import template

from monitoring.languages import language_versions

register = template.Library()


@register.inclusion_tag("monitoring/includes/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    """Links to the same page in each language on the public site; a form elsewhere.

    Public pages link straight to their translation (crawlable, works without JavaScript). Pages
    outside the locale-prefixed site (portal, sign-in) post to Django's set_language view.
    """
    request = context.get("request")
    return {
        "languages": language_versions(request if page is not None else None, page=page),
        "use_links": page is not None,
        "next": request.get_full_path() if request else "/",
        "csrf_token": context.get("csrf_token"),
    }
