"""Bilingual content fields: one column per language, read in the active language.

Reference data (country and organisation names) is stored as `name_en` / `name_ru`. Adding a
language means adding a column, never copying a structure.
"""

from django.conf import settings
from django.utils.translation import get_language


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def active_language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in language_codes() else settings.LANGUAGE_CODE


class TranslatedField:
    """Descriptor: `obj.name` gives `obj.name_<active language>`, falling back to English."""

    def __init__(self, base_name: str):
        self.base_name = base_name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = getattr(instance, f"{self.base_name}_{active_language()}", "")
        return value or getattr(instance, f"{self.base_name}_{settings.LANGUAGE_CODE}", "")
