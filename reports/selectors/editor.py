"""Reads for the back-office editor: the report index and the whole report in a fixed number of
queries, whatever its size (everything prefetched and grouped in Python)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from monitoring import access

from ..html import sanitise, split_footnotes
from ..models import Chapter, GovernmentComment, Paragraph, Report, Section
from . import translation
from .versions import languages_in_order

SORTS = {
    "country": ("evaluation__country__name_en", "evaluation__round__number", "pk"),
    "round": ("evaluation__round__number", "evaluation__country__name_en", "pk"),
    "-round": ("-evaluation__round__number", "evaluation__country__name_en", "pk"),
    "published": ("-published_at", "pk"),
}


def reports_for_index(
    user, *, round_id: int | None = None, country_id: int | None = None, sort: str = "round"
) -> QuerySet[Report]:
    reports = (
        access.visible(user, Report)
        .select_related("evaluation__country", "evaluation__round", "publication")
        .defer("publication__content")
    )
    reports = translation.with_completeness(reports)
    if round_id is not None:
        reports = reports.filter(evaluation__round_id=round_id)
    if country_id is not None:
        reports = reports.filter(evaluation__country_id=country_id)
    return reports.order_by(*SORTS.get(sort, SORTS["round"]))


@dataclass
class LanguageText:
    """One language of a paragraph, for the side-by-side columns (footnotes numbered through
    the report in that language)."""

    language: str
    label: str
    html: SafeString
    footnotes: list[tuple[int, SafeString]]
    lagging: str = ""  # translation.MISSING or OLDER when this language lags behind


@dataclass
class ParagraphView:
    paragraph: Paragraph
    html: SafeString
    footnotes: list[tuple[int, SafeString]]
    recommendations: list = field(default_factory=list)  # the paragraph's, by number
    comments: list[GovernmentComment] = field(default_factory=list)
    languages: list[LanguageText] = field(default_factory=list)  # the original first
    mark: translation.Mark | None = None
    # The sections whose heading comes just before this paragraph (its own, and any empty
    # ones before it): the editor writes the headings inside the paragraph loop.
    opens_sections: list[SectionView] = field(default_factory=list)
    position: int = 1  # in its place: the chapter's opening paragraphs, or its section


@dataclass(eq=False)
class SectionView:
    section: Section
    paragraphs: list[ParagraphView] = field(default_factory=list)


@dataclass
class ChapterView:
    chapter: Chapter
    paragraphs: list[ParagraphView] = field(default_factory=list)  # all, in reading order
    introduction: list[ParagraphView] = field(default_factory=list)  # before the 1st section
    sections: list[SectionView] = field(default_factory=list)
    trailing_sections: list[SectionView] = field(default_factory=list)  # after the last one


@dataclass
class EditorPage:
    chapters: list[ChapterView]
    general_comments: list[GovernmentComment]
    final_comments: list[GovernmentComment]
    paragraph_count: int
    recommendation_count: int
    completeness: translation.Completeness | None = None
    # The rows read, in reading order (for the adoption panel's placeholders).
    paragraphs: list[Paragraph] = field(default_factory=list)
    recommendations: list = field(default_factory=list)


def editor_page(user, report: Report) -> EditorPage:
    chapters = list(report.chapters.order_by("sort_order", "pk"))
    sections = list(
        access.visible(user, Section).filter(chapter__report=report).order_by("sort_order", "pk")
    )
    paragraphs = list(
        access.visible(user, Paragraph).filter(chapter__report=report).order_by("number", "pk")
    )
    recommendations = list(
        access.visible(user, report.recommendations.all())
        .select_related("reiterates__report__evaluation__round")
        .prefetch_related("themes", "addressees")
        .order_by("number")
    )
    # The government's comments reach the expert group once the contact person has submitted
    # them: comments in progress are still the government's own working drafts.
    comments = list(
        access.visible(user, GovernmentComment)
        .filter(report=report, status=GovernmentComment.Status.SUBMITTED)
        .select_related("author", "responded_by", "paragraph", "recommendation")
    )
    side_by_side = _SideBySide(report)
    by_paragraph: dict[int, list] = {}
    for recommendation in recommendations:
        by_paragraph.setdefault(recommendation.paragraph_id, []).append(recommendation)
    draft_on_paragraph: dict[int, list[GovernmentComment]] = {}
    on_recommendation: dict[int, list[GovernmentComment]] = {}
    general, final = [], []
    for comment in comments:
        if comment.kind == GovernmentComment.Kind.FINAL:
            final.append(comment)
        elif comment.recommendation_id:
            on_recommendation.setdefault(comment.recommendation_id, []).append(comment)
        elif comment.paragraph_id:
            draft_on_paragraph.setdefault(comment.paragraph_id, []).append(comment)
        else:
            general.append(comment)
    for recommendation in recommendations:
        recommendation.government_comments = on_recommendation.get(recommendation.pk, [])
        recommendation.translation_mark = translation.mark(recommendation, report.language)
        recommendation.languages = side_by_side.texts(recommendation)

    views = {chapter.pk: ChapterView(chapter) for chapter in chapters}
    section_views = {section.pk: SectionView(section) for section in sections}
    for section in sections:
        if section.chapter_id in views:
            views[section.chapter_id].sections.append(section_views[section.pk])
    unopened = {pk: list(view.sections) for pk, view in views.items()}
    reading = get_language()[:2]
    for paragraph in paragraphs:
        mark = translation.mark(paragraph, report.language)
        languages = side_by_side.columns(paragraph, mark)
        # The reader's language, else the other one: the paragraph's html and footnotes.
        shown = next((c for c in languages if c.language == reading and c.html), None) or next(
            (c for c in languages if c.html), languages[0]
        )
        item = ParagraphView(
            paragraph=paragraph,
            html=shown.html,
            footnotes=shown.footnotes,
            recommendations=by_paragraph.get(paragraph.pk, []),
            comments=draft_on_paragraph.get(paragraph.pk, []),
            languages=languages,
            mark=mark,
        )
        chapter_view = views[paragraph.chapter_id]
        chapter_view.paragraphs.append(item)
        own = section_views.get(paragraph.section_id)
        if own is None:
            chapter_view.introduction.append(item)
            item.position = len(chapter_view.introduction)
            continue
        own.paragraphs.append(item)
        item.position = len(own.paragraphs)
        waiting = unopened[paragraph.chapter_id]
        if own in waiting:
            index = waiting.index(own)
            item.opens_sections, unopened[paragraph.chapter_id] = (
                waiting[: index + 1],
                waiting[index + 1 :],
            )
    for pk, waiting in unopened.items():
        views[pk].trailing_sections = waiting
    return EditorPage(
        chapters=list(views.values()),
        general_comments=general,
        final_comments=final,
        paragraph_count=len(paragraphs),
        recommendation_count=len(recommendations),
        completeness=translation.completeness(report, [*paragraphs, *recommendations]),
        paragraphs=paragraphs,
        recommendations=recommendations,
    )


_MARKER = re.compile(r'<sup class="footnote-ref">(\d+)</sup>')


@lru_cache(maxsize=8192)
def _sanitised_with_footnotes(text: str) -> tuple[str, tuple[str, ...]]:
    # Sanitised again on output (bulk imports bypass the services). Kept per text: the editor
    # is reloaded after every edit, and only the edited paragraph's text is new.
    html, notes = split_footnotes(sanitise(text), start=1)
    return html, tuple(notes)


def _with_footnotes_from(text: str, start: int) -> tuple[str, tuple[str, ...]]:
    """The sanitised text with its footnotes numbered from `start`, and the notes. Sanitised
    text has no class but the footnotes' own, so each marker is one `split_footnotes` wrote."""
    html, notes = _sanitised_with_footnotes(text)
    if notes and start != 1:
        html = _MARKER.sub(
            lambda m: f'<sup class="footnote-ref">{int(m.group(1)) + start - 1}</sup>', html
        )
    return html, notes


