"""The answering portal on a large questionnaire: 300 questions with 20 statistics tables, and a
round of 46 countries plus 200 NGO responses.

Reports the section page's query count (must not grow with the number of questions) and the
median autosave request time.
"""

import statistics
import time
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.content.questionnaires import VICTIM_COLUMNS
from evaluation_rounds.models import CountryEvaluation, EvaluationRound
from monitoring.models import Country, Organisation
from questionnaires.models import Question, Questionnaire, Response, Section

pytestmark = [pytest.mark.bench, pytest.mark.django_db]
FAR_FUTURE = date(2030, 1, 1)


def big_questionnaire(round_: EvaluationRound) -> Questionnaire:
    questionnaire = Questionnaire.objects.create(
        round=round_, audience="government", version=5, title_en="Big", title_ru="Большой"
    )
    sections = Section.objects.bulk_create(
        Section(
            questionnaire=questionnaire,
            number=str(n),
            title_en=f"S{n}",
            title_ru=f"Р{n}",
            theme="general",
            sort_order=n,
        )
        for n in range(10)
    )
    Question.objects.bulk_create(
        Question(
            section=sections[n % 10],
            code=f"{n % 10}.{n}",
            question_type="table" if n % 15 == 0 else "long_text",
            config={"year_range": [2021, 2024], "columns": VICTIM_COLUMNS, "total_column": "total"}
            if n % 15 == 0
            else {},
            text_en=f"Question {n}",
            text_ru=f"Вопрос {n}",
            required=n % 2 == 0,
            sort_order=n,
        )
        for n in range(300)
    )
    return questionnaire


