"""Exports and the reading room: staff only, through monitoring.access, confidential NGO answers
for the expert group alone, and a comparison whose cost does not grow with the countries."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from evaluation_rounds.models import CountryEvaluation, EvaluationRound
from monitoring.models import Organisation
from questionnaires import exports, services
from questionnaires.models import Answer, Response

MARKER = "Police in Osh returned two victims to their employer."


@pytest.fixture
def round_one(demo_data):
    return EvaluationRound.objects.get(number=1)


@pytest.fixture
def confidential_answer(kg_ngo_response, question_in, user_named):
    question = question_in(kg_ngo_response, "2.2")
    stored = Answer.objects.get(response=kg_ngo_response, question=question)
    result = services.answer_save(
        response=kg_ngo_response,
        question=question,
        data={f"q{question.pk}": MARKER},
        actor=user_named("ngo-kg"),
        expected_version=stored.version,
    )
    assert result.saved and result.answer.is_confidential
    return result.answer


def export_urls(round_one, kg_ngo_response, question) -> list[str]:
    return [
        reverse("questionnaire_reading:index"),
        reverse("questionnaire_reading:response", args=[kg_ngo_response.pk]),
        reverse("questionnaire_reading:response_xlsx", args=[kg_ngo_response.pk]),
        reverse("questionnaire_reading:response_csv", args=[kg_ngo_response.pk]),
        reverse("questionnaire_reading:response_pdf", args=[kg_ngo_response.pk]),
        reverse("questionnaire_reading:round_xlsx", args=[round_one.pk]),
        reverse("questionnaire_reading:round_statistics", args=[round_one.pk]),
        reverse("questionnaire_reading:compare", args=[question.pk]),
        reverse("questionnaire_reading:statistics", args=[question.pk]),
    ]


def read_csv(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


# --- tidy statistics ----------------------------------------------------------------------


def test_tidy_statistics_csv(login_as, round_one, kg_government_response, question_in):
    page = login_as("expert-kg").get(
        reverse("questionnaire_reading:round_statistics", args=[round_one.pk])
    )
    assert page.status_code == 200 and page["Content-Type"].startswith("text/csv")
    rows = read_csv(page.content)
    assert list(rows[0]) == ["country", "organisation", "year", "indicator", "breakdown", "value"]
    stored = Answer.objects.get(
        response=kg_government_response, question=question_in(kg_government_response, "3.3")
    )
    (row,) = [
        r
        for r in rows
        if (r["country"], r["indicator"], r["year"], r["breakdown"])
        == ("KG", "3.3", "2022", "girls")
    ]
    assert int(row["value"]) == stored.value["cells"]["2022:girls"]
    assert row["organisation"] == kg_government_response.organisation.name_en
    kg_figures = [r for r in rows if r["country"] == "KG" and r["indicator"] == "3.3"]
    assert len(kg_figures) == len(stored.value["cells"])
    assert {r["country"] for r in rows} == {"KG", "KZ"}


# --- the round workbook -------------------------------------------------------------------


def test_round_workbook_has_one_sheet_per_question_type(login_as, round_one, confidential_answer):
    page = login_as("expert-tm").get(  # expert-kg, a national of KG, stands aside
        reverse("questionnaire_reading:round_xlsx", args=[round_one.pk])
    )
    assert page.status_code == 200
    workbook = load_workbook(io.BytesIO(page.content))
    assert set(workbook.sheetnames) == {
        "Short text",
        "Long text",
        "Yes-no with explanation",
        "Single choice",
        "Multiple choice",
        "Number with unit",
        "Date",
        "File upload",
        "Statistics table",
        "Repeating group",
    }
    tables = list(workbook["Statistics table"].iter_rows(values_only=True))
    assert tables[0] == (
        "country",
        "organisation",
        "year",
        "indicator",
        "question",
        "breakdown",
        "value",
    )
    assert {row[0] for row in tables[1:]} == {"KG", "KZ"}
    long_text = list(workbook["Long text"].iter_rows(values_only=True))
    assert any(MARKER in (row[7] or "") and row[8] is True for row in long_text)
    # one row per (country, organisation, question), answered or not
    keys = [(row[0], row[1], row[4]) for row in long_text[1:]]
    assert len(keys) == len(set(keys))


# --- confidentiality ---------------------------------------------------------------------------


def test_confidential_ngo_answer_reaches_the_experts_exports(
    login_as, kg_ngo_response, confidential_answer
):
    client = login_as("expert-tm")  # not a national of KG
    csv_page = client.get(reverse("questionnaire_reading:response_csv", args=[kg_ngo_response.pk]))
    (row,) = [r for r in read_csv(csv_page.content) if r["Code"] == "2.2"]
    assert row["Answer"] == MARKER and row["Confidential"] == "yes"
    xlsx_page = client.get(
        reverse("questionnaire_reading:response_xlsx", args=[kg_ngo_response.pk])
    )
    answers = load_workbook(io.BytesIO(xlsx_page.content))["Answers"]
    assert any(MARKER in str(cell.value) for row in answers.iter_rows() for cell in row)
    read_page = client.get(reverse("questionnaire_reading:response", args=[kg_ngo_response.pk]))
    html = read_page.content.decode()
    assert MARKER in html and "Confidential answer: expert group only" in html


@pytest.mark.parametrize("username", ["kg-contact", "kg-official", "ngo-kg", "kz-contact"])
def test_respondents_cannot_reach_any_export(
    login_as,
    user_named,
    round_one,
    kg_ngo_response,
    kg_government_response,
    question_in,
    confidential_answer,
    username,
):
    """The admin turns them away (to its login page); the export functions refuse them too."""
    client = login_as(username)
    question = question_in(kg_ngo_response, "2.2")
    table = question_in(kg_government_response, "3.3")
    for url in [
        *export_urls(round_one, kg_ngo_response, table),
        reverse("questionnaire_reading:compare", args=[question.pk]),
    ]:
        page = client.get(url)
        assert page.status_code == 302 and page["Location"].startswith("/admin/login/"), url
        assert MARKER.encode() not in page.content
    user = user_named(username)
    for export in (
        lambda: exports.round_xlsx(user=user, round_=round_one),
        lambda: exports.statistics_csv(user=user, round_=round_one),
        lambda: exports.response_csv(user=user, response=kg_ngo_response),
        lambda: exports.response_xlsx(user=user, response=kg_ngo_response),
        lambda: exports.response_pdf(user=user, response=kg_ngo_response),
    ):
        with pytest.raises(PermissionDenied):
            export()


def test_csv_export_neutralises_formulas(login_as, kg_government_response, question_in, user_named):
    question = question_in(kg_government_response, "1.6")
    services.answer_save(
        response=kg_government_response,
        question=question,
        data={f"q{question.pk}": '=HYPERLINK("http://evil.example","x")'},
        actor=user_named("kg-contact"),
        expected_version=None,
    )
    client = login_as("secretariat")
    page = client.get(
        reverse("questionnaire_reading:response_csv", args=[kg_government_response.pk])
    )
    (row,) = [r for r in read_csv(page.content) if r["Code"] == "1.6"]
    assert row["Answer"].startswith("'=")
    xlsx = client.get(
        reverse("questionnaire_reading:response_xlsx", args=[kg_government_response.pk])
    )
    sheet = load_workbook(io.BytesIO(xlsx.content))["Answers"]
    cells = [c for r in sheet.iter_rows() for c in r if str(c.value).startswith("=HYPERLINK")]
    assert cells and all(c.data_type == "s" for c in cells)


# --- reading and comparing --------------------------------------------------------------------


def test_statistics_view_draws_the_chart_from_the_table(
    login_as, kg_government_response, kz_government_response, question_in
):
    question = question_in(kg_government_response, "3.3")
    page = login_as("expert-kz").get(
        reverse("questionnaire_reading:statistics", args=[question.pk])
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert f'<title id="chart-{question.pk}-title">' in html and "<desc" in html
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]
    table = page.context["table"]
    assert [s.key for s in table.series] == ["KZ", "KG"] or [s.key for s in table.series] == [
        "KG",
        "KZ",
    ]
    kg = Answer.objects.get(response=kg_government_response, question=question).value["cells"]
    column = [s.key for s in table.series].index("KG")
    assert [row.values[column] for row in table.rows] == [
        kg[f"{year}:total"] for year in range(2021, 2025)
    ]
    for row in table.rows:  # every figure of the table is a bar (or a titled dash) in the chart
        for series, value in zip(table.series, row.values, strict=True):
            assert f"<title>{series.label}, {row.label}: {value}</title>" in html


def _add_country_response(round_one, iso: str, template: Response) -> Response:
    evaluation = CountryEvaluation.objects.get(round=round_one, country__iso_code=iso)
    response = Response.objects.create(
        questionnaire=template.questionnaire,
        evaluation=evaluation,
        organisation=Organisation.objects.get(country__iso_code=iso, is_national_government=True),
        due_on=timezone.localdate() + timedelta(days=30),
        status=Response.Status.IN_PROGRESS,
    )
    Answer.objects.bulk_create(
        Answer(
            response=response,
            question=answer.question,
            value=answer.value,
            version=1,
            is_answered=answer.is_answered,
        )
        for answer in template.answers.all()
    )
    return response


def test_comparison_query_count_is_constant_in_the_number_of_countries(
    login_as,
    round_one,
    kg_government_response,
    kz_government_response,
    question_in,
    django_assert_max_num_queries,
):
    client = login_as("expert-kg")
    urls = [
        reverse(name, args=[question_in(kg_government_response, code).pk])
        for name, code in (
            ("questionnaire_reading:compare", "3.3"),
            ("questionnaire_reading:compare", "1.5"),
            ("questionnaire_reading:statistics", "3.3"),
        )
    ]
    client.get(urls[0])  # warm the caches that are per process, not per request
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as two_countries:
            page = client.get(url)
        assert page.status_code == 200
        counts.append(len(two_countries.captured_queries))
    assert len(page.context["table"].series) == 2

    for iso in ("TJ", "TM", "UZ"):
        _add_country_response(round_one, iso, kz_government_response)

    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            page = client.get(url)
        assert page.status_code == 200
    compare = client.get(urls[0])
    assert len(compare.context["columns"]) == 5
    assert len(page.context["table"].series) == 5


def test_comparison_shows_each_country_side_by_side(
    login_as, kg_government_response, kz_government_response, question_in
):
    question = question_in(kg_government_response, "1.1")
    page = login_as("secretariat").get(reverse("questionnaire_reading:compare", args=[question.pk]))
    columns = page.context["columns"]
    assert [c.response.evaluation.country.iso_code for c in columns] == ["KZ", "KG"]
    html = page.content.decode()
    assert "Kazakhstan" in html and "Kyrgyzstan" in html and "Fictional demo answer" in html


def test_reading_menu_item_for_staff(login_as):
    page = login_as("expert-kg").get(reverse("wagtailadmin_home"))
    assert reverse("questionnaire_reading:index") in page.content.decode()
