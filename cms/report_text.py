"""A published report's text as the public site shows it.

The text is the frozen snapshot (the latest `ReportPublication` row), never the working paragraphs:
while a correction is being prepared, the public keeps reading the published version. It is
shown in the active language, paragraph by paragraph falling back to the language the text
exists in (`monitoring.i18n.localised`, marked with its `lang` and a note), with the
footnotes numbered through the whole report.

Building it parses every paragraph (sanitised once more, then the footnotes split off), which
is slow for a long report, so the result is cached per published version and language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.utils.text import slugify

from monitoring.i18n import localised
from reports.html import sanitise, split_footnotes
from reports.models import Report
from reports.structure import by_section

CACHE_SECONDS = 24 * 3600
# `split_footnotes` writes each marker as exactly this element; the sanitiser allows no
# attribute on a <sup>, so the pattern can only match a marker.
FOOTNOTE_MARKER = re.compile(r'<sup class="footnote-ref">(\d+)</sup>')


@dataclass(frozen=True)
class TextParagraph:
    number: int
    html: str  # sanitised; footnote markers link to their notes
    lang: str  # the text's language where it is not the reader's, otherwise ""
    recommendations: tuple[int, ...]

    @property
    def anchor(self) -> str:
        return f"p-{self.number}"


@dataclass(frozen=True)
class TextSection:
    letter: str
    title: str
    lang: str
    paragraphs: tuple[TextParagraph, ...]
    chapter_anchor: str = ""

    @property
    def anchor(self) -> str:
        return f"{self.chapter_anchor}-{slugify(self.letter) or 'x'}"


@dataclass(frozen=True)
class TextChapter:
    number: str
    title: str
    lang: str
    paragraphs: tuple[TextParagraph, ...]  # all of them, in reading order
    introduction: tuple[TextParagraph, ...] = ()  # those before the first section
    sections: tuple[TextSection, ...] = ()

    @property
    def anchor(self) -> str:
        return f"chapter-{slugify(self.number) or 'x'}"


@dataclass(frozen=True)
class Footnote:
    number: int
    html: str
    paragraph: int


@dataclass(frozen=True)
class TextRecommendation:
    number: int
    paragraph: int
    strength: str
    text: str
    lang: str

    @property
    def anchor(self) -> str:
        return f"r-{self.number}"


@dataclass(frozen=True)
class FinalComment:
    text: str
    submitted_on: date | None
    recommendation: int | None = None  # the number of the recommendation it is about
    paragraph: int | None = None


@dataclass(frozen=True)
class ReportText:
    title: str
    chapters: tuple[TextChapter, ...]
    footnotes: tuple[Footnote, ...]
    recommendations: tuple[TextRecommendation, ...]
    final_comments: tuple[FinalComment, ...]
    title_lang: str = ""


def _pick(values: dict, name: str, language: str) -> tuple[str, str]:
    """The value in `language`, or in the language it exists in, with that language to mark."""
    text = localised(values, name, language)
    return text.text, text.language if text.is_fallback else ""


def _link_markers(html: str) -> str:
    return FOOTNOTE_MARKER.sub(
        r'<sup class="footnote-ref" id="fnref-\1"><a href="#fn-\1">\1</a></sup>', html
    )


def _build(snapshot: dict, language: str) -> ReportText:
    by_paragraph: dict[int, list[int]] = {}
    for recommendation in snapshot.get("recommendations", []):
        by_paragraph.setdefault(recommendation["paragraph"], []).append(recommendation["number"])
    chapters, footnotes = [], []
    for chapter in snapshot.get("chapters", []):
        paragraphs = []
        for paragraph in chapter["paragraphs"]:
            text, lang = _pick(paragraph, "text", language)
            html, notes = split_footnotes(sanitise(text), start=len(footnotes) + 1)
            footnotes += [
                Footnote(len(footnotes) + index, note, paragraph["number"])
                for index, note in enumerate(notes, start=1)
            ]
            paragraphs.append(
                TextParagraph(
                    paragraph["number"],
                    _link_markers(html),
                    lang,
                    tuple(by_paragraph.get(paragraph["number"], ())),
                )
            )
        title, lang = _pick(chapter, "title", language)
        anchor = TextChapter(chapter["number"], "", "", ()).anchor
        introduction, parts = by_section(
            zip(chapter["paragraphs"], paragraphs, strict=True),
            chapter.get("sections", []),  # none in a snapshot published before sections
            paragraph_section=lambda pair: pair[0].get("section"),
            section_key=lambda section: section["letter"],
        )
        sections = tuple(
            TextSection(
                section["letter"],
                *_pick(section, "title", language),
                tuple(text for _data, text in items),
                anchor,
            )
            for section, items in parts
        )
        chapters.append(
            TextChapter(
                chapter["number"],
                title,
                lang,
                tuple(paragraphs),
                tuple(text for _data, text in introduction),
                sections,
            )
        )
    recommendations = tuple(
        TextRecommendation(r["number"], r["paragraph"], r["strength"], *_pick(r, "text", language))
        for r in snapshot.get("recommendations", [])
    )
    final_comments = tuple(
        FinalComment(
            c["text"],
            datetime.fromisoformat(c["submitted_at"]).date() if c.get("submitted_at") else None,
            c.get("recommendation"),
            c.get("paragraph"),
        )
        for c in snapshot.get("final_comments", [])
    )
    return ReportText(
        title=_pick(snapshot, "title", language)[0],
        title_lang=_pick(snapshot, "title", language)[1],
        chapters=tuple(chapters),
        footnotes=tuple(footnotes),
        recommendations=recommendations,
        final_comments=final_comments,
    )


def report_text(report: Report, language: str) -> ReportText:
    """The published text of `report` in `language`. The key names the published version's
    row and its moment, so a row recreated under a reused id (SQLite reuses the highest one)
    never hits an old entry."""
    published = report.publication.published_at if report.publication_id else None
    stamp = published.timestamp() if published else 0
    # "v3": texts fall back to any language since; a "v2" entry fell back to English only.
    key = f"cms:report-text:v3:{report.publication_id}:{stamp}:{language}"
    text = cache.get(key)
    if text is None:
        text = _build(report.published_content or {}, language)
        cache.set(key, text, timeout=CACHE_SECONDS)
    return text
