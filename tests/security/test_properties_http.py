"""Property-based tests (hypothesis) through the test client (issue 7 §7): whatever a visitor
or a respondent sends to the tracker, its downloads, the open-data API, autosave and the
workbook upload, the answer is never a server error. The parsers themselves:
tests/security/test_properties.py."""

import io
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from questionnaires.models import Question, Response
from questionnaires.offline import apply, build, control
from recommendations import tracker

from .strategies import any_text, hostile_text, huge_digits, number_text, raw_query

CLIENT = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SLOW = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def query(params) -> str:
    return urlencode(params) if isinstance(params, list) else params


def get(client, path, params):
    # QUERY_STRING as the server hands it to Django: no re-encoding by the test client.
    return client.get(path, QUERY_STRING=query(params))


# --- the public tracker and its downloads ------------------------------------------------------

tracker_params = st.lists(
    st.tuples(st.sampled_from([*tracker.FACETS, "q", "sort", "page"]) | any_text, hostile_text),
    max_size=20,
)


@CLIENT
@given(tracker_params | raw_query)
@example([("page", "9" * 5000)])
@example([("round", "1"), ("page", "-1"), ("sort", "\x00")])
def test_tracker_page_answers_any_query(demo_data, client, params):
    response = get(client, "/en/recommendations/", params)
    assert response.status_code == 200


@SLOW
@given(
    st.sampled_from([*tracker.DOWNLOADS, "pdf", "CSV", "", "csv%00"]), tracker_params | raw_query
)
def test_tracker_downloads_answer_any_query(demo_data, client, fmt, params):
    response = get(client, f"/en/recommendations.{fmt}", params)
    assert response.status_code == (200 if fmt in tracker.DOWNLOADS else 404)


# --- the open-data API -------------------------------------------------------------------------

API_LISTS = ["countries", "rounds", "reports", "recommendations", "statistics"]
api_keys = (
    st.sampled_from([*tracker.FACETS, "q", "sort", "kind", "limit", "offset", "format"]) | any_text
)
api_values = hostile_text | huge_digits | st.integers(min_value=-(2**70), max_value=2**70).map(str)


@CLIENT
@given(
    st.sampled_from(API_LISTS), st.lists(st.tuples(api_keys, api_values), max_size=12) | raw_query
)
@example("recommendations", [("limit", "9" * 5000)])
@example("recommendations", [("offset", str(2**64))])
@example("reports", [("round", "١")])
def test_api_lists_answer_any_parameters(demo_data, client, endpoint, params):
    response = get(client, f"/api/v1/{endpoint}", params)
    assert response.status_code in (200, 422), response.content[:500]
    assert response["Content-Type"] == "application/json; charset=utf-8"


@CLIENT
@given(
    st.sampled_from(["reports/{}", "recommendations/{}/history"]),
    any_text.filter(lambda t: t and not set(t) & set("/?#")) | number_text,
)
@example("reports/{}", "9" * 30)
@example("recommendations/{}/history", "-1")
def test_api_items_answer_any_identifier(demo_data, client, pattern, identifier):
    from urllib.parse import quote

    response = client.get("/api/v1/" + pattern.format(quote(identifier, safe="")))
    assert response.status_code in (200, 404, 422), response.content[:500]


# --- answering: autosave and the workbook ------------------------------------------------------


@pytest.fixture
def kg_contact(login_as):
    return login_as("kg-contact")


@pytest.fixture
def kg_response(demo_data):
    return Response.objects.get(
        organisation__is_national_government=True, evaluation__country__iso_code="KG"
    )


