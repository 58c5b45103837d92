"""A large generated report for the reports benchmarks (PDF, editor page).

Written with bulk inserts: the services are exercised by the unit tests; here only the size of
the data matters. Built on Tajikistan's round-1 evaluation, which the demo leaves without a
report.
"""

from __future__ import annotations

from evaluation_rounds.models import CountryEvaluation
from monitoring.models import Organisation
from recommendations.models import Recommendation, RecommendationTheme, Theme
from reports.models import Chapter, Paragraph, Report

STRENGTHS = [choice.value for choice in Recommendation.Strength]
THEMES = [choice.value for choice in Theme]
WORDS = (
    "The expert group notes that the authorities have taken steps to identify victims of "
    "trafficking among labour migrants, and welcomes the cooperation with civil society. "
    "Эксперты отмечают, что власти приняли меры по выявлению жертв торговли людьми. "
)


def generate_report(
    *, paragraphs: int = 400, recommendations: int = 120, chapters: int = 10, iso: str = "TJ"
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
    per_chapter = -(-paragraphs // chapters)
    paragraph_rows = Paragraph.objects.bulk_create(
        Paragraph(
            chapter=chapter_rows[n // per_chapter],
            sort_order=n % per_chapter,
            number=n + 1,
            text_en=f"<p>{n + 1}. {WORDS * 2}<b>Bold</b> and <i>italic</i>.</p>",
            text_ru=f"<p>{n + 1}. {WORDS}</p>",
        )
        for n in range(paragraphs)
    )
    if not paragraph_rows[0].pk:  # backends that do not return ids from bulk_create
        paragraph_rows = list(Paragraph.objects.filter(chapter__report=report).order_by("number"))
    step = max(1, paragraphs // recommendations)
    recommendation_rows = Recommendation.objects.bulk_create(
        Recommendation(
            report=report,
            paragraph=paragraph_rows[min(n * step + step - 1, paragraphs - 1)],
            number=n + 1,
            strength=STRENGTHS[n % len(STRENGTHS)],
            text_en=f"Take measures to protect victims ({n + 1}).",
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
    return report
