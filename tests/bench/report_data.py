"""A large generated report for the reports benchmarks (PDF, editor page).

Written with bulk inserts: the services are exercised by the unit tests; here only the size of
the data matters. Built on Tajikistan's round-1 evaluation, which the demo leaves without a
report. Shaped like a real draft: each chapter opens with a paragraph and then has three
sections; some paragraphs carry footnotes; both languages are written and some Russian texts are
older than the English. `with_review=True` adds what the editor shows while a draft is
reviewed: the government's submitted comments, chapter adoptions and a few placeholders (which
would block publishing it).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from evaluation_rounds.models import CountryEvaluation, Plenary
from monitoring.models import Organisation
from monitoring.search import index
from recommendations.models import Recommendation, RecommendationTheme, Theme
from reports.models import (
    Chapter,
    ChapterAdoption,
    GovernmentComment,
    Paragraph,
    PlaceholderAcceptance,
    Report,
    Section,
)

STRENGTHS = [choice.value for choice in Recommendation.Strength]
THEMES = [choice.value for choice in Theme]
WORDS = (
    "The expert group notes that the authorities have taken steps to identify victims of "
    "trafficking among labour migrants, and welcomes the cooperation with civil society. "
    "Эксперты отмечают, что власти приняли меры по выявлению жертв торговли людьми. "
)
SECTIONS_PER_CHAPTER = 3
NOTE_EN = (
    '<span class="footnote">See the <i>Annual report</i> of the Ministry, 2023, p. {n}.</span>'
)
NOTE_RU = '<span class="footnote">См. ежегодный доклад министерства, 2023, с. {n}.</span>'


def _paragraph_texts(n: int, *, placeholder: bool) -> tuple[str, str]:
    """Paragraph n's two texts: a footnote in every fourth, two in every twelfth."""
    notes = 2 if n % 12 == 0 else 1 if n % 4 == 0 else 0
    notes_en = "".join(NOTE_EN.format(n=n + k) for k in range(notes))
    notes_ru = "".join(NOTE_RU.format(n=n + k) for k in range(notes))
    gap = " [to be confirmed]" if placeholder else ""
    return (
        f"<p>{n}. {WORDS * 2}{notes_en}<b>Bold</b> and <i>italic</i>.{gap}</p>",
        f"<p>{n}. {WORDS}{notes_ru}</p>",
    )


