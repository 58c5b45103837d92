"""Russian and English are complete: every message has a Russian translation, compiled."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent / "monitoring" / "locale"


# django: templates and Python; djangojs: the scripts' strings, served by the JavaScript catalogue.
DOMAINS = {"django": 50, "djangojs": 5}


@pytest.mark.parametrize("domain", DOMAINS)
def test_russian_catalogue_is_complete(domain):
    catalogue = polib.pofile(str(LOCALE / "ru" / "LC_MESSAGES" / f"{domain}.po"))
    assert len(catalogue) > DOMAINS[domain]
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogue_matches_the_source(domain):
    source = polib.pofile(str(LOCALE / "ru" / "LC_MESSAGES" / f"{domain}.po"))
    compiled = polib.mofile(str(LOCALE / "ru" / "LC_MESSAGES" / f"{domain}.mo"))
    compiled_ids = {entry.msgid for entry in compiled}
    missing = [e.msgid for e in source.translated_entries() if e.msgid not in compiled_ids]
    assert missing == [], "run `make messages` (compilemessages) after editing the .po file"


def test_runtime_translation_uses_the_catalogue():
    with translation.override("ru"):
        assert translation.gettext("Skip to main content") == "Перейти к основному содержанию"
