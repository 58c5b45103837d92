"""A statistics-table question bound to an indicator lands as observations of the response."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from indicators.models import Observation
from indicators.services import TableInvalid, observations_from_response, table_binding_rows
from questionnaires.models import Answer, Question, Response

BINDING = {
    "indicator": "victims-identified",
    "indicator_columns": {
        "women": {"sex": "F", "age_group": "adult"},
        "men": {"sex": "M", "age_group": "adult"},
        "girls": {"sex": "F", "age_group": "child"},
        "boys": {"sex": "M", "age_group": "child"},
        "total": {},
    },
}
CELLS = {
    "2023:women": 20,
    "2023:men": 5,
    "2023:girls": 3,
    "2023:boys": 2,
    "2023:total": 30,
    "2024:women": 11,
    "2024:total": 15,
}


def test_columns_are_summed_per_dimension_and_incomplete_ones_left_out():
    question = SimpleNamespace(config={"year_range": [2023, 2024], **BINDING})
    rows, years = table_binding_rows(question=question, value={"cells": CELLS})
    assert years == range(2023, 2025)
    got = {(r["year"], r.get("sex", ""), r.get("age_group", "")): r["value"] for r in rows}
    assert got == {
        (2023, "", ""): 30,
        (2023, "F", ""): 23,
        (2023, "M", ""): 7,
        (2023, "", "adult"): 25,
        (2023, "", "child"): 5,
        (2024, "", ""): 15,  # 2024 gives women only: no sex or age figure can be made
    }


@pytest.fixture
def bound_answer(demo_data):
    question = next(
        q
        for q in Question.objects.filter(question_type="table").order_by("pk")
        if {c["key"] for c in q.config.get("columns", [])} >= {"women", "men", "girls", "boys"}
    )
    Question.objects.filter(pk=question.pk).update(
        config={**question.config, "year_range": [2021, 2024], **BINDING}
    )
    response = Response.objects.filter(
        questionnaire__sections__questions=question, evaluation__country__iso_code="KZ"
    ).first()
    Answer.objects.update_or_create(
        response=response, question=question, defaults={"value": {"cells": CELLS}}
    )
    return response


def test_a_submitted_response_gives_observations(bound_answer):
    Response.objects.filter(pk=bound_answer.pk).update(status=Response.Status.SUBMITTED)
    bound_answer.refresh_from_db()
    Observation.objects.filter(country=bound_answer.evaluation.country).delete()
    observations_from_response(response=bound_answer)
    saved = Observation.objects.filter(response=bound_answer)
    assert saved.count() == 6
    assert saved.get(year=2023, sex="F").value == 23


def test_a_response_in_progress_gives_nothing(bound_answer):
    Response.objects.filter(pk=bound_answer.pk).update(status=Response.Status.IN_PROGRESS)
    bound_answer.refresh_from_db()
    with pytest.raises(ValidationError):
        observations_from_response(response=bound_answer)


def test_an_inconsistent_answer_saves_nothing(bound_answer):
    Response.objects.filter(pk=bound_answer.pk).update(status=Response.Status.SUBMITTED)
    bound_answer.refresh_from_db()
    Answer.objects.filter(response=bound_answer, value__cells__has_key="2023:women").update(
        value={"cells": {**CELLS, "2023:total": 4}}
    )
    before = Observation.objects.count()
    with pytest.raises(TableInvalid):
        observations_from_response(response=bound_answer)
    assert Observation.objects.count() == before