def generate_report(
    *,
    paragraphs: int = 400,
    recommendations: int = 120,
    chapters: int = 10,
    iso: str = "TJ",
    with_review: bool = False,
) -> Report:
    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code=iso)
    report = Report.objects.create(
        evaluation=evaluation,
        title_en=f"Generated report on {evaluation.country.name_en}",
        title_ru=f"Сгенерированный доклад: {evaluation.country.name_ru}",
    )
    chapter_rows = Chapter.objects.bulk_create(
        Chapter(report=report, number=str(n + 1), title_en=f"Chapter {n + 1}", sort_order=n)
        for n in range(chapters)
    )
    if not chapter_rows[0].pk:  # backends that do not return ids from bulk_create
        chapter_rows = list(report.chapters.order_by("sort_order"))
    section_rows = Section.objects.bulk_create(
        Section(
            chapter=chapter,
            letter="ABCDEFGH"[k],
            title_en=f"Section {chapter.number}.{'ABCDEFGH'[k]}",
            title_ru=f"Раздел {chapter.number}.{'ABCDEFGH'[k]}",
            sort_order=k,
        )
        for chapter in chapter_rows
        for k in range(SECTIONS_PER_CHAPTER)
    )
    if not section_rows[0].pk:
        section_rows = list(Section.objects.filter(chapter__report=report).order_by("pk"))
    per_chapter = -(-paragraphs // chapters)
    # The chapter's first paragraph opens it; the rest are shared out among its sections.
    per_section = max(1, -(-(per_chapter - 1) // SECTIONS_PER_CHAPTER))

    def section_of(n: int) -> Section | None:
        place = n % per_chapter
        if place == 0:
            return None
        k = min((place - 1) // per_section, SECTIONS_PER_CHAPTER - 1)
        return section_rows[(n // per_chapter) * SECTIONS_PER_CHAPTER + k]

    now = timezone.now()
    paragraph_rows = []
    for n in range(paragraphs):
        text_en, text_ru = _paragraph_texts(n + 1, placeholder=with_review and n % 50 == 7)
        paragraph_rows.append(
            Paragraph(
                chapter=chapter_rows[n // per_chapter],
                section=section_of(n),
                sort_order=n % per_chapter,
                number=n + 1,
                text_en=text_en,
                text_ru=text_ru,
                # Every tenth Russian text was written before the English was last changed.
                text_en_changed_at=now,
                text_ru_changed_at=now - timedelta(days=1 if n % 10 == 3 else 0),
            )
        )
    paragraph_rows = Paragraph.objects.bulk_create(paragraph_rows)
    if not paragraph_rows[0].pk:
        paragraph_rows = list(Paragraph.objects.filter(chapter__report=report).order_by("number"))
    index.refresh(Paragraph, [row.pk for row in paragraph_rows])
    step = max(1, paragraphs // recommendations)
    recommendation_rows = Recommendation.objects.bulk_create(
        Recommendation(
            report=report,
            paragraph=paragraph_rows[min(n * step + step - 1, paragraphs - 1)],
            number=n + 1,
            strength=STRENGTHS[n % len(STRENGTHS)],
            text_en=f"Take measures to protect victims ({n + 1})."
            + (" [TBC]" if with_review and n % 40 == 5 else ""),
            text_ru=f"Принять меры по защите жертв ({n + 1}).",
            convention_articles="Articles 10, 12",
            sdg_target="8.7",
        )
        for n in range(recommendations)
    )
    if not recommendation_rows[0].pk:
        recommendation_rows = list(report.recommendations.order_by("number"))
    RecommendationTheme.objects.bulk_create(
        RecommendationTheme(recommendation=row, theme=THEMES[n % len(THEMES)])
        for n, row in enumerate(recommendation_rows)
    )
    report.recommendations.all().refresh_theme_mask()
    government = Organisation.objects.filter(
        country=evaluation.country, is_national_government=True
    ).first()
    if government is not None:
        Recommendation.addressees.through.objects.bulk_create(
            Recommendation.addressees.through(recommendation=row, organisation=government)
            for row in recommendation_rows
        )
    if with_review:
        _review(report, chapter_rows, paragraph_rows, recommendation_rows)
    return report


def _review(report, chapter_rows, paragraph_rows, recommendation_rows) -> None:
    """The government's submitted comments (on one paragraph in twenty, one recommendation in
    twelve, the report as a whole and the final ones), chapter adoptions for the draft (a third
    adopted, a third submitted) and one placeholder accepted."""
    users = get_user_model().objects.order_by("pk")
    author = users.filter(memberships__role="contact_person").first() or users.first()
    secretariat = users.filter(username="secretariat").first() or users.first()
    submitted = timezone.now()
    on = [{"paragraph": row} for row in paragraph_rows[5::20]]
    on += [{"recommendation": row, "paragraph": row.paragraph} for row in recommendation_rows[::12]]
    on += [{}, {}]
    GovernmentComment.objects.bulk_create(
        [
            GovernmentComment(
                report=report,
                author=author,
                kind=GovernmentComment.Kind.DRAFT,
                status=GovernmentComment.Status.SUBMITTED,
                submitted_at=submitted,
                text=f"The ministry asks to update the figures.\nComment {k + 1}.",
                rapporteur_response="partly" if k % 3 == 0 else "",
                rapporteur_reply="Updated where the figures were sent." if k % 3 == 0 else "",
                **target,
            )
            for k, target in enumerate(on)
        ]
        + [
            GovernmentComment(
                report=report,
                author=author,
                kind=GovernmentComment.Kind.FINAL,
                status=GovernmentComment.Status.SUBMITTED,
                submitted_at=submitted,
                text="The Government welcomes the report.",
            )
        ]
    )
    plenary = Plenary.objects.order_by("number").first() or Plenary.objects.create(
        number=99,
        start_date=date(2024, 5, 1),
        end_date=date(2024, 5, 3),
        place_en="Almaty",
        place_ru="Алматы",
    )
    third = max(1, len(chapter_rows) // 3)
    ChapterAdoption.objects.bulk_create(
        ChapterAdoption(
            chapter=chapter,
            decision=ChapterAdoption.Decision.DRAFT,
            status=ChapterAdoption.Status.ADOPTED
            if k < third
            else ChapterAdoption.Status.SUBMITTED,
            plenary=plenary,
            adopted_on=plenary.end_date if k < third else None,
            recorded_by=secretariat,
        )
        for k, chapter in enumerate(chapter_rows[: 2 * third])
    )
    PlaceholderAcceptance.objects.create(
        report=report,
        paragraph=paragraph_rows[7],
        language="en",
        text="[to be confirmed]",
        reason="The ministry confirms the figure at the plenary.",
        accepted_by=secretariat,
    )
