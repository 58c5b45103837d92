"""Words of a text and their stems: the one tokeniser of the search, for the index, the
queries, the matching in Python and the highlighting.

A word is a run of letters and digits (stress marks inside it are kept with it and dropped);
anything else separates words, so `IT-компаниями` is the two words `it`, `компаниями` in
sequence and markup never reaches a word. Each word is case-folded (`casefold`,
Unicode-aware), `ё` read without its dots, and stemmed with the Snowball algorithm of its own
script: Cyrillic with the Russian stemmer, Latin with the English one, digits as they are,
so an English word in a Russian text (and the reverse) is stemmed right. Stop words are kept:
every word of a query must occur.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache

import Stemmer
from django.utils.html import strip_tags

# A letter or digit, then letters, digits and combining marks (a stress mark: «сло́во»).
WORD = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*")
COMBINING = re.compile(r"[\u0300-\u036f]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[a-z\u00c0-\u024f]")

_STEMMERS = {"russian": Stemmer.Stemmer("russian"), "english": Stemmer.Stemmer("english")}


def plain(html_text: str) -> str:
    """The text of an HTML fragment, tags dropped, entities read, blanks squeezed."""
    return " ".join(html.unescape(strip_tags(html_text)).split())


def normalise(word: str) -> str:
    return COMBINING.sub("", word).casefold().replace("ё", "е")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one word as `WORD` finds it."""
    folded = normalise(word)
    if CYRILLIC.search(folded):
        return _STEMMERS["russian"].stemWord(folded)
    if LATIN.search(folded):
        return _STEMMERS["english"].stemWord(folded)
    return folded


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of plain `text`, with their positions (for highlighting)."""
    return WORD.finditer(text)


def stems(text: str) -> list[str]:
    """The stems of plain `text`'s words, in order."""
    return [stem(word) for word in WORD.findall(text)]


def stemmed(text: str) -> str:
    """What the index stores for plain `text`: its stems separated by spaces."""
    return " ".join(stems(text))
