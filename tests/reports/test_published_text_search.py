"""The public reads a published report as published, whatever a correction is changing.

While a correction is open, the report's paragraphs and recommendations are edited in place.
Every public search, filter, count, result row and download (the tracker, its files, the
open-data API, the site search) reads the published wording and facets only: a word found only
in the correction finds nothing, a word of the published text still finds its recommendation,
and a facet value the correction gives (strength, theme, addressee, SDG target) counts nothing.
Government users and NGOs on the public pages read as the public does; the back office keeps
the working text. Publishing the correction makes it the public's text.
"""

import csv
import io
import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from evaluation_rounds.models import EvaluationRound, Plenary
from evaluation_rounds.procedure import State
from evaluation_rounds.services import evaluation_create, evaluation_transition, rapporteurs_assign
from monitoring.models import ExpertMember, Organisation
from monitoring.services import country_upsert, organisation_upsert
from recommendations import services as recommendation_services
from recommendations.models import Recommendation
from reports import services
from tests.downloads import downloaded
from tests.procedure_steps import ADOPTED_EARLY

PUBLISHED_WORD = "Quorblax"  # in the published recommendation, edited out by the correction
CORRECTION_WORD = "Vindrelk"  # only in the correction's wording of that recommendation
PUBLISHED_PARAGRAPH_WORD = "Palturnic"
CORRECTION_PARAGRAPH_WORD = "Wexmoral"
ADDED_WORD = "Drumvalt"  # a recommendation the correction adds
NOWHERE = "Snorfindle"

READERS = ["anonymous", "kz-contact", "ngo-kz"]  # the public, another country's government, an NGO


@pytest.fixture
def corrected(demo_data, user_named):
    """A country, round and evaluation of the test's own, its report published with one
    recommendation, then a correction opened that rewrites the recommendation (wording,
    strength, themes, addressees, SDG target, articles) and the paragraph, and adds one."""
    cache.clear()
    secretariat = user_named("secretariat")
    country = country_upsert(
        iso_code="AZ", name_en="Azerbaijan", name_ru="Азербайджан", is_evaluated=True
    )
    government = organisation_upsert(
        kind=Organisation.Kind.GOVERNMENT,
        country=country,
        name_en="Cabinet of Azerbaijan",
        name_ru="Кабинет Азербайджана",
        is_national_government=True,
    )
    ministry = organisation_upsert(
        kind=Organisation.Kind.GOVERNMENT,
        country=country,
        name_en="Labour Ministry of Azerbaijan",
        name_ru="Министерство труда Азербайджана",
    )
    round_ = EvaluationRound.objects.create(
        number=9, title_en="Round 9", title_ru="Раунд 9", status=EvaluationRound.Status.OPEN
    )
    evaluation = evaluation_create(round=round_, country=country, actor=secretariat)
    rapporteurs_assign(
        evaluation=evaluation, experts=list(ExpertMember.objects.all()[:2]), actor=secretariat
    )
    today = timezone.localdate()
    plenary = Plenary.objects.create(
        number=98, start_date=today - timedelta(days=1), end_date=today, place_en="Baku"
    )
    for state, step in (
        (State.DRAFT_IN_PREPARATION, {"waiver_reason": "Test of a correction."}),
        (State.DRAFT_APPROVED, {"plenary": plenary, "waiver_reason": "Test of a correction."}),
        (State.DRAFT_WITH_GOVERNMENT, {}),
        (State.FINAL_ADOPTED, {"plenary": plenary, "waiver_reason": ADOPTED_EARLY}),
        (State.FINAL_COMMENTS, {}),
    ):
        evaluation_transition(
            evaluation=evaluation,
            to_state=state,
            actor=secretariat,
            occurred_on=today,
            notify=False,
            **step,
        )
    report = services.report_create(
        evaluation=evaluation,
        title_en="Report on Azerbaijan",
        title_ru="Доклад по Азербайджану",
        actor=secretariat,
    )
    chapter = services.chapter_create(
        report=report, number="1", title_en="Protection", actor=secretariat
    )
    paragraph = services.paragraph_insert(
        chapter=chapter,
        text_en=f"<p>The {PUBLISHED_PARAGRAPH_WORD} shelters receive victims.</p>",
        text_ru="<p>Приюты принимают жертв.</p>",
        actor=secretariat,
    )
    recommendation = recommendation_services.recommendation_create(
        paragraph=paragraph,
        strength="considers",
        text_en=f"Open {PUBLISHED_WORD} shelters in every region.",
        text_ru="Открыть приюты в каждой области.",
        themes=["prevention"],
        addressees=[government],
        sdg_target="8.7",
        convention_articles="Article 10",
        actor=secretariat,
    )
    services.report_publish(report=report, actor=secretariat)
    services.report_correction_open(report=report, note="Rewording.", actor=secretariat)
    # Read afresh, as the editor does: the instance created before publication is stale.
    recommendation = Recommendation.objects.get(pk=recommendation.pk)
    recommendation_services.recommendation_update(
        recommendation=recommendation,
        actor=secretariat,
        text_en=f"Fund {CORRECTION_WORD} shelters in every region.",
        text_ru="Финансировать приюты в каждой области.",
        strength="urges",
        themes=["partnership"],
        addressees=[ministry],
        sdg_target="16.2",
        convention_articles="Article 12",
    )
    services.paragraph_update(
        paragraph=paragraph,
        text_en=f"<p>The {CORRECTION_PARAGRAPH_WORD} shelters receive victims.</p>",
        text_ru="<p>Приюты принимают жертв.</p>",
        actor=secretariat,
    )
    added = recommendation_services.recommendation_create(
        paragraph=paragraph,
        strength="invites",
        text_en=f"Train {ADDED_WORD} inspectors.",
        themes=["protection"],
        actor=secretariat,
    )
    report.refresh_from_db()
    return SimpleNamespace(
        secretariat=secretariat,
        report=report,
        recommendation=recommendation,
        added=added,
        government=government,
        ministry=ministry,
    )


