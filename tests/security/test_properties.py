"""Property-based tests (hypothesis) of the parsers of user input (issue 7 §7): the answer
parser that every answer goes through (portal form, autosave, workbook import; statistics tables
included), the tracker's query parameters and the recommendations import. Each parser either
returns a value or reports the problem its own way (an error message, a `ValidationError`);
no other exception escapes. Over HTTP: tests/security/test_properties_http.py."""

import json
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from monitoring import search
from monitoring.search import index
from questionnaires import types as question_types
from questionnaires.types import values as value_rules
from recommendations import imports, tracker
from recommendations.models import Recommendation

from .strategies import any_text, hostile_text, huge_digits, number_text, raw_query

FAST = settings(max_examples=100, deadline=None)
WITH_DATABASE = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


# --- the answer parser -------------------------------------------------------------------------

TABLE = {
    "rows": [{"key": "2023", "en": "2023"}, {"key": "2024", "en": "2024"}, {"key": "t", "en": "T"}],
    "columns": [{"key": "f", "en": "F"}, {"key": "m", "en": "M"}, {"key": "all", "en": "All"}],
    "total_row": "t",
    "total_column": "all",
}
QUESTIONS = {
    "short_text": {},
    "long_text": {},
    "yes_no": {},
    "single_choice": {"choices": [{"key": "a", "en": "A"}, {"key": "b", "en": "B"}]},
    "multiple_choice": {"choices": [{"key": "a", "en": "A"}, {"key": "b", "en": "B"}]},
    "number": {"min": 0, "max": 1000, "integer": True},
    "date": {},
    "file": {},
    "table": TABLE,
    "repeating": {
        "columns": [
            {"key": "name", "type": "text", "required": True},
            {"key": "amount", "type": "number"},
            {"key": "day", "type": "date"},
            {"key": "link", "type": "url"},
        ]
    },
}


def field_names(kind: str) -> list[str]:
    config = QUESTIONS[kind]
    if kind == "yes_no":
        return ["q7-choice", "q7-explanation"]
    if kind == "table":
        return [f"q7-{r['key']}-{c['key']}" for r in TABLE["rows"] for c in TABLE["columns"]]
    if kind == "repeating":
        return [f"q7-{i}-{c['key']}" for i in range(3) for c in config["columns"]]
    return ["q7"]


@st.composite
def question_and_data(draw):
    kind = draw(st.sampled_from(sorted(QUESTIONS)))
    question = SimpleNamespace(pk=7, question_type=kind, config=QUESTIONS[kind])
    names = field_names(kind)
    pairs = draw(st.lists(st.tuples(st.sampled_from(names) | any_text, hostile_text), max_size=12))
    data = QueryDict(mutable=True)
    for name, value in pairs:
        data.appendlist(name, value)
    if draw(st.booleans()):  # the workbook import sends a plain dict, one value per field
        data = {name: data[name] for name in data}
    return question, data


def assert_parsed(question, data):
    parsed = question_types.parse(question, data)
    assert isinstance(parsed, question_types.Parsed)
    assert all(isinstance(m, str) and m for m in parsed.errors.values()), parsed.errors
    if parsed.ok:
        # Stored in a JSONField and read back on every page that shows the answer.
        assert json.loads(json.dumps(parsed.value)) == parsed.value
        assert isinstance(question_types.as_text(question, parsed.value), str)
        assert question_types.is_answered(question, parsed.value) in (True, False)
    return parsed


@FAST
@given(question_and_data())
def test_every_answer_type_parses_anything_without_raising(case):
    assert_parsed(*case)


@FAST
@given(st.dictionaries(st.sampled_from(field_names("table")), number_text | any_text, min_size=1))
@example({"q7-2023-f": "9" * 5000})
@example({"q7-2023-f": "1" + "0" * 4299})
def test_statistics_cells_are_counts_or_errors(cells):
    question = SimpleNamespace(pk=7, question_type="table", config=TABLE)
    parsed = assert_parsed(question, cells)
    for key, number in parsed.value.get("cells", {}).items():
        assert isinstance(number, int) and 0 <= number <= value_rules.MAX_COUNT, key


@FAST
@given(number_text | any_text)
@example("9" * 5000)
def test_count_parser(raw):
    number, error = value_rules.parse_count(raw)
    assert (number is None) or (error is None)
    assert number is None or 0 <= number <= value_rules.MAX_COUNT
    assert error is None or isinstance(error, str)


@FAST
@given(number_text | any_text)
@example("9e9999999999999999999")
def test_decimal_parser(raw):
    number, error = value_rules.parse_decimal(raw)
    assert (number is None) or (error is None)
    if number is not None:
        assert number.is_finite() and abs(number) < value_rules.MAX_NUMBER
        assert not number or number.as_tuple().exponent >= -value_rules.MAX_DECIMAL_PLACES


@FAST
@given(hostile_text)
def test_date_parser(raw):
    day, error = value_rules.parse_date(raw)
    assert (day is None) or (error is None)


# --- the search query (monitoring.search) --------------------------------------------------------

search_text = hostile_text | st.lists(
    st.sampled_from(
        ['"', "-", "OR", "or", '-"', "IT-", "ё", "«»", "'", "\\", "*", ":", "^", "NEAR"]
    )
    | any_text,
    max_size=12,
).map(" ".join)