def test_portal_with_a_big_round(demo_data, client, user_named, report):
    round_one = EvaluationRound.objects.get(number=1)
    questionnaire = big_questionnaire(round_one)
    countries = Country.objects.bulk_create(
        Country(
            iso_code=f"{chr(65 + n // 26)}{chr(65 + n % 26)}",
            name_en=f"Country {n}",
            name_ru=f"Страна {n}",
        )
        for n in range(300, 341)
    )
    evaluations = CountryEvaluation.objects.bulk_create(
        CountryEvaluation(round=round_one, country=c) for c in countries
    )
    governments = Organisation.objects.bulk_create(
        Organisation(
            kind="government",
            country=c,
            name_en=f"Government {c.iso_code}",
            name_ru=f"Правительство {c.iso_code}",
            is_national_government=True,
        )
        for c in countries
    )
    ngos = Organisation.objects.bulk_create(
        Organisation(
            kind="ngo",
            country=countries[n % len(countries)],
            name_en=f"NGO {n}",
            name_ru=f"НПО {n}",
        )
        for n in range(200)
    )
    by_country = {e.country_id: e for e in evaluations}
    Response.objects.bulk_create(
        [
            Response(
                questionnaire=questionnaire,
                evaluation=by_country[g.country_id],
                organisation=g,
                due_on=FAR_FUTURE,
            )
            for g in governments
        ]
        + [
            Response(
                questionnaire=questionnaire,
                evaluation=by_country[o.country_id],
                organisation=o,
                due_on=FAR_FUTURE,
            )
            for o in ngos
        ]
    )
    kg = CountryEvaluation.objects.get(round=round_one, country__iso_code="KG")
    response = Response.objects.create(
        questionnaire=questionnaire,
        evaluation=kg,
        organisation=Organisation.objects.get(country__iso_code="KG", is_national_government=True),
        due_on=FAR_FUTURE,
    )
    client.force_login(user_named("kg-contact"))
    small_section = Section.objects.create(
        questionnaire=questionnaire,
        number="S",
        title_en="Small",
        title_ru="Малый",
        theme="general",
        sort_order=99,
    )
    Question.objects.bulk_create(
        Question(
            section=small_section,
            code=f"S.{n}",
            question_type="long_text",
            text_en="q",
            text_ru="в",
            sort_order=n,
        )
        for n in range(3)
    )
    big_section = questionnaire.sections.get(number="0")

    def section_queries(section):
        url = reverse("portal:section", args=[response.pk, section.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small_queries, big_queries = section_queries(small_section), section_queries(big_section)
    overview_url = reverse("portal:response", args=[response.pk])
    start = time.perf_counter()
    for _ in range(5):
        client.get(overview_url)
    overview_ms = (time.perf_counter() - start) * 200

    question = Question.objects.filter(section=big_section, question_type="long_text").first()
    url = reverse("portal:autosave", args=[response.pk, question.pk])
    timings, version = [], 0
    for n in range(60):
        started = time.perf_counter()
        result = client.post(url, {"version": str(version), f"q{question.pk}": f"Text {n}"})
        timings.append((time.perf_counter() - started) * 1000)
        assert result.status_code == 200
        version = result.json()["version"]
    report.append(
        {
            "bench": "questionnaires",
            "questions": Question.objects.filter(section__questionnaire=questionnaire).count(),
            "responses_in_round": Response.objects.filter(questionnaire=questionnaire).count(),
            "section_queries_3_questions": small_queries,
            "section_queries_30_questions_2_tables": big_queries,
            "response_overview_mean_ms": round(overview_ms, 1),
            "autosave_median_ms": round(statistics.median(timings), 2),
            "autosave_p95_ms": round(sorted(timings)[int(len(timings) * 0.95)], 2),
            "database": connection.vendor,
        }
    )
    assert big_queries == small_queries


def test_round_export_and_workbook_import(demo_data, user_named, report):
    """Export a round of 246 responses x 303 questions to XLSX; validate and import a full
    workbook of the 303-question questionnaire."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    from questionnaires import exports
    from questionnaires.models import Answer
    from questionnaires.offline import apply, build

    round_one = EvaluationRound.objects.get(number=1)
    questionnaire = big_questionnaire(round_one)
    countries = Country.objects.bulk_create(
        Country(
            iso_code=f"{chr(65 + n // 26)}{chr(65 + n % 26)}",
            name_en=f"Country {n}",
            name_ru=f"Страна {n}",
        )
        for n in range(300, 341)
    )
    evaluations = CountryEvaluation.objects.bulk_create(
        CountryEvaluation(round=round_one, country=c) for c in countries
    )
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                kind="government",
                country=c,
                name_en=f"Government {c.iso_code}",
                name_ru=f"Правительство {c.iso_code}",
                is_national_government=True,
            )
            for c in countries
        ]
        + [
            Organisation(
                kind="ngo", country=countries[n % 41], name_en=f"NGO {n}", name_ru=f"НПО {n}"
            )
            for n in range(200)
        ]
    )
    by_country = {e.country_id: e for e in evaluations}
    responses = Response.objects.bulk_create(
        Response(
            questionnaire=questionnaire,
            evaluation=by_country[o.country_id],
            organisation=o,
            due_on=FAR_FUTURE,
        )
        for o in organisations
    )
    questions = list(Question.objects.filter(section__questionnaire=questionnaire))
    Answer.objects.bulk_create(
        Answer(
            response=r,
            question=q,
            version=1,
            is_answered=True,
            value={"text": f"Answer of {r.pk} to {q.code}"}
            if q.question_type != "table"
            else {"cells": {"2021:women": 3, "2021:men": 2, "2021:total": 5}},
        )
        for r in responses
        for q in questions
    )
    secretariat = user_named("secretariat")
    started = time.perf_counter()
    workbook = exports.round_xlsx(user=secretariat, round_=round_one)
    export_seconds = time.perf_counter() - started

    kg = CountryEvaluation.objects.get(round=round_one, country__iso_code="KG")
    response = Response.objects.create(
        questionnaire=questionnaire,
        evaluation=kg,
        due_on=FAR_FUTURE,
        organisation=Organisation.objects.get(country__iso_code="KG", is_national_government=True),
    )
    contact = user_named("kg-contact")
    started = time.perf_counter()
    downloaded = build.workbook_build(response=response, user=contact)
    build_seconds = time.perf_counter() - started
    book = load_workbook(BytesIO(downloaded))
    filled = 0
    for sheet in book.worksheets[1:]:
        for row in sheet.iter_rows(min_col=1, max_col=1):
            cell = row[0]
            if isinstance(cell.value, str) and "." in cell.value and cell.value[0].isdigit():
                question = next((q for q in questions if q.code == cell.value), None)
                if question and question.question_type == "long_text":
                    sheet.cell(row=cell.row + 1, column=2, value=f"Offline {cell.value}")
                    filled += 1
    buffer = BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("kg.xlsx", buffer.getvalue())
    started = time.perf_counter()
    result = apply.workbook_import(response=response, uploaded_file=upload, actor=contact)
    import_seconds = time.perf_counter() - started
    report.append(
        {
            "bench": "questionnaire_exports",
            "round_answers": Answer.objects.filter(response__questionnaire=questionnaire).count(),
            "round_xlsx_seconds": round(export_seconds, 2),
            "round_xlsx_mb": round(len(workbook) / 1048576, 2),
            "workbook_build_seconds": round(build_seconds, 2),
            "workbook_import_seconds": round(import_seconds, 2),
            "workbook_cells_filled": filled,
            "import_errors": len(result.errors),
            "database": connection.vendor,
        }
    )
    assert len(workbook) > 100_000