@pytest.fixture
def reader(request, user_named):
    client = Client()
    if request.param != "anonymous":
        client.force_login(user_named(request.param))
    return client


def public_counts(client, params: dict) -> dict[str, int]:
    """How many recommendations each public list gives for `params`."""
    cache.clear()  # the API's Last-Modified and the charts are cached
    download = downloaded(client.get("/en/recommendations.json", params))
    return {
        "api recommendations": client.get("/api/v1/recommendations", params).json()["count"],
        "api statistics": client.get("/api/v1/statistics", params).json()["total"]["total"],
        "tracker download": json.loads(download)["count"],
        "tracker page": client.get("/en/recommendations/", params)
        .context["page_obj"]
        .paginator.count,
    }


def found(client, word: str) -> dict[str, int]:
    """How many results each public endpoint gives for `word`."""
    search = client.get("/en/search/", {"q": word}).context["search"].counts
    return {
        **public_counts(client, {"q": word}),
        "search recommendations": search["recommendation"],
        "search paragraphs": search["paragraph"],
    }


def everywhere(recommendations: int, paragraphs: int = 0) -> dict[str, int]:
    return {
        "api recommendations": recommendations,
        "api statistics": recommendations,
        "tracker download": recommendations,
        "tracker page": recommendations,
        "search recommendations": recommendations,
        "search paragraphs": paragraphs,
    }


@pytest.mark.parametrize("reader", READERS, indirect=True)
def test_a_word_only_in_the_correction_finds_nothing(corrected, reader):
    assert found(reader, NOWHERE) == everywhere(0)
    assert found(reader, CORRECTION_WORD) == everywhere(0)
    assert found(reader, CORRECTION_PARAGRAPH_WORD) == everywhere(0)
    assert found(reader, ADDED_WORD) == everywhere(0)


@pytest.mark.parametrize("reader", READERS, indirect=True)
def test_a_word_of_the_published_text_still_finds_it(corrected, reader):
    assert found(reader, PUBLISHED_WORD) == everywhere(1)
    assert found(reader, PUBLISHED_PARAGRAPH_WORD) == everywhere(0, paragraphs=1)


FACETS = [  # (parameter, published value, the correction's value)
    ("strength", "considers", "urges"),
    ("theme", "prevention", "partnership"),
    ("sdg", "8.7", "16.2"),
    ("addressee", "government", "ministry"),
]


