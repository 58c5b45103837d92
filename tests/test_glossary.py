"""docs/glossary.md against the Russian catalogue: every msgid a row names translates to that
row's Russian, so the interface says «Уголовное преследование» wherever the glossary does."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

GLOSSARY = Path(settings.BASE_DIR) / "docs" / "glossary.md"
CATALOGUE = Path(settings.BASE_DIR) / "monitoring" / "locale" / "ru" / "LC_MESSAGES" / "django.po"
COLUMNS = ["key", "English", "Russian", "catalogue", "source"]


@dataclass(frozen=True)
class Row:
    key: str
    english: str
    russian: str
    msgids: tuple[str, ...]
    source: str


def glossary_rows(text: str) -> list[Row]:
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == COLUMNS, f"the glossary's columns changed: {header}"
    rows = []
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert len(cells) == len(COLUMNS), f"a glossary row without {len(COLUMNS)} cells: {line}"
        key, english, russian, catalogue, source = cells
        rows.append(Row(key, english, russian, tuple(re.findall(r"`([^`]+)`", catalogue)), source))
    return rows


def in_case_of(msgid: str, russian: str) -> str:
    """The Russian with the msgid's capital or small first letter."""
    first = russian[0].upper() if msgid[0].isupper() else russian[0].lower()
    return first + russian[1:]


def disagreements(rows: list[Row], catalogue: polib.POFile) -> list[str]:
    translated = {entry.msgid: entry for entry in catalogue if not entry.msgctxt}
    found = []
    for row in rows:
        for msgid in row.msgids:
            expected = in_case_of(msgid, row.russian)
            entry = translated.get(msgid)
            if entry is None:
                found.append(f"{row.key}: {msgid!r} is not in the catalogue")
            elif entry.fuzzy or entry.obsolete or entry.msgstr != expected:
                found.append(
                    f"{row.key}: {msgid!r} is «{entry.msgstr}» in the catalogue, "
                    f"the glossary says «{expected}»"
                )
    return found


def test_the_glossary_is_a_table_of_every_kind_of_term():
    rows = glossary_rows(GLOSSARY.read_text(encoding="utf-8"))
    keys = [row.key for row in rows]
    assert len(keys) == len(set(keys)), "a glossary key is used twice"
    for prefix in ("theme.", "strength.", "state.", "status.", "deadline.", "response.", "role."):
        assert any(key.startswith(prefix) for key in keys), prefix
    assert all(row.english and row.russian and row.source for row in rows)


def test_the_catalogue_follows_the_glossary():
    rows = glossary_rows(GLOSSARY.read_text(encoding="utf-8"))
    found = disagreements(rows, polib.pofile(str(CATALOGUE)))
    assert not found, "The Russian catalogue disagrees with docs/glossary.md:\n" + "\n".join(found)


def test_a_disagreement_is_named():
    rows = glossary_rows(
        "| key | English | Russian | catalogue | source |\n|---|---|---|---|---|\n"
        "| theme.prosecution | Prosecution | Уголовное преследование | `Prosecution` | x |\n"
    )
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="Prosecution", msgstr="Прокуратура"))
    assert disagreements(rows, catalogue) == [
        "theme.prosecution: 'Prosecution' is «Прокуратура» in the catalogue, "
        "the glossary says «Уголовное преследование»"
    ]
    catalogue[0].msgstr = "Уголовное преследование"
    assert disagreements(rows, catalogue) == []
