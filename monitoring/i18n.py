"""Bilingual content fields: one column per language, read in the reader's language.

Content is stored as `<name>_en` / `<name>_ru`. Much of it is written in Russian first and
often only in Russian, so a text missing in the reader's language falls back to whichever
language has it, and says so: `localised()` gives the text with the language it is in, and
`{% localised %}` (monitoring_tags) marks it with its `lang` and a note ("available in Russian
only"). Adding a language means adding a column, never copying a structure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def active_language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in language_codes() else settings.LANGUAGE_CODE


def fallback_order(language: str | None = None) -> list[str]:
    """The languages to try for a reader of `language`: theirs, then English, then the rest."""
    language = language or active_language()
    return list(dict.fromkeys([language, settings.LANGUAGE_CODE, *language_codes()]))


# The note beside a text shown in another language than the reader's, by the text's language.
ONLY_IN = {
    "en": _("available in English only"),
    "ru": _("available in Russian only"),
}


@dataclass(frozen=True)
class Localised:
    """A text as one reader gets it: in `language`, which is `requested` unless it fell back."""

    text: str
    language: str
    requested: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.requested

    @property
    def note(self) -> str:
        return str(ONLY_IN.get(self.language, "")) if self.is_fallback else ""

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def _getter(source):
    """`get(key, default)` on a mapping (a `.values()` row, a snapshot) or an object."""
    if isinstance(source, Mapping):
        return source.get
    return lambda key, default: getattr(source, key, default)


def localised(source, base_name: str, language: str | None = None) -> Localised:
    """`source.<base_name>_<language>` (an object, or a mapping such as a `.values()` row or a
    published snapshot), else the first language of `fallback_order` that has the text."""
    requested = language or active_language()
    get = _getter(source)
    for code in fallback_order(requested):
        value = get(f"{base_name}_{code}", "") or ""
        if value:
            return Localised(value, code, requested)
    return Localised("", requested, requested)


def languages_of(source, base_name: str) -> list[str]:
    """The languages `source.<base_name>_<code>` is written in, in settings order: what an
    export or the API says beside the texts, so that an empty `text_en` reads as "not written
    in English", not as a lost text."""
    get = _getter(source)
    return [code for code in language_codes() if get(f"{base_name}_{code}", "")]


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def text_language(text: str) -> str:
    """The language of a single-language free text by its script: "ru" where Cyrillic letters
    outnumber Latin ones, "en" where Latin ones do, "" with no letters of either (a number, a
    code). For fields with one column, whose text is in whatever language its author wrote."""
    cyrillic, latin = len(_CYRILLIC.findall(text)), len(_LATIN.findall(text))
    if not cyrillic and not latin:
        return ""
    return "ru" if cyrillic > latin else "en"


def written_in(text: str) -> str:
    """`text_language`, English for a text without letters (an import's one column, an old
    one-language field, which must land in some language's column)."""
    return text_language(text) or "en"


def in_its_language(text, language: str | None = None, *, style: str = ""):
    """The text (escaped, or as it is when already safe), marked with its language when that
    is not the reader's: `language`, or the language of its script. `style` "lines" keeps its
    line breaks as <br> in a <span> (inside a paragraph), "block" as paragraphs in a <div>."""
    if text in (None, ""):
        return text
    language = language or text_language(str(text))
    tag, body = "span", conditional_escape(text)
    if style == "lines":
        body = mark_safe(linebreaksbr(str(text), autoescape=True))  # noqa: S308 - escaped
    elif style == "block":
        tag, body = "div", mark_safe(linebreaks(str(text), autoescape=True))  # noqa: S308
    if not language or language == active_language():
        return body
    return format_html('<{} lang="{}">{}</{}>', mark_safe(tag), language, body, mark_safe(tag))  # noqa: S308


class TranslatedField:
    """Descriptor: `obj.name` gives `obj.name_<active language>`, or the text in another
    language where the reader's is missing (`localised`)."""

    def __init__(self, base_name: str):
        self.base_name = base_name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return localised(instance, self.base_name).text