def _facet_value(corrected, value: str) -> str:
    return str(getattr(corrected, value).pk) if value in ("government", "ministry") else value


def matching(client, params: dict) -> dict[str, int]:
    """How many results each public filter gives for `params`, within the test's country."""
    return public_counts(client, {"country": "AZ", **params})


@pytest.mark.parametrize("reader", READERS, indirect=True)
@pytest.mark.parametrize(("facet", "published", "correction"), FACETS)
def test_facets_filter_by_the_published_values(corrected, reader, facet, published, correction):
    published_value = _facet_value(corrected, published)
    correction_value = _facet_value(corrected, correction)
    assert set(matching(reader, {facet: published_value}).values()) == {1}
    assert set(matching(reader, {facet: correction_value}).values()) == {0}


def test_facet_counts_and_statistics_count_the_published_values(corrected, client):
    response = client.get("/en/recommendations/", {"country": "AZ"})
    facets = {
        facet.name: {option.value: option.count for option in facet.options}
        for facet in response.context["facets"]
    }
    assert facets["strength"] == {"considers": 1}
    assert facets["theme"] == {"prevention": 1}
    assert facets["sdg"] == {"8.7": 1}
    assert facets["addressee"] == {str(corrected.government.pk): 1}
    assert response.context["page_obj"].paginator.count == 1

    cache.clear()
    statistics = client.get("/api/v1/statistics", {"country": "AZ"}).json()
    assert [row["key"] for row in statistics["by_strength"]] == ["considers"]
    assert [row["key"] for row in statistics["by_theme"]] == ["prevention"]
    assert statistics["total"]["total"] == 1


def _download(client, fmt: str) -> list[dict]:
    content = downloaded(client.get(f"/en/recommendations.{fmt}", {"country": "AZ"}))
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
        header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        return [dict(zip(header, row, strict=True)) for row in rows]
    return json.loads(content)["recommendations"]


