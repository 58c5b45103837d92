import dataclasses

from django import template
from django.utils.text import Truncator

from monitoring import display
from monitoring.i18n import ONLY_IN, active_language, in_its_language, text_language
from monitoring.i18n import localised as pick
from monitoring.languages import language_versions

register = template.Library()


@register.filter
def day(value, style: str = "short") -> str:
    """The one date format of the active language: `|day` (02.12.2026 / 2 December 2026),
    `|day:"long"` (the long form), `|day:"datetime"`, `|day:"time"`."""
    return display.day(value, style)


@register.filter
def number(value, decimals=None) -> str:
    """A number with the active language's separators: `|number`, `|number:1`."""
    return display.number(value, None if decimals in (None, "") else int(decimals))


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


@register.inclusion_tag("monitoring/includes/localised.html")
def localised(source, base_name, html=False, language=None, words=0):
    """A translated field in the reader's language, or in the language it exists in, marked
    with its `lang` and a note ("available in Russian only"). `html=True` is for content
    sanitised on save (report paragraphs): shown as HTML in a <div>; otherwise an escaped
    phrase in a <span>, cut after `words` words if given (a list's column)."""
    text = pick(source, base_name, language)
    if words and not html:
        text = dataclasses.replace(text, text=Truncator(text.text).words(words))
    return {"text": text, "html": html}


@register.filter
def language_note(language):
    """The note for a text shown in `language` because the reader's is missing ("available in
    Russian only"); empty for "" (the reader's own language)."""
    return str(ONLY_IN.get(language, "")) if language else ""


@register.filter(name="in_its_language")
def in_its_language_filter(value, style=""):
    """Single-language free text (an answer, a comment, a meeting's place) marked with the
    language it is written in when that is not the reader's; "lines" keeps its line breaks
    as <br>, "block" as paragraphs."""
    return in_its_language(value, style=style)


@register.filter
def language_of(value):
    """The language of a single-language free text when it is not the reader's, else "": for
    the `lang` of a form field holding it."""
    language = text_language(str(value or ""))
    return language if language and language != active_language() else ""
