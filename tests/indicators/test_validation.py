"""Every validation rule of a statistics table, each with its per-cell message, and the
all-or-nothing save."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from indicators.models import Observation
from indicators.services import (
    TableInvalid,
    observation_mark,
    observations_save,
    observations_validate,
)
from questionnaires.types import parse as answer_parse
from questionnaires.types.values import MAX_COUNT, parse_count

pytestmark = pytest.mark.usefixtures("catalogue")

VI = "victims-identified"


@pytest.fixture(autouse=True)
def english():
    """The messages are asserted in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


def errors(check):
    return [(e.row, e.column, e.message) for e in check.errors]


def test_a_consistent_table_is_valid_and_saved(country):
    rows = [
        {"indicator": VI, "year": 2023, "value": 27},
        {"indicator": VI, "year": 2023, "sex": "F", "value": "24"},
        {"indicator": VI, "year": 2023, "sex": "M", "value": 3},
        {"indicator": VI, "year": 2023, "age_group": "child", "value": 5},
    ]
    check = observations_save(country=country, rows=rows)
    assert check.is_valid and not check.warnings
    assert Observation.objects.filter(country=country).count() == 4


def test_a_breakdown_larger_than_its_total(country):
    check = observations_validate(
        country=country,
        rows=[
            {"indicator": VI, "year": 2023, "value": 10},
            {"indicator": VI, "year": 2023, "age_group": "child", "value": 12},
        ],
    )
    assert errors(check) == [(2, "value", "12 is larger than the total 10.")]


def test_a_breakdown_is_checked_against_the_stored_total(country):
    observations_save(country=country, rows=[{"indicator": VI, "year": 2022, "value": 10}])
    check = observations_validate(
        country=country, rows=[{"indicator": VI, "year": 2022, "age_group": "child", "value": 11}]
    )
    assert errors(check) == [(1, "value", "11 is larger than the total 10.")]


def test_the_sexes_must_add_up_to_the_total(country):
    check = observations_validate(
        country=country,
        rows=[
            {"indicator": VI, "year": 2023, "value": 20},
            {"indicator": VI, "year": 2023, "sex": "F", "value": 12},
            {"indicator": VI, "year": 2023, "sex": "M", "value": 5},
        ],
    )
    assert errors(check) == [(3, "value", "Women and men add up to 17, but the total is 20.")]


def test_one_sex_alone_need_not_add_up(country):
    check = observations_validate(
        country=country,
        rows=[
            {"indicator": VI, "year": 2023, "value": 20},
            {"indicator": VI, "year": 2023, "sex": "F", "value": 12},
        ],
    )
    assert check.is_valid


def test_a_year_in_the_future(country):
    next_year = datetime.date.today().year + 1
    check = observations_validate(
        country=country, rows=[{"indicator": VI, "year": next_year, "value": 1}]
    )
    assert errors(check) == [(1, "year", f"{next_year} is in the future.")]


def test_a_year_before_the_first_kept_is_a_cell_error(country):
    check = observations_validate(
        country=country, rows=[{"indicator": VI, "year": 1985, "value": 1}]
    )
    assert errors(check) == [
        (1, "year", "1985 is before 1990, the first year figures are kept for.")
    ]


def test_a_year_outside_the_reference_period(country):
    check = observations_validate(
        country=country,
        rows=[{"indicator": VI, "year": 2015, "value": 1}],
        reference_years=range(2019, 2024),
    )
    assert errors(check) == [(1, "year", "2015 is outside the round's reference period 2019–2023.")]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (-3, "-3 is negative; counts cannot be negative."),
        ("-3", "-3 is negative; counts cannot be negative."),
        ("2.5", "2.5 is not a whole number; counts are whole numbers."),
        ("2,5", "2,5 is not a whole number; counts are whole numbers."),
        (2.5, "2.5 is not a whole number; counts are whole numbers."),
        ("many", "“many” is not a number."),
        ("", "The value is empty."),
        (True, "“True” is not a number."),
    ],
)
def test_bad_counts_get_a_message_for_their_cell(country, raw, message):
    check = observations_validate(
        country=country, rows=[{"indicator": VI, "year": 2023, "value": raw}]
    )
    assert errors(check) == [(1, "value", message)]


def test_counts_as_typed():
    assert parse_count("1 204") == (1204, None)
    assert parse_count(7.0) == (7, None)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("+5", "“+5” is not a number."),
        ("2.", "2. is not a whole number; counts are whole numbers."),
        (10**12, "1000000000000 is too large for a count (at most 999999999999)."),
        ("1 000 000 000 000", "1000000000000 is too large for a count (at most 999999999999)."),
        (float("nan"), "“nan” is not a number."),
    ],
)
def test_the_import_refuses_what_the_shared_count_rule_refuses(country, raw, message):
    """The statistics import reads its figures with the portal's rule (types.values): a sign,
    a trailing point and anything over MAX_COUNT are refused here too."""
    check = observations_validate(
        country=country, rows=[{"indicator": VI, "year": 2023, "value": raw}]
    )
    assert errors(check) == [(1, "value", message)]