INVITES = "The expert group invites the authorities to"
PUBLISHED_ROW = {  # typed as fragments, stored and published as sentences (recommendations.wording)
    "strength": "considers",
    "text_en": "The expert group considers that the authorities should open "
    f"{PUBLISHED_WORD} shelters in every region.",
    "text_ru": "Группа экспертов считает, что органам власти следует открыть приюты в каждой "
    "области.",
    "themes": "prevention",
    "addressees": "Cabinet of Azerbaijan",
    "sdg_target": "8.7",
    "convention_articles": "10",  # stored as the numbers
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_downloads_give_the_published_row(corrected, client, fmt):
    rows = _download(client, fmt)
    assert len(rows) == 1
    assert {key: rows[0][key] for key in PUBLISHED_ROW} == PUBLISHED_ROW
    assert str(rows[0]["paragraph_number"]) == "1"


def test_the_api_rows_are_the_published_ones(corrected, client):
    items = client.get("/api/v1/recommendations", {"country": "AZ"}).json()["items"]
    assert len(items) == 1
    assert {key: items[0][key] for key in PUBLISHED_ROW} == PUBLISHED_ROW
    history = client.get(f"/api/v1/recommendations/{corrected.recommendation.pk}/history").json()
    assert history["recommendation"]["text_en"] == PUBLISHED_ROW["text_en"]
    assert history["recommendation"]["strength"] == "considers"


def test_the_tracker_and_the_search_show_the_published_wording(corrected, client):
    page = client.get("/en/recommendations/", {"country": "AZ"}).content.decode()
    assert CORRECTION_WORD not in page and ADDED_WORD not in page
    assert "Labour Ministry" not in page and "16.2" not in page
    rows = page[page.index("<tbody>") : page.index("</tbody>")]
    assert PUBLISHED_WORD in rows and "Cabinet of Azerbaijan" in rows
    assert "considers" in rows and "urges" not in rows
    assert "Prevention" in rows and "Partnership" not in rows

    search = client.get("/en/search/", {"q": PUBLISHED_WORD}).content.decode()
    assert f"<mark>{PUBLISHED_WORD}</mark>" in search
    assert CORRECTION_WORD not in search


def test_the_back_office_reads_the_working_text(corrected, client):
    client.force_login(corrected.secretariat)
    report = corrected.report
    editor = client.get(reverse("reports:editor", args=[report.pk])).content.decode()
    assert CORRECTION_WORD in editor and CORRECTION_PARAGRAPH_WORD in editor
    assert ADDED_WORD in editor
    follow_up_url = reverse("recommendations:follow_up", args=[report.pk])
    follow_up = client.get(follow_up_url, {"strength": "urges"})
    assert CORRECTION_WORD in follow_up.content.decode()


def test_publishing_the_correction_makes_its_text_public(corrected, client):
    services.report_publish(
        report=corrected.report, actor=corrected.secretariat, correction_note="Reworded."
    )
    assert found(client, CORRECTION_WORD) == everywhere(1)
    assert found(client, ADDED_WORD) == everywhere(1)
    assert found(client, PUBLISHED_WORD) == everywhere(0)
    assert found(client, CORRECTION_PARAGRAPH_WORD) == everywhere(0, paragraphs=1)
    assert found(client, PUBLISHED_PARAGRAPH_WORD) == everywhere(0)
    assert set(matching(client, {"strength": "urges"}).values()) == {1}
    assert set(matching(client, {"addressee": str(corrected.ministry.pk)}).values()) == {1}
    assert set(matching(client, {"addressee": str(corrected.government.pk)}).values()) == {0}
    rows = _download(client, "json")
    reworded = next(row for row in rows if row["id"] == corrected.recommendation.pk)
    assert reworded["text_en"] == (
        f"The expert group urges the authorities to fund {CORRECTION_WORD} shelters in every "
        "region."
    )
    assert (reworded["themes"], reworded["sdg_target"]) == ("partnership", "16.2")
    assert reworded["addressees"] == "Labour Ministry of Azerbaijan"


def test_a_reiteration_the_correction_adds_stays_out_of_the_history(corrected, client):
    secretariat = corrected.secretariat
    follow_up = services.report_create(
        evaluation=corrected.report.evaluation,
        title_en="Follow-up report on Azerbaijan",
        kind="follow_up",
        actor=secretariat,
    )
    chapter = services.chapter_create(
        report=follow_up, number="1", title_en="Follow-up", actor=secretariat
    )
    paragraph = services.paragraph_insert(
        chapter=chapter, text_en="<p>Shelters were opened.</p>", actor=secretariat
    )
    later = recommendation_services.recommendation_create(
        paragraph=paragraph, strength="urges", text_en="Keep the shelters open.", actor=secretariat
    )
    services.report_publish(report=follow_up, actor=secretariat)
    services.report_correction_open(report=follow_up, note="Link it.", actor=secretariat)
    recommendation_services.recommendation_update(
        recommendation=Recommendation.objects.get(pk=later.pk),
        actor=secretariat,
        reiterates=corrected.recommendation,
    )

    def history(recommendation):
        cache.clear()
        return client.get(f"/api/v1/recommendations/{recommendation.pk}/history").json()

    assert history(corrected.recommendation)["reiterated_by"] == []
    assert history(later)["reiterates"] == []
    assert history(later)["recommendation"]["reiterates_id"] is None

    services.report_publish(report=follow_up, actor=secretariat, correction_note="Linked.")
    assert [r["id"] for r in history(corrected.recommendation)["reiterated_by"]] == [later.pk]
    assert [r["id"] for r in history(later)["reiterates"]] == [corrected.recommendation.pk]


def test_an_edit_through_an_instance_read_before_publication_loses_nothing(corrected):
    """The editor may hold an instance read before the correction was published; saving an
    edit through it writes only the edited fields, not its stale publication columns."""
    stale = Recommendation.objects.get(pk=corrected.added.pk)  # not yet public
    services.report_publish(
        report=corrected.report, correction_note="Rewording.", actor=corrected.secretariat
    )
    services.report_correction_open(
        report=corrected.report, note="A second rewording.", actor=corrected.secretariat
    )
    recommendation_services.recommendation_update(
        recommendation=stale, actor=corrected.secretariat, text_en="Train labour inspectors."
    )
    stored = Recommendation.objects.get(pk=corrected.added.pk)
    assert stored.text_en == f"{INVITES} train labour inspectors."
    assert stored.public_since is not None
    assert stored.published_text_en == f"{INVITES} train {ADDED_WORD} inspectors."
    assert stored.published_strength == "invites"