@CLIENT
@given(st.data())
def test_autosave_answers_any_fields(kg_contact, kg_response, data):
    questions = list(
        Question.objects.filter(section__questionnaire=kg_response.questionnaire).order_by("pk")
    )
    question = data.draw(st.sampled_from(questions), label="question")
    prefix = f"q{question.pk}"
    names = st.sampled_from([prefix, f"{prefix}-choice", f"{prefix}-explanation"]) | st.builds(
        lambda a, b: f"{prefix}-{a}-{b}", any_text, any_text
    )
    fields = data.draw(st.lists(st.tuples(names, hostile_text), max_size=10), label="fields")
    version = data.draw(
        st.sampled_from(["", "0", "1", "²", "９"]) | number_text | any_text, label="version"
    )
    response = kg_contact.post(
        reverse("portal:autosave", args=[kg_response.pk, question.pk]),
        urlencode([("version", version), *fields]),
        content_type="application/x-www-form-urlencoded",
    )
    # 400: a missing or malformed version is refused (an autosave must say which one it saw).
    assert response.status_code in (200, 400, 403, 409, 422, 423), response.content[:500]


workbook_value = st.one_of(
    st.integers(min_value=0, max_value=500),  # plausible answers too, so that some are saved
    st.text("abc ", min_size=1, max_size=8),
    hostile_text.map(lambda t: "".join(ch for ch in t if ch.isprintable())),
    huge_digits,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.booleans(),
    st.sampled_from(["x", "X", "yes", "No", "Да", "=1+1", "=A1", "#DIV/0!"]),
    st.none(),
)


@SLOW
@given(st.data())
def test_workbook_import_takes_any_cells(kg_contact, kg_response, data):
    user = kg_response.organisation.memberships.get(user__username="kg-contact").user
    workbook = load_workbook(io.BytesIO(build.workbook_build(response=kg_response, user=user)))
    # Each question's block starts at its code in column A; its answer cells follow from
    # column C (a table's cells to the right, a repeating group's rows below).
    anchors = [
        (sheet, row)
        for sheet in workbook.worksheets[1:]
        for row in range(1, sheet.max_row + 1)
        if sheet.cell(row, 1).value
    ]
    for _change in range(data.draw(st.integers(min_value=1, max_value=8), label="changes")):
        sheet, anchor = data.draw(st.sampled_from(anchors), label="question")
        row = anchor + data.draw(st.integers(min_value=2, max_value=8), label="row")
        column = data.draw(st.integers(min_value=3, max_value=8), label="column")
        cell = sheet.cell(row, column)
        if not isinstance(cell, MergedCell):  # a merged cell's value sits in its first cell
            cell.value = data.draw(workbook_value, label="value")
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile(
        "answers.xlsx", buffer.getvalue(), content_type=control.XLSX_CONTENT_TYPE
    )
    result = apply.workbook_import(response=kg_response, uploaded_file=upload, actor=user)
    assert all(str(error) for error in result.errors)
    event("saved" if result.updated else "refused" if result.errors else "unchanged")
    # Whatever was saved can be downloaded again.
    assert build.workbook_build(response=kg_response, user=user)


@SLOW
@given(st.binary(max_size=3000), st.sampled_from(["answers.xlsx", "answers.csv", "a"]))
@example(b"PK\x03\x04" + b"\x00" * 200, "answers.xlsx")
def test_workbook_upload_answers_any_file(kg_contact, kg_response, content, name):
    response = kg_contact.post(
        reverse("portal:workbook_upload", args=[kg_response.pk]),
        {"workbook": SimpleUploadedFile(name, content, content_type=control.XLSX_CONTENT_TYPE)},
    )
    assert response.status_code < 500


def test_an_absurd_number_is_refused_and_the_workbook_still_downloads(kg_contact, kg_response):
    """Found by the properties above: "1e999999" was stored, and every later download of the
    workbook failed while turning it into a 1 000 000-digit integer."""
    question = Question.objects.filter(
        section__questionnaire=kg_response.questionnaire, question_type="number"
    ).first()
    for absurd in ("1e999999", "9" * 5000, "1e-999999"):
        response = kg_contact.post(
            reverse("portal:autosave", args=[kg_response.pk, question.pk]),
            {"version": "0", f"q{question.pk}": absurd},
        )
        assert response.status_code == 422, absurd
    assert kg_contact.get(reverse("portal:workbook", args=[kg_response.pk])).status_code == 200
