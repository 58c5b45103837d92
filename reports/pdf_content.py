"""What goes into a report's PDF, read through `monitoring.access`.

A published report is printed from its frozen snapshot (its `ReportPublication` row), so the PDF
is the published text whatever is being corrected. A report not yet published is printed from
the working text the user may read, as a confidential draft that names its recipient.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring import access
from monitoring.i18n import active_language, localised
from monitoring.models import Organisation

from .models import Chapter, GovernmentComment, Report, ReportPublication, Section
from .selectors import report_paragraphs
from .structure import by_section


@dataclass(frozen=True)
class ParagraphContent:
    number: int
    html: str
    section: str | None = None  # its section's letter; None before the first section
    lang: str = ""  # the text's language where it is not the reader's (`localised`), else ""


@dataclass(frozen=True)
class SectionContent:
    letter: str
    title: str
    lang: str = ""


@dataclass
class ChapterContent:
    number: str
    title: str
    paragraphs: list[ParagraphContent] = field(default_factory=list)  # in reading order
    sections: list[SectionContent] = field(default_factory=list)
    lang: str = ""

    def parts(self) -> tuple[list[ParagraphContent], list[tuple[SectionContent, list]]]:
        """(the paragraphs before the first section, [(section, its paragraphs)])."""
        return by_section(
            self.paragraphs,
            self.sections,
            paragraph_section=lambda paragraph: paragraph.section,
            section_key=lambda section: section.letter,
        )


@dataclass(frozen=True)
class RecommendationContent:
    number: int
    paragraph: int
    strength: str
    text: str
    themes: tuple[str, ...] = ()
    lang: str = ""


@dataclass(frozen=True)
class CommentContent:
    text: str
    submitted_on: date | None
    recommendation: int | None = None  # what the comment is about, by number
    paragraph: int | None = None


@dataclass
class ReportContent:
    title: str
    country: str
    round_number: int
    round_title: str
    kind: str
    issued_on: date
    is_draft: bool
    chapters: list[ChapterContent]
    recommendations: list[RecommendationContent]
    final_comments: list[CommentContent]
    recipient: str = ""  # a draft names who it was printed for, so that a leak can be traced
    version: int = 0
    correction_note: str = ""
    language: str = "en"


def _pick(source, name: str, language: str) -> tuple[str, str]:
    """(the text in `language` or in the language it exists in, that language if not the
    reader's); `source` is a snapshot mapping or a model instance."""
    text = localised(source, name, language)
    return text.text, text.language if text.is_fallback else ""


def _paragraph(number: int, picked: tuple[str, str], section: str | None) -> ParagraphContent:
    text, lang = picked
    return ParagraphContent(number, text, section, lang)


def _chapter(number: str, picked: tuple[str, str]) -> ChapterContent:
    title, lang = picked
    return ChapterContent(number, title, lang=lang)


def _published_chapter(chapter: dict, language: str) -> ChapterContent:
    content = _chapter(chapter["number"], _pick(chapter, "title", language))
    content.paragraphs = [
        _paragraph(p["number"], _pick(p, "text", language), p.get("section"))
        for p in chapter["paragraphs"]
    ]
    content.sections = [  # none in a snapshot published before sections
        SectionContent(section["letter"], *_pick(section, "title", language))
        for section in chapter.get("sections", [])
    ]
    return content


def _themes_by_number(user, report: Report) -> dict[int, tuple[str, ...]]:
    themes: dict[int, list[str]] = {}
    # Through the reverse relations: reports reads its recommendations without importing them.
    rows = access.visible(user, report.recommendations.all()).filter(themes__isnull=False)
    for number, theme in rows.values_list("number", "themes__theme").order_by("themes__theme"):
        themes.setdefault(number, []).append(theme)
    return {number: tuple(values) for number, values in themes.items()}


def _recipient(user) -> str:
    principal = access.principal_for(user)
    organisations = Organisation.objects.filter(pk__in=principal.organisation_ids).order_by(
        "name_en"
    )
    names = [str(organisation.name) for organisation in organisations]
    if not names and principal.is_staff_reader:
        names = [_("Expert group")]
    person = user.get_full_name() or user.get_username()
    return ", ".join([*names, person])


def _published(
    user, report: Report, language: str, publication: ReportPublication | None = None
) -> ReportContent:
    publication = publication or report.publication
    snapshot = publication.content if publication else {}
    themes = _themes_by_number(user, report)
    return ReportContent(
        title=_pick(snapshot, "title", language)[0] or report.title,
        country=str(report.evaluation.country.name),
        round_number=report.evaluation.round.number,
        round_title=str(report.evaluation.round.title),
        kind=str(report.get_kind_display()),
        issued_on=timezone.localdate(report.published_at),
        is_draft=False,
        chapters=[
            _published_chapter(chapter, language) for chapter in snapshot.get("chapters", [])
        ],
        recommendations=[
            RecommendationContent(
                r["number"],
                r["paragraph"],
                r["strength"],
                _pick(r, "text", language)[0],
                themes=themes.get(r["number"], ()),
                lang=_pick(r, "text", language)[1],
            )
            for r in snapshot.get("recommendations", [])
        ],
        final_comments=[
            CommentContent(
                text=c["text"],
                submitted_on=(
                    datetime.fromisoformat(c["submitted_at"]).date() if c["submitted_at"] else None
                ),
                recommendation=c.get("recommendation"),
                paragraph=c.get("paragraph"),
            )
            for c in snapshot.get("final_comments", [])
        ],
        version=publication.version if publication else 0,
        correction_note=publication.correction_note if publication else "",
        language=language,
    )


def _draft(user, report: Report, language: str) -> ReportContent:
    chapters = {
        chapter.pk: ChapterContent(
            chapter.number,
            *_pick(chapter, "title", language)[:1],
            lang=_pick(chapter, "title", language)[1],
        )
        for chapter in access.visible(user, Chapter.objects.filter(report=report)).order_by(
            "sort_order", "pk"
        )
    }
    letters = {}
    for section in access.visible(user, Section.objects.filter(chapter__report=report)).order_by(
        "sort_order", "pk"
    ):
        letters[section.pk] = section.letter
        if section.chapter_id in chapters:
            chapters[section.chapter_id].sections.append(
                SectionContent(section.letter, *_pick(section, "title", language))
            )
    for paragraph in report_paragraphs(user=user, report=report):
        if paragraph.chapter_id in chapters:
            chapters[paragraph.chapter_id].paragraphs.append(
                _paragraph(
                    paragraph.number,
                    _pick(paragraph, "text", language),
                    letters.get(paragraph.section_id),
                )
            )
    themes = _themes_by_number(user, report)
    recommendations = (
        access.visible(user, report.recommendations.all())
        .select_related("paragraph")
        .order_by("number")
    )
    final_comments = (
        access.visible(
            user,
            GovernmentComment.objects.filter(
                report=report,
                kind=GovernmentComment.Kind.FINAL,
                status=GovernmentComment.Status.SUBMITTED,
            ),
        )
        .select_related("paragraph", "recommendation")
        .order_by("submitted_at", "pk")
    )
    return ReportContent(
        title=str(report.title),
        country=str(report.evaluation.country.name),
        round_number=report.evaluation.round.number,
        round_title=str(report.evaluation.round.title),
        kind=str(report.get_kind_display()),
        issued_on=timezone.localdate(),
        is_draft=True,
        chapters=list(chapters.values()),
        recommendations=[
            RecommendationContent(
                number=r.number,
                paragraph=r.paragraph.number,
                strength=r.strength,
                text=_pick(r, "text", language)[0],
                themes=themes.get(r.number, ()),
                lang=_pick(r, "text", language)[1],
            )
            for r in recommendations
        ],
        final_comments=[
            CommentContent(
                text=c.text,
                submitted_on=timezone.localdate(c.submitted_at) if c.submitted_at else None,
                recommendation=c.recommendation.number if c.recommendation_id else None,
                paragraph=c.paragraph.number if c.paragraph_id else None,
            )
            for c in final_comments
        ],
        recipient=_recipient(user),
        language=language,
    )


def publication_content(*, publication: ReportPublication, language: str) -> ReportContent:
    """The content of one published version's PDF in `language`: the same for every reader."""
    from django.contrib.auth.models import AnonymousUser

    return _published(AnonymousUser(), publication.report, language, publication)


def report_content(*, user, report: Report) -> ReportContent:
    """The content of `report`'s PDF for `user`, in the active language.

    The caller has checked that `user` may read the report; the parts are scoped again here."""
    language = active_language()
    if report.is_published:
        return _published(user, report, language)
    return _draft(user, report, language)