def test_the_largest_count_is_accepted_by_the_import(country):
    check = observations_validate(
        country=country,
        rows=[{"indicator": VI, "year": 2023, "value": "999\u00a0999 999 999"}],
    )
    assert errors(check) == []


TABLE = {"year_range": [2023, 2023], "columns": [{"key": "t", "en": "Total"}]}


@pytest.mark.parametrize(
    "raw",
    [
        "12",
        "1 204",
        "0",
        "999 999 999 999",
        "+5",
        "-3",
        "2.5",
        "2,5",
        "2.",
        "1e3",
        "many",
        "1 000 000 000 000",
        "9" * 5000,
    ],
)
def test_a_count_is_refused_or_accepted_alike_by_the_portal_and_the_import(country, raw):
    """One rule, two entry points: a statistics-table answer in the portal and a figure of the
    statistics import accept and refuse the same texts, and read the same number."""
    question = type("Q", (), {"pk": 7, "question_type": "table", "config": TABLE})()
    answer = answer_parse(question, {"q7-2023-t": raw})
    check = observations_validate(
        country=country, rows=[{"indicator": VI, "year": 2023, "value": raw}]
    )
    assert answer.ok == (not check.errors), (raw, answer.errors, errors(check))
    number, _problem = parse_count(raw)
    if answer.ok:
        assert answer.value["cells"]["2023:t"] == number <= MAX_COUNT


def test_an_unknown_indicator_code(country):
    check = observations_validate(
        country=country, rows=[{"indicator": "nope", "year": 2023, "value": 1}]
    )
    assert errors(check) == [(1, "indicator", "Unknown indicator code “nope”.")]


def test_a_dimension_the_indicator_does_not_have(country):
    check = observations_validate(
        country=country,
        rows=[{"indicator": "hotline-calls", "year": 2023, "sex": "F", "value": 1}],
    )
    assert errors(check) == [(1, "sex", "This indicator is not broken down by this dimension.")]


def test_an_unknown_category_and_a_duplicate_cell(country):
    check = observations_validate(
        country=country,
        rows=[
            {"indicator": VI, "year": 2023, "sex": "X", "value": 1},
            {"indicator": VI, "year": 2023, "value": 1},
            {"indicator": VI, "year": 2023, "value": 2},
        ],
    )
    assert errors(check) == [
        (1, "sex", "“X” is not a known category."),
        (3, "value", "Row 2 already gives this cell."),
    ]


def test_an_implausible_jump_is_a_warning_not_an_error(country):
    check = observations_save(
        country=country,
        rows=[
            {"indicator": VI, "year": 2022, "value": 10},
            {"indicator": VI, "year": 2023, "value": 51},
        ],
    )
    assert check.is_valid
    assert [(w.row, w.column) for w in check.warnings] == [(2, "value")]
    assert Observation.objects.count() == 2


def test_nothing_is_saved_from_an_invalid_table(country):
    rows = [
        {"indicator": VI, "year": 2023, "value": 10},
        {"indicator": "victims-assisted", "year": 2023, "value": 4},
        {"indicator": VI, "year": 2023, "age_group": "child", "value": "x"},
    ]
    with pytest.raises(TableInvalid) as refused:
        observations_save(country=country, rows=rows)
    assert [str(e) for e in refused.value.check.errors] == ["Row 3, value: “x” is not a number."]
    assert not Observation.objects.exists()


def test_experts_mark_an_observation(country, django_user_model):
    observations_save(country=country, rows=[{"indicator": VI, "year": 2023, "value": 10}])
    observation = Observation.objects.get()
    expert = django_user_model.objects.create(username="expert")
    with pytest.raises(ValidationError):
        observation_mark(observation=observation, status="questioned", user=expert)
    observation_mark(
        observation=observation, status="questioned", user=expert, query="Police said 12?"
    )
    observation.refresh_from_db()
    assert (observation.status, observation.query) == ("questioned", "Police said 12?")
    observation_mark(observation=observation, status="verified", user=expert)
    observation.refresh_from_db()
    assert (observation.status, observation.query) == ("verified", "")


def test_a_changed_value_loses_its_verification(country):
    observations_save(country=country, rows=[{"indicator": VI, "year": 2023, "value": 10}])
    Observation.objects.update(status="verified")
    observations_save(country=country, rows=[{"indicator": VI, "year": 2023, "value": 11}])
    assert Observation.objects.get().status == "unverified"


def test_saving_reads_the_stored_cells_in_a_fixed_number_of_queries(country):
    """One locked read of the stored cells, whatever the table's length (then one write each)."""

    def observation_reads(years: range) -> int:
        rows = [{"indicator": VI, "year": year, "value": 3} for year in years]
        observations_save(country=country, rows=rows)  # stored: the next save updates them
        with CaptureQueriesContext(connection) as queries:
            observations_save(country=country, rows=[{**row, "value": 4} for row in rows])
        return sum(
            1
            for query in queries.captured_queries
            if query["sql"].lstrip().upper().startswith("SELECT")
            and "indicators_observation" in query["sql"]
        )

    assert observation_reads(range(2000, 2003)) == observation_reads(range(2003, 2023))
    assert Observation.objects.filter(value=4).count() == 23
