"""The public site's search (/<lang>/search/?q=): the live Wagtail pages, the published
reports to the paragraph, and the published recommendations.

Report text is searched only as the public reads it: the paragraphs `monitoring.access` shows
an anonymous visitor (published reports, not under correction), and for a report whose
correction is being prepared, its published snapshot; the recommendations' published wording
(`published_text_*`, which a correction in progress leaves as published). Drafts never reach a
result. Words are matched in any grammatical form, phrases, `OR` and `-` exclusions included,
through `monitoring.search` (the index for the tables, the same stems in Python for a
snapshot; the pages through `page_index`). Each text is searched as the visitor reads it: in
their language, or where it has none, in the language it exists in (a page: in the locale it
exists in); such a hit carries its `lang` and the note "available in … only". Every hit is
escaped, with the word forms found wrapped in <mark>.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Case, F, Q, When
from django.db.models.fields.json import KeyTextTransform
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from monitoring import access
from monitoring.i18n import ONLY_IN, active_language, fallback_order, localised, text_language
from monitoring.search import Query, index, matches, parse, plain
from monitoring.search.highlight import highlight
from recommendations.models import Recommendation
from reports.models import Paragraph, ReplyPublication, Report
from reports.replies import reply_reading
from reports.reply_pdf import reply_title

from . import page_index
from .models.countries import CountryPage
from .selectors import PUBLIC, STATUS_LABELS

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
    lang: str = ""  # the excerpt's language where it is not the reader's
    title_lang: str = ""  # a page's title, when the page is in another language
    note: str = ""  # then: "available in Russian only"


@dataclass
class SearchOutcome:
    query: str
    parsed: Query
    page_obj: PaginatorPage | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def message(self) -> str:
        if not self.query:
            return _(
                "Type one or more words to search the site, the reports and the recommendations."
            )
        if not self.parsed.items:
            return _("Your search contains no words: use letters or digits.")
        if not self.parsed.can_match:
            return _("Your search only excludes words: add at least one word that must occur.")
        return ""


def _in_language(model, query: Query, language: str, *, text: str = "text") -> Q:
    """The text the visitor reads matches: the column `{text}_<language>`, or where it is
    empty the first other language that has the text (`monitoring.i18n.fallback_order`)."""
    condition, missing = Q(), Q()
    for code in fallback_order(language):
        column = f"{text}_{code}"
        condition |= missing & ~Q(**{column: ""}) & index.condition(model, column, query)
        missing &= Q(**{column: ""})
    return condition


def _columns(name: str, language: str) -> list[str]:
    return [f"{name}_{code}" for code in fallback_order(language)]


def _pages_as_read(language: str, locales: dict[str, int]) -> Q:
    """The pages a reader of `language` reads: those of their locale, and a page that exists
    only in another locale (no live copy in theirs), in `fallback_order`. `locales`: the
    locales' ids by language code."""
    condition, seen = Q(), Q(pk__in=[])
    for code in fallback_order(language):
        if code not in locales:
            continue
        in_locale = Q(locale_id=locales[code])
        condition |= in_locale & ~Q(
            translation_key__in=Page.objects.live().filter(seen).values("translation_key")
        )
        seen |= in_locale
    return condition


def _page_hits(query: Query, language: str, request: HttpRequest, exclude: Page) -> list[Hit]:
    """Live public pages whose title or text match, through the same index as the reports:
    pages whose title matches first, then the newest published."""
    locales = dict(Locale.objects.values_list("language_code", "pk"))
    pages = (
        Page.objects.live()
        .public()
        .not_page(exclude)
        .filter(_pages_as_read(language, locales), index.condition(Page, "text", query))
        .annotate(title_first=Case(When(index.condition(Page, "title", query), then=0), default=1))
        .order_by("title_first", "-first_published_at", "pk")
        .specific()[:MAX_HITS]
    )
    languages = {pk: code for code, pk in locales.items()}
    hits = []
    for page in pages:
        title, text = page_index.page_texts(page)
        summary = page.search_description or text
        page_language = languages[page.locale_id]
        other = page_language != language
        hits.append(
            Hit(
                "page",
                highlight(title, query, None),
                page.get_url(request),
                highlight(summary if matches(query, summary) else text, query),
                lang=page_language if other else "",
                note=str(ONLY_IN.get(page_language, "")) if other else "",
                title_lang=page_language if other else "",
            )
        )
    return hits


def _recommendation_hits(query: Query, language: str, request: HttpRequest) -> list[Hit]:
    recommendations = (
        access.visible(PUBLIC, Recommendation.objects.filter(report__published_at__isnull=False))
        .filter(_in_language(Recommendation, query, language, text="published_text"))
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
                for code in fallback_order(language)
            },
        )[:MAX_HITS]
    )
    rows = list(recommendations)
    url = CountryPage.report_urls({row["report__evaluation__country_id"] for row in rows}, request)
    hits = []
    for row in rows:
        text = localised(row, "published_text", language)
        hits.append(
            Hit(
                "recommendation",
                escape(_("Recommendation %(number)s") % {"number": row["number"]}),
                url(row["report__evaluation__country_id"], row["report_id"])
                + f"#r-{row['number']}",
                highlight(text.text, query),
                where=localised(row, "title", language).text,
                status=row["current_status"],
                status_label=str(STATUS_LABELS.get(row["current_status"], "")),
                lang=text.language if text.is_fallback else "",
                note=text.note,
            )
        )
    return hits