@WITH_DATABASE
@given(search_text)
@example('"unclosed -"x" OR OR -OR \'a\' NEAR(b c) col:d ^e f* "')
def test_any_search_query_parses_and_runs_on_the_database(db, text):
    query = search.parse(text)
    assert len(query.items) <= 8
    for field in ("published_text_en", "published_text_ru"):
        # Never an error from FTS5 or to_tsquery, whatever was typed.
        list(index.matching(Recommendation, field, query)[:1])


# --- the tracker's query parameters ------------------------------------------------------------

tracker_keys = st.sampled_from([*tracker.FACETS, "q", "sort", "page"]) | any_text


@FAST
@given(st.lists(st.tuples(tracker_keys, hostile_text), max_size=40) | raw_query)
@example([("sdg", "x" * 63 + " y"), ("q", "a" * 199 + " b")])
def test_tracker_parse_never_raises_and_round_trips(params):
    query = urlencode(params) if isinstance(params, list) else params
    parsed = tracker.parse(QueryDict(query))
    assert parsed.sort in tracker.SORTS
    assert len(parsed.q) <= 200
    for facet, values in parsed.selected.items():
        assert len(values) <= tracker.MAX_VALUES
        assert all(tracker._is_valid(facet, value) for value in values)
    # The links the page builds from the filter give the same filter back.
    again = tracker.parse(QueryDict(parsed.querystring()))
    assert (again.selected, again.invalid, again.q, again.sort) == (
        parsed.selected,
        parsed.invalid,
        parsed.q,
        parsed.sort,
    )


# --- the recommendations import (CSV and XLSX) -------------------------------------------------

HEADER = [name for name, _required in imports.COLUMNS]


def read(content: bytes, name: str):
    try:
        return imports.read_file(SimpleUploadedFile(name, content))
    except ValidationError as error:
        assert error.messages
        return None


@FAST
@given(st.binary(max_size=2000))
@example(b"PK\x03\x04" + b"\x00" * 100)
def test_import_reads_any_bytes_or_refuses_them(content):
    read(content, "upload.csv")


@FAST
@given(
    st.lists(st.lists(any_text | number_text, min_size=1, max_size=16), min_size=1, max_size=6),
    st.sampled_from([",", ";", "\t"]),
    st.booleans(),
)
def test_import_reads_any_table(cells, delimiter, keep_header):
    header = delimiter.join(HEADER) + "\n" if keep_header else ""
    body = "\n".join(delimiter.join(row) for row in cells)
    rows = read((header + body).encode("utf-8"), "upload.csv")
    assert rows is None or all(set(row) == {"row", *imports.KNOWN} for row in rows)


def xlsx(rows: list[list]) -> bytes:
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


xlsx_cell = st.one_of(
    any_text.map(lambda t: "".join(ch for ch in t if ch.isprintable())),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.booleans(),
    st.none(),
)
import_row = st.fixed_dictionaries(
    {
        "country_iso": st.sampled_from(["KG", "kg", "KZ", "XX", ""]) | any_text,
        "round": st.sampled_from(["1", "1.0", "2", "0"]) | number_text,
        "report_kind": st.sampled_from(["", "evaluation", "EVALUATION"]) | any_text,
        "number": st.sampled_from([""]) | number_text | huge_digits,
        "paragraph_number": st.sampled_from(["1", "2", "3.0"]) | number_text,
        "strength": st.sampled_from(["urges", "Considers", "invites"]) | any_text,
        "text_en": any_text,
        "text_ru": any_text,
        "themes": st.sampled_from(["", "protection; prevention"]) | any_text,
        "convention_articles": any_text,
        "addressees": any_text,
        "sdg_target": st.sampled_from(["", "8.7", "16.2"]) | any_text,
        "status": st.sampled_from(["", "implemented", "not_assessed"]) | any_text,
        "status_assessed_on": st.sampled_from(["", "2025-01-31"]) | hostile_text,
        "status_reasoning": any_text,
    }
)


@WITH_DATABASE
@given(st.lists(st.lists(xlsx_cell, max_size=15), min_size=1, max_size=4))
def test_import_reads_any_workbook(db, cells):
    rows = read(xlsx(cells), "upload.xlsx")
    if rows:
        imports.plan_import(rows)  # reports problems in the plan, never raises


@pytest.fixture
def secretariat(demo_data):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="secretariat")


@WITH_DATABASE
@given(st.lists(import_row, min_size=1, max_size=3))
@example(
    [
        {
            **dict.fromkeys(HEADER, ""),
            "country_iso": "KG",
            "round": "1",
            "number": "9" * 30,
            "paragraph_number": "2",
            "strength": "urges",
            "text_en": "x",
        }
    ]
)
@example([{**dict.fromkeys(HEADER, ""), "country_iso": "\x00"}])  # PostgreSQL refused NUL
def test_import_plans_and_imports_any_rows_or_says_why_not(secretariat, rows):
    rows = [{"row": index + 2, **row} for index, row in enumerate(rows)]
    plan = imports.plan_import(rows)
    assert all(str(error) for error in plan.errors)
    try:
        created = imports.import_recommendations(rows=rows, actor=secretariat, source="test")
    except ValidationError as error:
        assert plan.errors and error.messages
    else:
        assert not plan.errors and len(created) == len(rows)
