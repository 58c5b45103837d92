"""recommendations/0004: rows typed as fragments become sentences with the lead-in of their
strength (the published copy with the published strength); sentences and frozen publications
stay as they were."""

import pytest

from recommendations.models import Recommendation
from reports.models import ReportPublication
from tests.migrations import migrate_to

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("latest_schema_after"),
]

BEFORE = [("recommendations", "0003_versions_and_translation_dates")]
AFTER = [("recommendations", "0004_full_sentences")]


def _rows(apps) -> dict:
    Country = apps.get_model("monitoring", "Country")
    Round = apps.get_model("evaluation_rounds", "EvaluationRound")
    Evaluation = apps.get_model("evaluation_rounds", "CountryEvaluation")
    Report = apps.get_model("reports", "Report")
    Publication = apps.get_model("reports", "ReportPublication")
    Chapter = apps.get_model("reports", "Chapter")
    Paragraph = apps.get_model("reports", "Paragraph")
    OldRecommendation = apps.get_model("recommendations", "Recommendation")

    country = Country.objects.create(iso_code="ZZ", name_en="Zedland", name_ru="Зедландия")
    round = Round.objects.create(number=98, title_en="Round 98", title_ru="Раунд 98")
    report = Report.objects.create(
        evaluation=Evaluation.objects.create(round=round, country=country), title_en="Zedland"
    )
    chapter = Chapter.objects.create(report=report, number="1", title_en="Protection")
    paragraph = Paragraph.objects.create(chapter=chapter, number=1, text_en="Paragraph")
    snapshot = {"recommendations": [{"number": 1, "text_en": "fund shelters"}]}
    publication = Publication.objects.create(report=report, version=1, content=snapshot)

    def add(number, **fields):
        return OldRecommendation.objects.create(
            report=report, paragraph=paragraph, number=number, **fields
        ).pk

    return {
        "publication": publication.pk,
        "fragment": add(
            1,
            strength="invites",  # changed in a correction not yet published
            text_en="fund shelters",
            text_ru="финансировать приюты",
            published_strength="urges",
            published_text_en="fund shelters",
            published_text_ru="финансировать приюты",
        ),
        "sentence": add(
            2,
            strength="considers",
            text_en="The Government should fund shelters.",
            text_ru="Группа экспертов считает, что органам власти следует финансировать приюты.",
        ),
        "draft": add(3, strength="considers", text_en="Monitor recruitment"),
    }


def test_fragments_become_sentences_and_sentences_stay():
    rows = _rows(migrate_to(BEFORE))
    migrate_to(AFTER)

    fragment = Recommendation.objects.get(pk=rows["fragment"])
    assert fragment.text_en == "The expert group invites the authorities to fund shelters."
    assert fragment.text_ru == "Группа экспертов предлагает органам власти финансировать приюты."
    assert fragment.published_text_en == "The expert group urges the authorities to fund shelters."
    assert fragment.published_text_ru == (
        "Группа экспертов настоятельно призывает органы власти финансировать приюты."
    )
    sentence = Recommendation.objects.get(pk=rows["sentence"])
    assert sentence.text_en == "The Government should fund shelters."
    assert sentence.text_ru.startswith("Группа экспертов считает")
    draft = Recommendation.objects.get(pk=rows["draft"])
    assert draft.text_en == (
        "The expert group considers that the authorities should monitor recruitment."
    )
    assert (draft.text_ru, draft.published_text_en) == ("", "")  # unpublished, nothing to copy
    # The frozen publication is the record of what was published: untouched.
    publication = ReportPublication.objects.get(pk=rows["publication"])
    assert publication.content["recommendations"][0]["text_en"] == "fund shelters"

    # Going back keeps the sentences; forward again changes nothing.
    migrate_to(BEFORE)
    migrate_to(AFTER)
    assert Recommendation.objects.get(pk=rows["fragment"]).text_en == fragment.text_en
