"""Word search shared by the public search and the recommendation tracker.

On PostgreSQL, words are also matched in any grammatical form through full-text search, with
each column's language: "victims" finds "victim", "жертвы" finds "жертва", and the HTML tags
of report text are never matched. SQLite has the substring match only.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import connection
from django.db.models import Q

FULL_TEXT_CONFIGS = {"en": "english", "ru": "russian"}


def full_text(field_name: str, terms: list[str]) -> Q:
    """Every term in the column (`text_en`, `text_ru`, …) in some grammatical form, on
    PostgreSQL; a condition nothing meets on other databases."""
    if connection.vendor != "postgresql" or not terms:
        return Q(pk__in=[])
    config = FULL_TEXT_CONFIGS.get(field_name.rsplit("_", 1)[-1], "simple")
    return Q(
        SearchVectorExact(
            SearchVector(field_name, config=config),
            SearchQuery(" ".join(terms), config=config, search_type="plain"),
        )
    )
