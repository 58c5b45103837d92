"""Refusing hostile uploads: a workbook of 1,000,000 cells and zip bombs (1 GiB unpacked),
through the portal's workbook upload, the back-office table reader and the check of stored files.

Reports each refusal's median time and the peak of memory Python allocated (tracemalloc), and,
for scale, the cells of a large questionnaire's real workbook (300 questions, 20 tables).
"""

import statistics
import time
import tracemalloc
import zipfile
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from evaluation_rounds.models import CountryEvaluation, EvaluationRound
from monitoring import table_upload
from monitoring.models import Organisation
from monitoring.uploads import check_upload
from questionnaires.models import Response
from tests import hostile_files

from .bench_questionnaires import FAR_FUTURE, big_questionnaire

pytestmark = [pytest.mark.bench, pytest.mark.django_db]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def timed(action, repeat: int = 3) -> dict:
    """Median time (ms) of `action` and the peak memory (MB) of its first run."""
    tracemalloc.start()
    outcome = action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return {
        "median_ms": round(statistics.median(timings), 1),
        "peak_mb": round(peak / 1048576, 1),
        "outcome": outcome,
    }


def refusal(call) -> str:
    try:
        call()
    except ValidationError as error:
        return "refused: " + " ".join(error.messages)[:90]
    return "accepted"


def test_refusing_hostile_uploads(demo_data, client, user_named, report):
    questionnaire = big_questionnaire(EvaluationRound.objects.get(number=1))
    response = Response.objects.create(
        questionnaire=questionnaire,
        evaluation=CountryEvaluation.objects.get(round__number=1, country__iso_code="KG"),
        organisation=Organisation.objects.get(country__iso_code="KG", is_national_government=True),
        due_on=FAR_FUTURE,
    )
    client.force_login(user_named("kg-contact"))
    real = client.get(reverse("portal:workbook", args=[response.pk])).content
    workbook = load_workbook(BytesIO(real), read_only=True)
    cells = sum((ws.max_row or 0) * (ws.max_column or 0) for ws in workbook.worksheets)
    report.append({"bench": "uploads", "case": "a large questionnaire's workbook", "cells": cells})

    url = reverse("portal:workbook_upload", args=[response.pk])

    def upload(content: bytes):
        def post():
            file = SimpleUploadedFile("answers.xlsx", content, content_type=XLSX)
            return client.post(url, {"workbook": file}).status_code

        return post

    million = hostile_files.million_cell_workbook()
    xlsx_bomb = hostile_files.zip_bomb("xlsx")
    docx_bomb = hostile_files.zip_bomb("docx")
    with zipfile.ZipFile(BytesIO(million)) as archive:
        unpacked = sum(entry.file_size for entry in archive.infolist())
    report.append(
        {
            "bench": "uploads",
            "case": "the hostile files",
            "million_cells_kb": len(million) // 1024,
            "million_cells_unpacked_mb": round(unpacked / 1048576, 1),
            "bomb_kb": len(docx_bomb) // 1024,
        }
    )

    def read_table(content: bytes, name: str):
        return lambda: refusal(
            lambda: table_upload.read_table(
                SimpleUploadedFile(name, content),
                columns=[("a", False)],
                max_bytes=5 * 1048576,
                max_rows=5000,
            )
        )

    cases = {
        "portal workbook upload, 1,000,000 cells": upload(million),
        "portal workbook upload, zip bomb (XLSX)": upload(xlsx_bomb),
        "portal workbook upload, the real workbook": upload(real),
        "back-office table import, 1,000,000 cells": read_table(million, "t.xlsx"),
        "back-office table import, zip bomb (XLSX)": read_table(xlsx_bomb, "t.xlsx"),
        "stored file check (answer, evidence, attachment), zip bomb (DOCX)": lambda: refusal(
            lambda: check_upload(SimpleUploadedFile("sop.docx", docx_bomb))
        ),
    }
    for case, action in cases.items():
        report.append({"bench": "uploads", "case": case, **timed(action)})