def _paragraph_rows(query: Query, language: str) -> list[dict]:
    """Matching paragraphs as the public reads them: published text, or the published
    snapshot of a report being corrected (matched in Python, as the index would). Newest
    report first, then in the report's order."""
    paragraphs = (
        access.visible(PUBLIC, Paragraph.objects.all())
        .filter(_in_language(Paragraph, query, language))
        .order_by("-chapter__report__published_at", "chapter__report_id", "number")
        .values(
            "number",
            *_columns("text", language),
            *_columns("chapter__report__title", language),
            report_id=F("chapter__report_id"),
            published_at=F("chapter__report__published_at"),
            country_id=F("chapter__report__evaluation__country_id"),
        )[:MAX_HITS]
    )
    rows = [
        {
            **row,
            "text": localised(row, "text", language),
            "title": localised(row, "chapter__report__title", language).text,
        }
        for row in paragraphs
    ]
    under_correction = access.visible(
        PUBLIC, Report.objects.filter(published_at__isnull=False, correction_open=True)
    ).values("pk", "published_at", "publication__content", "evaluation__country_id")
    for report in under_correction:
        snapshot = report["publication__content"] or {}
        for chapter in snapshot.get("chapters", []):
            for paragraph in chapter["paragraphs"]:
                text = localised(paragraph, "text", language)
                if not matches(query, text.text, html=True):
                    continue
                rows.append(
                    {
                        "number": paragraph["number"],
                        "text": text,
                        "report_id": report["pk"],
                        "published_at": report["published_at"],
                        "title": localised(snapshot, "title", language).text,
                        "country_id": report["evaluation__country_id"],
                    }
                )
    rows.sort(key=lambda row: (-row["published_at"].timestamp(), row["report_id"], row["number"]))
    return rows[:MAX_HITS]


def _paragraph_hits(query: Query, language: str, request: HttpRequest) -> list[Hit]:
    rows = _paragraph_rows(query, language)
    url = CountryPage.report_urls({row["country_id"] for row in rows}, request)
    return [
        Hit(
            "paragraph",
            escape(row["title"]),
            url(row["country_id"], row["report_id"]) + f"#p-{row['number']}",
            highlight(plain(row["text"].text), query),
            where=_("Paragraph %(number)s") % {"number": row["number"]},
            lang=row["text"].language if row["text"].is_fallback else "",
            note=row["text"].note,
        )
        for row in rows
    ]


def _reply_hits(query: Query, language: str, request: HttpRequest) -> list[Hit]:
    """Answers of the published replies, matched in their frozen snapshots in Python (the same
    parse and stems as the index; confidential answers are not in a snapshot). Two queries:
    the public replies, then their countries' pages."""
    replies = access.visible(
        PUBLIC, ReplyPublication.objects.filter(outcome=ReplyPublication.Outcome.PUBLISHED)
    ).select_related("report__evaluation")
    found = []
    for reply in replies.order_by("-decided_at", "-is_government", "organisation_name_en", "pk"):
        for section in reply_reading(reply.content):
            for item in section.items:
                if item.confidential or not item.text or not matches(query, item.text):
                    continue
                found.append((reply, item))
                if len(found) >= MAX_HITS:
                    break
    url = CountryPage.reply_urls(
        {reply.report.evaluation.country_id for reply, _item in found}, request
    )
    hits = []
    for reply, item in found:
        written_in = text_language(item.text)
        hits.append(
            Hit(
                "reply",
                escape(reply_title(reply)),
                url(reply.report.evaluation.country_id, reply.pk),
                highlight(item.text, query),
                where=_("Question %(code)s") % {"code": item.question.code},
                lang=written_in if written_in and written_in != language else "",
            )
        )
    return hits


def search(request: HttpRequest, search_page: Page) -> SearchOutcome:
    query = parse(request.GET.get("q", ""))
    outcome = SearchOutcome(query=query.text, parsed=query)
    if not query.can_match:
        return outcome
    language = active_language()
    groups = {
        "page": _page_hits(query, language, request, search_page),
        "recommendation": _recommendation_hits(query, language, request),
        "paragraph": _paragraph_hits(query, language, request),
        "reply": _reply_hits(query, language, request),
    }
    outcome.counts = {kind: len(hits) for kind, hits in groups.items()}
    hits = [hit for group in groups.values() for hit in group]
    outcome.page_obj = Paginator(hits, PER_PAGE).get_page(request.GET.get("page"))
    return outcome
