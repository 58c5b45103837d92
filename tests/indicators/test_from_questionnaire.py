"""A statistics-table question bound to an indicator lands as observations of the response."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from demo.seed.questionnaires import answer_all
from evaluation_rounds.models import EvaluationRound
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


def test_a_confidential_answer_or_response_gives_no_observation(bound_answer):
    """Observations can be published; a confidential table must never reach them."""
    Response.objects.filter(pk=bound_answer.pk).update(status=Response.Status.SUBMITTED)
    Observation.objects.filter(country=bound_answer.evaluation.country).delete()
    Answer.objects.filter(response=bound_answer).update(is_confidential=True)
    bound_answer.refresh_from_db()
    observations_from_response(response=bound_answer)
    assert not Observation.objects.filter(response=bound_answer).exists()
    Answer.objects.filter(response=bound_answer).update(is_confidential=False)
    Response.objects.filter(pk=bound_answer.pk).update(is_confidential=True)
    bound_answer.refresh_from_db()
    observations_from_response(response=bound_answer)
    assert not Observation.objects.filter(response=bound_answer).exists()
    Response.objects.filter(pk=bound_answer.pk).update(is_confidential=False)
    bound_answer.refresh_from_db()
    observations_from_response(response=bound_answer)
    assert Observation.objects.filter(response=bound_answer).count() == 6


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


# --- On submission, through the portal ---------------------------------------------------------


@pytest.fixture
def kg_ready_to_submit(demo_data, user_named):
    """Kyrgyzstan's government reply with every question answered and one table bound to
    victims identified (Kyrgyzstan's demo figures of it removed)."""
    response = Response.objects.get(
        organisation__is_national_government=True, evaluation__country__iso_code="KG"
    )
    question = next(
        q
        for q in Question.objects.filter(
            section__questionnaire=response.questionnaire, question_type="table"
        ).order_by("pk")
        if {c["key"] for c in q.config.get("columns", [])} >= {"women", "men", "girls", "boys"}
    )
    config = {**question.config, "year_range": [2023, 2024], **BINDING}
    config.pop("rows", None)
    Question.objects.filter(pk=question.pk).update(config=config)
    answer_all(response, user_named("kg-contact"), "KG")
    Answer.objects.update_or_create(
        response=response, question=question, defaults={"value": {"cells": CELLS}}
    )
    Observation.objects.filter(
        country__iso_code="KG", indicator__code="victims-identified"
    ).delete()
    return SimpleNamespace(response=response, question=question)


def test_submitting_lands_the_bound_table_as_observations(kg_ready_to_submit, login_as):
    response = kg_ready_to_submit.response
    answer = login_as("kg-contact").post(reverse("portal:submit", args=[response.pk]))
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    saved = Observation.objects.filter(response=response)
    assert {(o.year, o.sex, o.age_group): o.value for o in saved} == {
        (2023, "", ""): 30,
        (2023, "F", ""): 23,
        (2023, "M", ""): 7,
        (2023, "", "adult"): 25,
        (2023, "", "child"): 5,
        (2024, "", ""): 15,
    }
    assert {o.indicator.code for o in saved} == {"victims-identified"}
    assert {o.country.iso_code for o in saved} == {"KG"}


def test_a_table_that_does_not_add_up_refuses_the_submission(kg_ready_to_submit, login_as):
    response = kg_ready_to_submit.response
    Answer.objects.filter(response=response, question=kg_ready_to_submit.question).update(
        value={"cells": {**CELLS, "2023:total": 4}}  # girls and women alone are 23
    )
    before = Observation.objects.count()
    answer = login_as("kg-contact").post(reverse("portal:submit", args=[response.pk]))
    assert answer.status_code == 400
    content = answer.content.decode()
    assert "The statistics tables do not add up" in content
    assert "Row " in content  # each cell's message
    response.refresh_from_db()
    assert response.status != Response.Status.SUBMITTED
    assert Observation.objects.count() == before


def test_a_year_outside_the_rounds_reference_period_refuses_the_submission(
    kg_ready_to_submit, login_as
):
    response = kg_ready_to_submit.response
    EvaluationRound.objects.filter(pk=response.evaluation.round_id).update(
        reference_first_year=2024, reference_last_year=2024
    )
    answer = login_as("kg-contact").post(reverse("portal:submit", args=[response.pk]))
    assert answer.status_code == 400
    assert "2023 is outside the round&#x27;s reference period 2024–2024" in answer.content.decode()
    response.refresh_from_db()
    assert response.status != Response.Status.SUBMITTED
    assert not Observation.objects.filter(response=response).exists()


def test_a_reference_period_has_both_ends_in_order():
    with pytest.raises(ValidationError, match="both years"):
        EvaluationRound(number=9, reference_first_year=2020).clean()
    with pytest.raises(ValidationError, match="ends after it starts"):
        EvaluationRound(number=9, reference_first_year=2024, reference_last_year=2020).clean()
    assert EvaluationRound(reference_first_year=2020, reference_last_year=2021).reference_years == (
        range(2020, 2022)
    )


# --- The binding, checked in the builder -------------------------------------------------------


def _table(config: dict) -> Question:
    return Question(
        code="9.9",
        question_type="table",
        text_en="Victims",
        text_ru="Жертвы",
        config={
            "year_range": [2020, 2024],
            "columns": [
                {"key": "women", "en": "Women", "ru": "Женщины"},
                {"key": "total", "en": "Total", "ru": "Всего"},
            ],
            **config,
        },
    )


@pytest.mark.parametrize(
    ("binding", "message"),
    [
        ({"indicator": "no-such"}, "Unknown indicator code: no-such"),
        ({"indicator_columns": {"total": {}}}, "Name the indicator"),
        ({"indicator": "victims-identified"}, "Map at least one column"),
        (
            {"indicator": "victims-identified", "indicator_columns": {"girls": {}}},
            "no column girls",
        ),
        (
            {"indicator": "victims-identified", "indicator_columns": {"women": {"colour": "F"}}},
            "unknown breakdown colour",
        ),
        (
            {"indicator": "victims-identified", "indicator_columns": {"women": {"sex": "W"}}},
            "W is not a value of sex",
        ),
        (
            {"indicator": "hotline-calls", "indicator_columns": {"women": {"sex": "F"}}},
            "hotline-calls is not broken down by sex",
        ),
    ],
)
def test_a_binding_that_could_give_no_observation_is_refused(catalogue, binding, message):
    with pytest.raises(ValidationError, match=message):
        _table(binding).clean()


def test_a_binding_needs_years_as_rows(catalogue):
    question = _table({"indicator": "victims-identified", "indicator_columns": {"total": {}}})
    question.config.pop("year_range")
    question.config["rows"] = [{"key": "a", "en": "A", "ru": "А"}]
    with pytest.raises(ValidationError, match="years as rows"):
        question.clean()


def test_a_sound_binding_is_accepted(catalogue):
    _table(
        {
            "indicator": "victims-identified",
            "indicator_columns": {"women": {"sex": "F", "age_group": "adult"}, "total": {}},
        }
    ).clean()
