"""Search that understands Russian and English on every database: `query` reads what people
type, `stems` tokenises and stems, `index` stores and looks up the stems, `highlight` marks the
words found. See `index` for why the stemming is ours rather than each database's."""

from __future__ import annotations

from .query import Query, parse
from .stems import plain, stems

__all__ = ["Query", "matches", "parse", "plain"]


def matches(query: Query, text: str, *, html: bool = False) -> bool:
    """`query` over one text in Python (a text not in the index, such as a published
    snapshot): the same answer as the index gives."""
    return query.matches(stems(plain(text) if html else text))
