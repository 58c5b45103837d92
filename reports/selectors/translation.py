"""Whether a paragraph's or a recommendation's text is translated and up to date: the one rule
the editor's marks, its completeness figure and the report index's column all use.

The translation (the language that is not the report's original) is *current* when it is
written and was not changed before the original (`text_<language>_changed_at`, set by the
services whenever that text changes). A date that is not set means "changed before the dates
were kept", so it is older than any date that is set.
The rule is written twice, for rows in memory (`mark`, `is_current`) and as SQL (`current_q`),
side by side here; the tests hold the two to the same answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from ..models import Paragraph, Report

LANGUAGES = ("en", "ru")
MISSING, OLDER = "missing", "older"


def other(language: str) -> str:
    return "ru" if language == "en" else "en"


def translation_language(report: Report) -> str:
    """The language the report is translated into: the one that is not its original."""
    return other(report.language)


def _changed(item, language: str):
    return getattr(item, f"text_{language}_changed_at")


def _is_older(item, language: str) -> bool:
    mine, theirs = _changed(item, language), _changed(item, other(language))
    return theirs is not None and (mine is None or mine < theirs)


def is_current(item, language: str) -> bool:
    """`item` (a paragraph or a recommendation) has a text in the translation `language` that
    is up to date with the other language's."""
    return bool(getattr(item, f"text_{language}").strip()) and not _is_older(item, language)


def current_q(language: str, prefix: str = "") -> Q:
    """`is_current` in SQL, on the rows of `prefix` (e.g. "recommendations__")."""
    text = f"{prefix}text_{language}"
    mine, theirs = f"{text}_changed_at", f"{prefix}text_{other(language)}_changed_at"
    older = Q(**{f"{theirs}__isnull": False}) & (
        Q(**{f"{mine}__isnull": True}) | Q(**{f"{mine}__lt": F(theirs)})
    )
    return ~Q(**{text: ""}) & ~older


@dataclass(frozen=True)
class Mark:
    language: str  # the language that lags behind
    kind: str  # MISSING or OLDER

    @property
    def is_missing(self) -> bool:
        return self.kind == MISSING


def mark(item, original: str) -> Mark | None:
    """The language of `item` that is missing, or its translation when older than the text
    in the report's `original` language (None when both are written and up to date). The
    original is never "older": a translation written after it is simply up to date. A text
    written in neither language is refused on save."""
    for language in LANGUAGES:
        if not getattr(item, f"text_{language}").strip():
            return Mark(language, MISSING)
    if _is_older(item, other(original)):
        return Mark(other(original), OLDER)
    return None


@dataclass(frozen=True)
class Completeness:
    language: str  # the translation's language
    current: int
    total: int

    @property
    def percent(self) -> int:
        # Rounded down: 100 % only when everything is done.
        return self.current * 100 // self.total if self.total else 100

    @property
    def language_label(self) -> str:
        return Report.Language(self.language).label


def completeness(report: Report, items) -> Completeness:
    """The figure for the report's paragraphs and recommendations already in memory."""
    language = translation_language(report)
    items = list(items)
    return Completeness(language, sum(is_current(i, language) for i in items), len(items))


def _count(queryset: QuerySet, report_path: str) -> Subquery:
    counted = (
        queryset.filter(**{report_path: OuterRef("pk")})
        .order_by()
        .values(report_path)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _current_in_translation(report_path: str) -> Q:
    language = f"{report_path}__language"
    return Q(**{language: "en"}) & current_q("ru") | Q(**{language: "ru"}) & current_q("en")


def with_completeness(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Annotate each report with its figure's counts (`items_total`, `items_current`) in the
    same query: two counting subqueries per relation, none per row."""
    recommendations = Report.recommendations.rel.related_model.objects.all()
    paragraphs = Paragraph.objects.all()
    return reports.annotate(
        items_total=_count(paragraphs, "chapter__report") + _count(recommendations, "report"),
        items_current=(
            _count(paragraphs.filter(_current_in_translation("chapter__report")), "chapter__report")
            + _count(recommendations.filter(_current_in_translation("report")), "report")
        ),
    )


def completeness_of(report: Report) -> Completeness:
    """The figure of a report annotated by `with_completeness`."""
    return Completeness(translation_language(report), report.items_current, report.items_total)