class _SideBySide:
    """Each paragraph's two languages, the report's original first, with footnotes numbered
    through the report separately in each language."""

    def __init__(self, report: Report):
        self.order = languages_in_order(report)
        self.next_note = dict.fromkeys(self.order, 1)
        self.labels = dict(Report.Language.choices)

    def columns(self, paragraph: Paragraph, mark) -> list[LanguageText]:
        columns = []
        for language in self.order:
            start = self.next_note[language]
            text = getattr(paragraph, f"text_{language}")
            html, notes = _with_footnotes_from(text, start) if text else ("", ())
            self.next_note[language] += len(notes)
            columns.append(
                LanguageText(
                    language=language,
                    label=self.labels[language],
                    html=mark_safe(html),  # noqa: S308 - sanitised above
                    footnotes=[(start + i, mark_safe(n)) for i, n in enumerate(notes)],  # noqa: S308
                    lagging=mark.kind if mark and mark.language == language else "",
                )
            )
        return columns

    def texts(self, recommendation) -> list[LanguageText]:
        """A recommendation's plain texts (escaped by the template), the original first."""
        mark = recommendation.translation_mark
        return [
            LanguageText(
                language=language,
                label=self.labels[language],
                html=getattr(recommendation, f"text_{language}"),
                footnotes=[],
                lagging=mark.kind if mark and mark.language == language else "",
            )
            for language in self.order
        ]


def paragraph_comments(user, paragraph: Paragraph) -> list[GovernmentComment]:
    """The government's submitted comments on the draft about this paragraph, for its edit page."""
    return list(
        access.visible(user, GovernmentComment)
        .filter(
            paragraph=paragraph,
            recommendation__isnull=True,
            kind=GovernmentComment.Kind.DRAFT,
            status=GovernmentComment.Status.SUBMITTED,
        )
        .select_related("author", "responded_by", "paragraph")
        .order_by("submitted_at", "pk")
    )
