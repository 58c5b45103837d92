"""Reads for the back-office editor: the report index and the whole report in a fixed number of
queries, whatever its size (everything prefetched and grouped in Python)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from monitoring import access

from ..html import sanitise, split_footnotes
from ..models import Chapter, GovernmentComment, Paragraph, Report, Section

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
    if round_id is not None:
        reports = reports.filter(evaluation__round_id=round_id)
    if country_id is not None:
        reports = reports.filter(evaluation__country_id=country_id)
    return reports.order_by(*SORTS.get(sort, SORTS["round"]))


@dataclass
class ParagraphView:
    paragraph: Paragraph
    html: SafeString
    footnotes: list[tuple[int, SafeString]]
    recommendations: list = field(default_factory=list)  # the paragraph's, by number
    comments: list[GovernmentComment] = field(default_factory=list)
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

    views = {chapter.pk: ChapterView(chapter) for chapter in chapters}
    section_views = {section.pk: SectionView(section) for section in sections}
    for section in sections:
        if section.chapter_id in views:
            views[section.chapter_id].sections.append(section_views[section.pk])
    unopened = {pk: list(view.sections) for pk, view in views.items()}
    next_note = 1
    for paragraph in paragraphs:
        # Stored text is sanitised on save; it is sanitised again here because bulk imports
        # bypass the services.
        html, notes = split_footnotes(sanitise(paragraph.text), start=next_note)
        footnotes = [(next_note + i, mark_safe(note)) for i, note in enumerate(notes)]  # noqa: S308
        next_note += len(notes)
        item = ParagraphView(
            paragraph=paragraph,
            html=mark_safe(html),  # noqa: S308 - sanitised above
            footnotes=footnotes,
            recommendations=by_paragraph.get(paragraph.pk, []),
            comments=draft_on_paragraph.get(paragraph.pk, []),
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
    )
