"""Texts for the search tests, written through the services: Kazakhstan's report (the demo's
own removed first) with paragraphs in Russian and English, some in one language only, and
recommendations, published. Labels name each paragraph (`P…`) and recommendation (`R…`) so
tests can state the hits they expect."""

from __future__ import annotations

from dataclasses import dataclass

from evaluation_rounds.models import CountryEvaluation
from monitoring.models import Organisation
from recommendations import services as recommendation_services
from recommendations.models import Recommendation
from reports import services
from reports.models import Paragraph, Report
from tests.reports.conftest import build_report

# label: (English, Russian); "" is a text not written in that language.
PARAGRAPHS = {
    "P1": ("", "<p>Следует содействовать <strong>воссоединению</strong> семей пострадавших.</p>"),
    "P2": (
        "<p>Kazakhstan ratified the Convention on labour inspection.</p>",
        "<p>Казахстан ратифицировал Конвенцию о трудовой инспекции.</p>",
    ),
    "P3": (
        "<p>The Smart navigator app helps migrants.</p>",
        "<p>Приложение «Умный навигатор» помогает мигрантам.</p>",
    ),
    "P4": (
        "<p>Cooperation with IT companies on online recruitment.</p>",
        "<p>Сотрудничество с IT-компаниями против онлайн-вербовки.</p>",
    ),
    "P5": (
        "<p>Cooperation with companies on recruitment.</p>",
        "<p>Сотрудничество с компаниями против вербовки.</p>",
    ),
    "P6": ("", "<p>Ещё одна ёмкая мера: приюты для детей.</p>"),
    "P7": (
        "<p>Every victim is entitled to compensation; victims of begging too.</p>",
        "<p>Каждая жертва имеет право на компенсацию.</p>",
    ),
    "P8": ("<p>Shelters for child victims are open in Almaty.</p>", ""),
}
RECOMMENDATIONS = {
    "R1": ("identify victims of labour exploitation", "выявлять жертв трудовой эксплуатации"),
    "R2": ("cooperate with IT companies on recruitment", "сотрудничать с IT-компаниями"),
    "R3": ("cooperate with companies on recruitment", "сотрудничать с компаниями"),
    "R4": ("", "содействовать воссоединению семей"),
}


@dataclass
class SearchTexts:
    report: Report
    paragraphs: dict[str, Paragraph]
    recommendations: dict[str, Recommendation]

    def paragraph_labels(self, pks) -> set[str]:
        by_pk = {p.pk: label for label, p in self.paragraphs.items()}
        return {by_pk[pk] for pk in pks if pk in by_pk}

    def recommendation_labels(self, pks) -> set[str]:
        by_pk = {r.pk: label for label, r in self.recommendations.items()}
        return {by_pk[pk] for pk in pks if pk in by_pk}


def build_search_texts(secretariat) -> SearchTexts:
    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="KZ")
    report = build_report(evaluation, secretariat, paragraphs_per_chapter=(1,), recommendations=0)
    chapter = report.chapters.get()
    paragraphs = {
        label: services.paragraph_insert(chapter=chapter, text_en=en, text_ru=ru, actor=secretariat)
        for label, (en, ru) in PARAGRAPHS.items()
    }
    government = Organisation.objects.get(country=evaluation.country, is_national_government=True)
    recommendations = {
        label: recommendation_services.recommendation_create(
            paragraph=paragraphs["P2"],
            strength="urges",
            text_en=en,
            text_ru=ru,
            themes=["protection"],
            addressees=[government],
            actor=secretariat,
        )
        for label, (en, ru) in RECOMMENDATIONS.items()
    }
    report = services.report_publish(report=report, actor=secretariat)
    for row in (*paragraphs.values(), *recommendations.values()):
        row.refresh_from_db()
    return SearchTexts(report, paragraphs, recommendations)
