"""The public site's search (/<lang>/search/?q=): Wagtail pages through Wagtail search, the
published reports to the paragraph, and the published recommendations.

Report text is searched only as the public reads it: the paragraphs `monitoring.access` shows
an anonymous visitor (published reports, not under correction), and for a report whose
correction is being prepared, its published snapshot; the recommendations' published wording
(`published_text_*`, which a correction in progress leaves as published). Drafts never reach a
result. Every hit
is shown in the active language (English where the text has no translation), escaped, with
the words found wrapped in <mark>.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.db.models.fields.json import KeyTextTransform
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from monitoring import access
from monitoring.i18n import active_language
from monitoring.text_search import full_text
from recommendations.models import Recommendation
from reports.models import Paragraph, Report

from .highlight import highlight, parse_terms, plain
from .models.countries import CountryPage
from .selectors import PUBLIC, STATUS_LABELS

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
PER_PAGE = 20
MAX_HITS = 500  # per kind of result: more is a query to narrow, not a list to read


@dataclass(frozen=True)
class Hit:
    kind: str  # "page", "recommendation" or "paragraph"
    title: SafeString
    url: str
    excerpt: SafeString
    where: str = ""  # the report and paragraph, for report text
    status: str = ""
    status_label: str = ""


@dataclass
class SearchOutcome:
    query: str
    terms: list[str]
    page_obj: PaginatorPage | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def message(self) -> str:
        if not self.query:
            return _(
                "Type one or more words to search the site, the reports and the recommendations."
            )
        if not self.terms:
            return _("Your search contains no words: use letters or digits.")
        return ""


def _words(field_name: str, terms: list[str]) -> Q:
    """Every term in the column: as written (any database), or in another grammatical form
    (PostgreSQL full-text search, which also skips the HTML tags)."""
    return _contains_all(field_name, terms) | full_text(field_name, terms)


def _contains_all(field_name: str, terms: list[str]) -> Q:
    """Every term in the column. SQLite folds the case of ASCII letters only, so the usual
    spellings of each word (as typed, lower case, capitalised) are looked for as well."""
    condition = Q()
    for term in terms:
        variants = dict.fromkeys([term, term.lower(), term.capitalize(), term.upper()])
        any_variant = Q()
        for variant in variants:
            any_variant |= Q(**{f"{field_name}__icontains": variant})
        condition &= any_variant
    return condition


def _in_language(terms: list[str], language: str, match=_words, *, text: str = "text") -> Q:
    """The text the visitor reads (the columns `{text}_<language>`: in their language, English
    where it is missing) contains every term."""
    english, local = f"{text}_en", f"{text}_{language}"
    if language == "en":
        return match(english, terms)
    return (~Q(**{local: ""}) & match(local, terms)) | (Q(**{local: ""}) & match(english, terms))


def _found(text: str, terms: list[str]) -> bool:
    folded = text.casefold()
    return all(term.casefold() in folded for term in terms)


def _columns(name: str, language: str) -> list[str]:
    return list(dict.fromkeys([f"{name}_en", f"{name}_{language}"]))


def _pick(values: dict, name: str, language: str) -> str:
    return values.get(f"{name}_{language}") or values.get(f"{name}_en") or ""


def _page_hits(terms: list[str], language: str, request: HttpRequest, exclude: Page) -> list[Hit]:
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return []
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=locale)  # Wagtail search filters on indexed fields only
        .not_page(exclude)
        .specific()
        .search(" ".join(terms), operator="and")
    )
    hits = []
    for page in pages[:MAX_HITS]:
        summary = page.search_description or getattr(page, "intro", "") or ""
        hits.append(
            Hit(
                "page",
                highlight(page.title, terms, None),
                page.get_url(request),
                highlight(plain(summary), terms),
            )
        )
    return hits


def _recommendation_hits(terms: list[str], language: str, request: HttpRequest) -> list[Hit]:
    recommendations = (
        access.visible(PUBLIC, Recommendation.objects.filter(report__published_at__isnull=False))
        .filter(_in_language(terms, language, text="published_text"))
        .order_by("-report__published_at", "report_id", "number")
        .values(
            "number",
            "report_id",
            "current_status",
            "report__evaluation__country_id",
            *_columns("published_text", language),
            # The title as published: a correction may be rewriting the working one.
            **{
                f"title_{code}": KeyTextTransform(f"title_{code}", "report__publication__content")
                for code in dict.fromkeys(["en", language])
            },
        )[:MAX_HITS]
    )
    rows = list(recommendations)
    url = CountryPage.report_urls({row["report__evaluation__country_id"] for row in rows}, request)
    hits = []
    for row in rows:
        report_title = _pick(row, "title", language)
        hits.append(
            Hit(
                "recommendation",
                escape(_("Recommendation %(number)s") % {"number": row["number"]}),
                url(row["report__evaluation__country_id"], row["report_id"])
                + f"#r-{row['number']}",
                highlight(_pick(row, "published_text", language), terms),
                where=report_title,
                status=row["current_status"],
                status_label=str(STATUS_LABELS.get(row["current_status"], "")),
            )
        )
    return hits


def _paragraph_rows(terms: list[str], language: str) -> list[dict]:
    """Matching paragraphs as the public reads them: published text, or the published
    snapshot of a report being corrected. Newest report first, then in the report's order."""
    paragraphs = (
        access.visible(PUBLIC, Paragraph.objects.all())
        .filter(_in_language(terms, language))
        .annotate(
            word_forms=ExpressionWrapper(
                _in_language(terms, language, match=full_text), output_field=BooleanField()
            )
        )
        .order_by("-chapter__report__published_at", "chapter__report_id", "number")
        .values(
            "number",
            "word_forms",
            *_columns("text", language),
            report_id=F("chapter__report_id"),
            published_at=F("chapter__report__published_at"),
            title_en=F("chapter__report__title_en"),
            title_local=F(f"chapter__report__title_{language}"),
            country_id=F("chapter__report__evaluation__country_id"),
        )[: MAX_HITS * 2]
    )
    rows = [{**row, "text": _pick(row, "text", language)} for row in paragraphs]
    under_correction = access.visible(
        PUBLIC, Report.objects.filter(published_at__isnull=False, correction_open=True)
    ).values("pk", "published_at", "publication__content", "evaluation__country_id")
    for report in under_correction:
        snapshot = report["publication__content"] or {}
        for chapter in snapshot.get("chapters", []):
            for paragraph in chapter["paragraphs"]:
                rows.append(
                    {
                        "number": paragraph["number"],
                        "text": _pick(paragraph, "text", language),
                        "report_id": report["pk"],
                        "published_at": report["published_at"],
                        "title_en": snapshot.get("title_en", ""),
                        "title_local": snapshot.get(f"title_{language}", ""),
                        "country_id": report["evaluation__country_id"],
                    }
                )
    # A substring match may sit in the HTML markup; full-text matches (PostgreSQL) never do.
    rows = [row for row in rows if row.get("word_forms") or _found(plain(row["text"]), terms)]
    rows.sort(key=lambda row: (-row["published_at"].timestamp(), row["report_id"], row["number"]))
    return rows[:MAX_HITS]


def _paragraph_hits(terms: list[str], language: str, request: HttpRequest) -> list[Hit]:
    rows = _paragraph_rows(terms, language)
    url = CountryPage.report_urls({row["country_id"] for row in rows}, request)
    return [
        Hit(
            "paragraph",
            escape(row["title_local"] or row["title_en"]),
            url(row["country_id"], row["report_id"]) + f"#p-{row['number']}",
            highlight(plain(row["text"]), terms),
            where=_("Paragraph %(number)s") % {"number": row["number"]},
        )
        for row in rows
    ]


def search(request: HttpRequest, search_page: Page) -> SearchOutcome:
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    outcome = SearchOutcome(query=query, terms=parse_terms(query))
    if not outcome.terms:
        return outcome
    language = active_language()
    groups = {
        "page": _page_hits(outcome.terms, language, request, search_page),
        "recommendation": _recommendation_hits(outcome.terms, language, request),
        "paragraph": _paragraph_hits(outcome.terms, language, request),
    }
    outcome.counts = {kind: len(hits) for kind, hits in groups.items()}
    hits = [hit for group in groups.values() for hit in group]
    outcome.page_obj = Paginator(hits, PER_PAGE).get_page(request.GET.get("page"))
    return outcome
