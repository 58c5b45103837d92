"""Every question type's validation, through the one parser the portal and imports share."""

import ast
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.http import QueryDict

from questionnaires import types as question_types
from questionnaires.types import config_errors, parse


def question(kind, config=None, pk=7):
    return SimpleNamespace(pk=pk, question_type=kind, config=config or {})


def data(**fields):
    query = QueryDict(mutable=True)
    for key, value in fields.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    return query


TABLE = {
    "year_range": [2022, 2023],
    "columns": [
        {"key": "f", "en": "Women"},
        {"key": "m", "en": "Men"},
        {"key": "t", "en": "Total"},
    ],
    "total_column": "t",
}


def test_short_text_is_limited():
    assert parse(question("short_text"), data(q7="  hello ")).value == {"text": "hello"}
    result = parse(question("short_text"), data(q7="x" * 501))
    assert "under 500 characters" in result.errors[""]


def test_yes_no():
    assert parse(question("yes_no"), data(**{"q7-choice": "yes", "q7-explanation": "Law"})).ok
    assert not parse(question("yes_no"), data(**{"q7-choice": "maybe"})).ok
    assert not question_types.is_answered(question("yes_no"), {"choice": ""})


def test_choices_accept_only_configured_keys():
    config = {"choices": [{"key": "a", "en": "A"}, {"key": "b", "en": "B"}]}
    assert parse(question("single_choice", config), data(q7="a")).value == {"choice": "a"}
    assert not parse(question("single_choice", config), data(q7="z")).ok
    many = parse(question("multiple_choice", config), data(q7=["b", "a"]))
    assert many.value == {"choices": ["a", "b"]}
    assert not parse(question("multiple_choice", config), data(q7=["a", "evil"])).ok


@pytest.mark.parametrize(
    ("raw", "expected", "error"),
    [
        ("12", "12", None),
        ("12,5", "12.5", None),
        ("1 200", "1200", None),
        ("", None, None),
        ("twelve", None, "Enter a number"),
        ("1e999999", None, None),
        ("NaN", None, "Enter a number"),
    ],
)
def test_number_parsing(raw, expected, error):
    result = parse(question("number"), data(q7=raw))
    if error:
        assert error in result.errors[""]
    elif raw == "1e999999":
        assert result.ok or result.errors  # a huge exponent never raises
    else:
        assert result.value == {"number": expected}


def test_number_bounds_and_integer():
    config = {"min": 0, "max": 100, "integer": True}
    assert "at least 0" in parse(question("number", config), data(q7="-1")).errors[""]
    assert "at most 100" in parse(question("number", config), data(q7="101")).errors[""]
    assert "whole number" in parse(question("number", config), data(q7="2.5")).errors[""]


def test_date_formats():
    assert parse(question("date"), data(q7="2024-03-01")).value == {"date": "2024-03-01"}
    assert parse(question("date"), data(q7="01.03.2024")).value == {"date": "2024-03-01"}
    assert "DD.MM.YYYY" in parse(question("date"), data(q7="31/31/2024")).errors[""]
    assert not parse(question("date"), data(q7="01.01.1066")).ok


def test_table_accepts_whole_counts_and_matching_totals():
    fields = {"q7-2022-f": "3", "q7-2022-m": "2", "q7-2022-t": "5", "q7-2023-f": "1"}
    result = parse(question("table", TABLE), data(**fields))
    assert result.ok
    assert result.value == {"cells": {"2022:f": 3, "2022:m": 2, "2022:t": 5, "2023:f": 1}}


@pytest.mark.parametrize(
    ("cell", "raw", "message"),
    [
        ("q7-2022-f", "-3", "cannot be negative"),
        ("q7-2022-f", "2.5", "without decimals"),
        ("q7-2022-f", "many", "Enter a number"),
        # the shared count rule (types.values.parse_count, also the statistics import's):
        ("q7-2022-f", "+5", "Enter a number"),
        ("q7-2022-f", "2.", "without decimals"),
        ("q7-2022-f", "1 000 000 000 000", "too large"),
    ],
)
def test_table_cell_errors_name_the_cell(cell, raw, message):
    result = parse(question("table", TABLE), data(**{cell: raw}))
    assert message in result.errors[cell]


def test_table_cells_take_thousands_up_to_the_largest_count():
    result = parse(
        question("table", TABLE),
        data(**{"q7-2022-f": "1 204", "q7-2023-f": "999\u00a0999 999 999"}),
    )
    assert result.ok
    assert result.value == {"cells": {"2022:f": 1204, "2023:f": 999_999_999_999}}


def test_table_total_must_match_its_parts():
    result = parse(
        question("table", TABLE), data(**{"q7-2022-f": "3", "q7-2022-m": "2", "q7-2022-t": "6"})
    )
    assert "does not match the sum of its parts (5)" in result.errors["q7-2022-t"]
    partial = parse(question("table", TABLE), data(**{"q7-2022-f": "9", "q7-2022-t": "4"}))
    assert "smaller than its parts" in partial.errors["q7-2022-t"]


def test_table_config_is_checked():
    assert config_errors("table", {"year_range": [2024, 2020], "columns": [{"key": "a"}]})
    assert config_errors("table", {"rows": [{"key": "r"}]}) == ["A table needs columns."]
    assert config_errors("table", {**TABLE, "total_column": "nope"})
    assert config_errors("table", TABLE) == []


def test_repeating_group_rows_and_cell_types():
    config = {
        "columns": [
            {"key": "title", "required": True},
            {"key": "date", "type": "date"},
            {"key": "link", "type": "url"},
        ]
    }
    ok = parse(
        question("repeating", config),
        data(
            **{
                "q7-0-title": "Law",
                "q7-0-date": "05.06.2024",
                "q7-0-link": "https://example.org",
                "q7-1-title": "",
                "q7-1-date": "",
                "q7-1-link": "",
            }
        ),
    )
    assert ok.value == {
        "rows": [{"title": "Law", "date": "2024-06-05", "link": "https://example.org"}]
    }
    bad = parse(
        question("repeating", config),
        data(**{"q7-0-date": "soon", "q7-0-link": "javascript:alert(1)"}),
    )
    assert set(bad.errors) == {"q7-0-title", "q7-0-date", "q7-0-link"}


def test_every_type_has_a_parser_and_a_text_form():
    for kind in question_types.TYPES:
        q = question(
            kind, {"choices": [{"key": "a"}, {"key": "b"}], **TABLE, "columns": TABLE["columns"]}
        )
        assert isinstance(question_types.as_text(q, {}), str)


def test_no_module_of_questionnaires_imports_indicators():
    """indicators imports questionnaires, never the reverse: the table's binding check is
    registered by indicators (types.register_config_check), not imported here."""
    import questionnaires

    upward = []
    for path in Path(questionnaires.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and node.level == 0
                else []
            )
            upward += [f"{path}: {name}" for name in names if name.split(".")[0] == "indicators"]
    assert upward == []


def test_indicators_registers_its_binding_check():
    from indicators.binding import binding_errors
    from questionnaires.types.table import CONFIG_CHECKS

    assert binding_errors in CONFIG_CHECKS
