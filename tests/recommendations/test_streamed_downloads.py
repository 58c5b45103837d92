"""Downloads of any size stream (issue 20, item 4): the tracker's and the back office's CSV,
JSON and XLSX are read, completed and written a chunk of rows at a time, so the first bytes
leave before the last rows are read and the memory they take does not grow with the rows."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from unittest.mock import patch

import openpyxl
import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from monitoring.models import Organisation
from recommendations import exports, tracker
from reports import services
from tests.bench.recommendation_data import generate_recommendations
from tests.downloads import downloaded
from tests.reports.conftest import build_report

FORMATS = ["csv", "json", "xlsx"]
CHUNK = 5


def _published(evaluation, actor, count: int):
    report = build_report(evaluation, actor, recommendations=count)
    return services.report_publish(report=report, actor=actor)


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_ROWS", CHUNK)


def _ids(content: bytes, fmt: str) -> list[int]:
    if fmt == "csv":
        return [int(row["id"]) for row in csv.DictReader(io.StringIO(content.decode("utf-8-sig")))]
    if fmt == "json":
        document = json.loads(content)
        assert document["count"] == len(document["recommendations"])
        return [row["id"] for row in document["recommendations"]]
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    return [row[header.index("id")] for row in rows]


def _selection(query: str):
    return tracker.filtered(tracker.parse(QueryDict(query)))


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_tracker_download_streams_every_row_of_the_filter(
    client, kz_evaluation, secretariat, small_chunks, fmt
):
    report = _published(kz_evaluation, secretariat, 23)
    response = client.get(f"/en/recommendations.{fmt}", {"country": "KZ"})
    assert response.status_code == 200 and response.streaming
    with CaptureQueriesContext(connection) as queries:
        ids = _ids(downloaded(response), fmt)
    expected = list(_selection("country=KZ").order_by(*exports.EXPORT_ORDER).values_list("pk"))
    assert ids == [pk for (pk,) in expected]
    assert set(report.recommendations.values_list("pk", flat=True)) <= set(ids)
    # Three cursors read side by side, a chunk at a time, however many chunks (JSON counts).
    assert len(ids) > 4 * CHUNK
    assert len(queries) == 3 + (fmt == "json")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_back_office_download_streams_too(
    login_as, kz_evaluation, secretariat, small_chunks, fmt
):
    report = _published(kz_evaluation, secretariat, 12)
    response = login_as("secretariat").get(
        reverse(f"recommendations:export_{fmt}"), {"country": "KZ"}
    )
    assert response.status_code == 200 and response.streaming
    assert "no-store" in response["Cache-Control"]
    ids = _ids(downloaded(response), fmt)
    assert set(report.recommendations.values_list("pk", flat=True)) <= set(ids)
    assert len(ids) == exports.published_recommendations(user=secretariat, country="KZ").count()


@pytest.mark.parametrize("language, sheet", [("en", "Recommendations"), ("ru", "Рекомендации")])
def test_the_spreadsheet_is_named_in_the_language_of_the_request(
    client, kz_evaluation, secretariat, language, sheet
):
    """The sheet's title is translated when the response is made; the chunks are written
    later, when the server sends them, whatever language is active then."""
    _published(kz_evaluation, secretariat, 3)
    response = client.get(f"/{language}/recommendations.xlsx", {"country": "KZ"})
    translation.activate("ru" if language == "en" else "en")  # another request's language
    workbook = openpyxl.load_workbook(io.BytesIO(downloaded(response)), read_only=True)
    assert workbook.sheetnames == [sheet]


def test_nothing_is_read_before_the_first_chunk_is_asked_for(
    kz_evaluation, secretariat, small_chunks
):
    _published(kz_evaluation, secretariat, 12)
    with CaptureQueriesContext(connection) as queries:
        chunks = exports.download_chunks("csv", _selection("country=KZ"))
        header = next(chunks)
        assert len(queries) == 0
        assert header.decode("utf-8-sig").rstrip("\r\n").split(",") == exports.COLUMNS
        first = next(chunks)
        assert len(queries) == 3  # the recommendations, assessments and addressees, side by side
    assert first.count(b"\r\n") == CHUNK


def _peak_bytes(fmt: str, selection) -> int:
    tracemalloc.start()
    try:
        for _chunk in exports.download_chunks(fmt, selection):
            pass  # sent and forgotten, as a streamed response does
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _generated(evaluation, actor, count: int) -> None:
    """A published report with `count` recommendations written in bulk (only their number
    matters here; the services that write them are tested elsewhere)."""
    report = _published(evaluation, actor, 0)
    paragraph = report.chapters.first().paragraphs.first()
    government = Organisation.objects.get(country=evaluation.country, is_national_government=True)
    generate_recommendations(
        [report],
        total=count,
        paragraph_of=lambda _report, _n: paragraph.pk,
        addressees_of=lambda _i, _country: [government.pk],
        cycles=1,
        assessor=actor,
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_memory_a_download_takes_does_not_grow_with_the_rows(
    kz_evaluation, kg_evaluation, secretariat, to_final_comments, fmt
):
    """Four times the rows, much less than twice the peak: a chunk of rows is held at a time,
    and XlsxWriter's constant-memory sheet copies its rows in blocks of a fixed size (the whole
    file built in memory, as before, took four times as much)."""
    _generated(kz_evaluation, secretariat, 400)
    to_final_comments(kg_evaluation)
    _generated(kg_evaluation, secretariat, 1200)
    few, many = _selection("country=KZ"), _selection("country=KZ&country=KG")
    assert (few.count(), many.count()) == (400, 1600)
    with patch.object(exports, "CHUNK_ROWS", 100):
        _peak_bytes(fmt, few)  # the first run fills the caches of imports and translations
        assert _peak_bytes(fmt, many) < 1.6 * _peak_bytes(fmt, few)


def test_a_row_the_main_query_did_not_see_is_passed_over():
    """The three cursors are three statements: a recommendation published between them has
    rows in the assessments' cursor that the recommendations' cursor never reaches. Those rows
    are skipped, and the next recommendations still get their own."""
    kz, stray, later = (1, "KZ", 5, 1, 10), (1, "KZ", 5, 2, 11), (1, "KZ", 5, 3, 12)
    rows = [(*kz, "implemented"), (*stray, "not_implemented"), (*later, "a"), (*later, "b")]
    alongside = exports._Alongside(iter(rows))
    assert alongside.take(kz) == [("implemented",)]
    assert alongside.take(later) == [("a",), ("b",)]
    assert alongside.take((2, "AM", 1, 1, 1)) == []
