"""A search query as people who use the UN's Universal Human Rights Index write it.

- words: every one must occur, in some form (`victims` finds `victim`, `Конвенцию` finds
  `конвенции`);
- `"quoted phrases"`: the words adjacent, in that order; a hyphenated word (`IT-компаниями`)
  is the phrase of its parts;
- `OR` (upper case only) between two items: either;
- a leading `-`: the word or phrase must not occur. A query of exclusions only matches
  nothing (the page says why).

`parse` gives a `Query` that the index turns into an FTS5 `MATCH` (SQLite) or a `tsquery`
(PostgreSQL) and that `Query.matches` evaluates in Python over a text's stems: the same
answer in all three places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .stems import WORD, stem

MAX_QUERY_LENGTH = 200
MAX_ITEMS = 8
# A quoted phrase (an unclosed quote runs to the end), `OR`, or a run of other characters.
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Phrase:
    """Stems that must occur one after the other (one stem: a word)."""

    stems: tuple[str, ...]
    words: tuple[str, ...] = field(default=(), compare=False)  # as typed

    def occurs_in(self, text_stems: list[str]) -> bool:
        size = len(self.stems)
        return any(
            tuple(text_stems[i : i + size]) == self.stems for i in range(len(text_stems) - size + 1)
        )


@dataclass(frozen=True)
class Item:
    """One requirement: any of `choices` occurs (several through `OR`), or none if negated."""

    choices: tuple[Phrase, ...]
    negated: bool = False

    def holds(self, text_stems: list[str]) -> bool:
        found = any(phrase.occurs_in(text_stems) for phrase in self.choices)
        return not found if self.negated else found


@dataclass(frozen=True)
class Query:
    text: str = ""
    items: tuple[Item, ...] = field(default_factory=tuple)

    @property
    def required(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if not item.negated)

    @property
    def excluded(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.negated)

    @property
    def can_match(self) -> bool:
        """Something must occur: a query of exclusions only matches nothing."""
        return bool(self.required)

    @property
    def highlighted_stems(self) -> frozenset[str]:
        """The stems to mark in a hit: every word of what must occur."""
        return frozenset(s for item in self.required for p in item.choices for s in p.stems)

    @property
    def words(self) -> list[str]:
        """The words that must occur as typed, for a search engine of its own (Wagtail's)."""
        return [w for item in self.required for w in item.choices[0].words]

    def matches(self, text_stems: list[str]) -> bool:
        return self.can_match and all(item.holds(text_stems) for item in self.items)

    # The index's two query languages. Stems are letters and digits only (`stems.WORD`), and
    # each is quoted besides: user input never reaches either syntax as an operator.
    def fts5(self) -> str:
        def phrase(p: Phrase) -> str:
            return '"' + " ".join(p.stems) + '"'

        def item(i: Item) -> str:
            return "(" + " OR ".join(phrase(p) for p in i.choices) + ")"

        expression = " AND ".join(item(i) for i in self.required)
        for excluded in self.excluded:
            expression = f"({expression}) NOT {item(excluded)}"
        return expression

    def tsquery(self) -> str:
        def phrase(p: Phrase) -> str:
            return "(" + " <-> ".join(f"'{s}'" for s in p.stems) + ")"

        def item(i: Item) -> str:
            inner = "(" + " | ".join(phrase(p) for p in i.choices) + ")"
            return f"!{inner}" if i.negated else inner

        return " & ".join(item(i) for i in self.items)


def _phrase(text: str) -> Phrase | None:
    typed = tuple(WORD.findall(text))
    return Phrase(tuple(stem(word) for word in typed), typed) if typed else None


def parse(text: str) -> Query:
    """Read a query; never raises. Punctuation alone gives no items."""
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    items: list[Item] = []
    pending_or = False
    for match in TOKEN.finditer(text):
        negated_quote, quoted, bare = match.groups()
        if bare == "OR":
            pending_or = bool(items) and not items[-1].negated
            continue
        if quoted is not None:
            negated, phrase = bool(negated_quote), _phrase(quoted)
        else:
            negated = bare.startswith("-") and len(bare) > 1
            phrase = _phrase(bare[1:] if negated else bare)
        if phrase is None:
            pending_or = False
            continue
        if pending_or and not negated:
            items[-1] = Item((*items[-1].choices, phrase))
        elif len(items) < MAX_ITEMS:
            items.append(Item((phrase,), negated))
        pending_or = False
    return Query(text, tuple(items))
