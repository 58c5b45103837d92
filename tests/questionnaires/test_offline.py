"""Offline fill-in: the workbook goes out with the answers, comes back checked in full, and
either saves every changed answer (one version each) or nothing at all."""

import io
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from reversion.models import Revision, Version

from questionnaires import services
from questionnaires.models import Answer, Question
from questionnaires.offline import apply, control

XLSX = control.XLSX_CONTENT_TYPE
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- helpers ------------------------------------------------------------------------------


def download(client, response) -> bytes:
    page = client.get(reverse("portal:workbook", args=[response.pk]))
    assert page.status_code == 200
    assert page["Content-Type"] == XLSX
    return page.content


def open_workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def locate(workbook, code: str):
    """The sheet and the row of a question's code in column A."""
    for sheet in workbook.worksheets[1:]:
        for row in range(1, sheet.max_row + 1):
            if sheet.cell(row, 1).value == code:
                return sheet, row
    raise AssertionError(f"question {code} not found")


def upload(client, response, content: bytes, name: str = "answers.xlsx"):
    return client.post(
        reverse("portal:workbook_upload", args=[response.pk]),
        {"workbook": SimpleUploadedFile(name, content, content_type=XLSX)},
    )


def snapshot():
    return (
        {a.pk: (a.value, a.version) for a in Answer.objects.order_by("pk")},
        Version.objects.count(),
    )


def stored(response, question_in, code) -> Answer:
    return Answer.objects.get(response=response, question=question_in(response, code))


def fill_in(content: bytes) -> bytes:
    """A respondent's offline work: text, yes/no, a statistics table, a new repeating row and
    one more ticked option."""
    workbook = open_workbook(content)
    sheet, row = locate(workbook, "1.1")
    sheet.cell(row + 2, 3).value = "Article 171 of the Criminal Code, amended offline."
    sheet, row = locate(workbook, "1.2")
    sheet.cell(row + 2, 3).value = "No"
    sheet.cell(row + 3, 3).value = "The new plan is being drafted."
    sheet, row = locate(workbook, "1.5")
    for column, value in enumerate(
        [
            "Resolution on the referral mechanism",
            "No. 493",
            datetime(2019, 9, 19),
            "https://cbd.minjust.gov.kg/",
        ],
        start=3,
    ):
        sheet.cell(row + 4, column).value = value  # the first empty row under the stored entry
    sheet, row = locate(workbook, "2.2")
    sheet.cell(row + 2 + 4, 3).value = "x"  # the fifth option, employers
    sheet, row = locate(workbook, "3.3")
    assert sheet.cell(row + 2, 3).value == "Women" and sheet.cell(row + 6, 2).value == "2024"
    for column, value in enumerate([5, 6, 7, 8, 26], start=3):
        sheet.cell(row + 6, column).value = value
    return save(workbook)


@pytest.fixture
def contact(login_as):
    return login_as("kg-contact")


@pytest.fixture(autouse=True)
def _no_language_leak():
    """A request in Russian leaves Russian active in this thread; later tests expect English."""
    yield
    translation.deactivate()


# --- download ----------------------------------------------------------------------------------


def test_workbook_has_a_protected_control_block_and_one_sheet_per_section(
    contact, kg_government_response
):
    workbook = open_workbook(download(contact, kg_government_response))
    cover = workbook.worksheets[0]
    assert cover.protection.sheet
    marker_row = next(
        row
        for row in range(1, cover.max_row + 1)
        if cover.cell(row, 1).value == control.META_MARKER
    )
    assert cover.row_dimensions[marker_row].hidden
    keys = {cover.cell(marker_row + i, 1).value for i in range(1, 12)} - {None}
    assert {"response", "questionnaire", "version", "country", "checksum"} <= keys
    sections = [s.title for s in workbook.worksheets[1:] if s.sheet_state == "visible"]
    assert len(sections) == 7 and sections[2].startswith("3 ")
    sheet, row = locate(workbook, "3.3")
    header = [sheet.cell(row + 2, column).value for column in range(2, 8)]
    assert header == ["Year", "Women", "Men", "Girls", "Boys", "Total"]
    assert [sheet.cell(row + 3 + i, 2).value for i in range(4)] == ["2021", "2022", "2023", "2024"]
    assert sheet.cell(row + 3, 7).value is not None  # the stored total is visible
    validated = {
        str(cell) for v in sheet.data_validations.dataValidation for cell in v.sqref.ranges
    }
    assert validated  # counts and choices carry data validation
    sheet, row = locate(workbook, "1.4")
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list" and v.formula1]
    assert any(f"C{row + 2}" in str(v.sqref) for v in lists)


def test_workbook_follows_the_users_language(contact, kg_government_response):
    contact.cookies.load({"django_language": "ru"})
    workbook = open_workbook(download(contact, kg_government_response))
    sheet, row = locate(workbook, "1.1")
    assert sheet.cell(row, 2).value.startswith("Как национальное")


def test_other_countries_cannot_download_the_workbook_or_pdf(login_as, kg_government_response):
    client = login_as("kz-contact")
    for name in ("portal:workbook", "portal:response_pdf", "portal:workbook_upload"):
        assert client.get(reverse(name, args=[kg_government_response.pk])).status_code == 404


def test_read_only_pdf(contact, kg_government_response):
    page = contact.get(reverse("portal:response_pdf", args=[kg_government_response.pk]))
    assert page.status_code == 200
    assert page["Content-Type"] == "application/pdf"
    assert page.content.startswith(b"%PDF") and len(page.content) > 5000
    assert b"DejaVuSans" in page.content  # a font with Cyrillic, for Russian answers


def test_response_page_offers_offline_work(contact, kg_government_response):
    content = contact.get(reverse("portal:response", args=[kg_government_response.pk])).content
    html = content.decode()
    assert reverse("portal:workbook", args=[kg_government_response.pk]) in html
    assert reverse("portal:workbook_upload", args=[kg_government_response.pk]) in html
    assert reverse("portal:response_pdf", args=[kg_government_response.pk]) in html
    assert html.count('id="offline-title"') == 1
    assert "<section" not in html.split("<title>", 1)[1].split("</title>", 1)[0]


# --- round trip ------------------------------------------------------------------------------


def test_round_trip_saves_the_changed_answers_only(contact, kg_government_response, question_in):
    response = kg_government_response
    content = fill_in(download(contact, response))
    changed = ["1.1", "1.2", "1.5", "2.2", "3.3"]
    before = {code: stored(response, question_in, code) for code in changed}
    versions_before = {
        code: Version.objects.get_for_object(answer).count() for code, answer in before.items()
    }
    untouched = stored(response, question_in, "1.4")
    untouched_versions = Version.objects.get_for_object(untouched).count()

    page = upload(contact, response, content)

    assert page.status_code == 302 and page["Location"] == reverse(
        "portal:response", args=[response.pk]
    )
    questions = Question.objects.filter(section__questionnaire=response.questionnaire)
    readable = questions.exclude(question_type="file").count()
    message = next(str(m) for m in page.wsgi_request._messages)
    assert f"{len(changed)} answers updated, {readable - len(changed)} unchanged" in message

    after = {code: stored(response, question_in, code) for code in changed}
    assert after["1.1"].value == {"text": "Article 171 of the Criminal Code, amended offline."}
    assert after["1.2"].value == {"choice": "no", "explanation": "The new plan is being drafted."}
    assert after["1.5"].value["rows"][1] == {
        "title": "Resolution on the referral mechanism",
        "number": "No. 493",
        "date": "2019-09-19",
        "link": "https://cbd.minjust.gov.kg/",
    }
    assert after["1.5"].value["rows"][0] == before["1.5"].value["rows"][0]
    assert after["2.2"].value["choices"] == [*before["2.2"].value["choices"], "employers"]
    cells = after["3.3"].value["cells"]
    assert [cells[f"2024:{key}"] for key in ("women", "men", "girls", "boys", "total")] == [
        5,
        6,
        7,
        8,
        26,
    ]
    assert cells["2021:total"] == before["3.3"].value["cells"]["2021:total"]
    for code in changed:  # one version per changed answer
        assert after[code].version == before[code].version + 1
        assert Version.objects.get_for_object(after[code]).count() == versions_before[code] + 1
    untouched.refresh_from_db()
    assert Version.objects.get_for_object(untouched).count() == untouched_versions


def test_the_same_answers_come_back_unchanged(contact, kg_government_response, user_named):
    content = download(contact, kg_government_response)
    before = snapshot()
    result = apply.workbook_import(
        response=kg_government_response,
        uploaded_file=SimpleUploadedFile("same.xlsx", content, content_type=XLSX),
        actor=user_named("kg-contact"),
    )
    assert result.ok, [str(e) for e in result.errors]
    assert result.updated == 0 and result.unchanged == 38
    assert snapshot() == before


def test_service_writes_one_revision_per_changed_answer(
    contact, kg_government_response, user_named
):
    content = fill_in(download(contact, kg_government_response))
    revisions = Revision.objects.count()
    result = apply.workbook_import(
        response=kg_government_response,
        uploaded_file=SimpleUploadedFile("filled.xlsx", content, content_type=XLSX),
        actor=user_named("kg-contact"),
    )
    assert result.ok and result.updated == 5
    assert Revision.objects.count() == revisions + 5


# --- rejection ---------------------------------------------------------------------------------


def _corrupt(kg: bytes, kz: bytes) -> tuple[bytes, str]:
    return kg[: len(kg) // 2], "answers.xlsx"


def _pdf_renamed(kg: bytes, kz: bytes) -> tuple[bytes, str]:
    return PDF, "answers.xlsx"


def _not_xlsx(kg: bytes, kz: bytes) -> tuple[bytes, str]:
    return kg, "answers.ods"


def _other_country(kg: bytes, kz: bytes) -> tuple[bytes, str]:
    return kz, "kazakhstan.xlsx"


def _wrong_version(kg: bytes, kz: bytes) -> tuple[bytes, str]:
    workbook = open_workbook(kg)
    cover = workbook.worksheets[0]
    for row in range(1, cover.max_row + 1):
        if cover.cell(row, 1).value == "version":
            cover.cell(row, 2).value = "2"
    return save(workbook), "answers.xlsx"


FILE_ERRORS = {
    _corrupt: ("does not match its name", "", ""),
    _pdf_renamed: ("does not match its name", "", ""),
    _not_xlsx: (".xlsx", "", ""),
    _other_country: ("another country (KZ)", "Cover", "B"),
    _wrong_version: ("version 2 of the questionnaire", "Cover", "B"),
}


@pytest.mark.parametrize("make", list(FILE_ERRORS), ids=lambda f: f.__name__.strip("_"))
def test_a_wrong_file_is_refused_and_nothing_changes(
    login_as, kg_government_response, kz_government_response, make
):
    kz = download(login_as("kz-contact"), kz_government_response)
    client = login_as("kg-contact")
    kg = download(client, kg_government_response)
    content, name = make(kg, kz)
    before = snapshot()

    page = upload(client, kg_government_response, content, name)

    assert page.status_code == 400
    assert snapshot() == before
    message, sheet, cell = FILE_ERRORS[make]
    errors = page.context["errors"]
    assert len(errors) == 1 and message in errors[0].message
    assert errors[0].sheet == sheet and errors[0].cell.startswith(cell)
    assert "Nothing was saved" in page.content.decode()


def test_bad_cells_are_all_listed_by_sheet_cell_and_code(contact, kg_government_response):
    workbook = open_workbook(fill_in(download(contact, kg_government_response)))
    sheet, row = locate(workbook, "3.3")
    sheet.cell(row + 3, 3).value = -5  # 2021, women
    sheet.cell(row + 4, 4).value = "many"  # 2022, men
    table_sheet = sheet.title
    sheet, row = locate(workbook, "1.6")
    sheet.cell(row, 1).value = "9.9"
    code_cell, code_sheet = f"A{row}", sheet.title
    sheet, row = locate(workbook, "1.2")
    sheet.cell(row + 2, 3).value = "Perhaps"
    choice_cell = f"C{row + 2}"
    table_row = locate(workbook, "3.3")[1]
    before = snapshot()

    page = upload(contact, kg_government_response, save(workbook))

    assert page.status_code == 400
    assert snapshot() == before  # the valid changes of fill_in() are not saved either
    found = {(e.sheet, e.cell, e.code): e.message for e in page.context["errors"]}
    assert "negative" in found[(table_sheet, f"C{table_row + 3}", "3.3")]
    assert "Enter a number" in found[(table_sheet, f"D{table_row + 4}", "3.3")]
    assert "Unknown question code" in found[(code_sheet, code_cell, "9.9")]
    assert "yes or no" in found[(code_sheet, choice_cell, "1.2")].lower()
    html = page.content.decode()
    assert table_sheet in html and f"C{table_row + 3}" in html and "9.9" in html
    for error in page.context["errors"]:
        assert error.sheet in str(error) and error.cell in str(error) and error.code in str(error)


def test_a_locked_response_refuses_uploads(login_as, kz_government_response):
    client = login_as("kz-contact")
    content = download(client, kz_government_response)
    before = snapshot()
    page = upload(client, kz_government_response, content)
    assert page.status_code == 423
    assert "submitted and is locked" in page.context["errors"][0].message
    assert snapshot() == before
    form_page = client.get(reverse("portal:workbook_upload", args=[kz_government_response.pk]))
    assert 'type="file"' not in form_page.content.decode()


def test_a_huge_upload_gets_a_clear_message(contact, kg_government_response, settings):
    content = download(contact, kg_government_response)
    settings.ANSWER_UPLOAD_MAX_BYTES = 4096
    before = snapshot()
    page = upload(contact, kg_government_response, content)
    assert page.status_code == 413
    assert "too large" in page.context["errors"][0].message
    assert snapshot() == before


# --- permissions and concurrent edits ------------------------------------------------------


def test_an_official_cannot_change_sections_not_assigned(
    login_as, kg_government_response, question_in
):
    client = login_as("kg-official")
    workbook = open_workbook(download(client, kg_government_response))
    sheet, row = locate(workbook, "1.1")
    assert sheet.cell(row + 2, 3).protection.locked  # read only for the official
    sheet.cell(row + 2, 3).value = "Changed by someone not assigned."
    sheet, row = locate(workbook, "3.2")
    sheet.cell(row + 3, 3).value = "Assigned section, changed offline."
    before = snapshot()

    page = upload(client, kg_government_response, save(workbook))

    assert page.status_code == 400 and snapshot() == before
    (error,) = page.context["errors"]
    assert error.code == "1.1" and "may not answer this section" in error.message


def test_an_answer_saved_since_the_download_is_a_conflict(
    contact, kg_government_response, question_in, user_named
):
    response = kg_government_response
    content = fill_in(download(contact, response))
    question = question_in(response, "1.1")
    answer = Answer.objects.get(response=response, question=question)
    services.answer_save(  # a colleague saves 1.1 in the portal meanwhile
        response=response,
        question=question,
        data={f"q{question.pk}": "Saved in the portal meanwhile."},
        actor=user_named("kg-contact"),
        expected_version=answer.version,
    )
    before = snapshot()

    page = upload(contact, response, content)

    assert page.status_code == 400 and snapshot() == before
    (error,) = page.context["errors"]
    assert error.code == "1.1" and "Someone else saved this answer" in error.message


def test_an_answer_saved_since_the_download_is_kept_when_the_workbook_left_it(
    contact, kg_government_response, question_in, user_named
):
    response = kg_government_response
    workbook = open_workbook(download(contact, response))
    sheet, row = locate(workbook, "1.6")
    sheet.cell(row + 2, 3).value = "A budget line of the Ministry of Labour."
    question = question_in(response, "1.1")
    answer = Answer.objects.get(response=response, question=question)
    services.answer_save(
        response=response,
        question=question,
        data={f"q{question.pk}": "Saved in the portal meanwhile."},
        actor=user_named("kg-contact"),
        expected_version=answer.version,
    )

    result = apply.workbook_import(
        response=response,
        uploaded_file=SimpleUploadedFile("a.xlsx", save(workbook), content_type=XLSX),
        actor=user_named("kg-contact"),
    )

    assert result.ok and result.updated == 1 and result.kept == 1
    assert stored(response, question_in, "1.1").value == {"text": "Saved in the portal meanwhile."}
    assert stored(response, question_in, "1.6").value == {
        "text": "A budget line of the Ministry of Labour."
    }


def test_a_formula_without_a_saved_result_is_reported(contact, kg_government_response):
    workbook = open_workbook(download(contact, kg_government_response))
    sheet, row = locate(workbook, "3.3")
    sheet.cell(row + 3, 7).value = "=SUM(C{0}:F{0})".format(row + 3)
    before = snapshot()
    page = upload(contact, kg_government_response, save(workbook))
    assert page.status_code == 400 and snapshot() == before
    assert any("formula" in e.message and e.code == "3.3" for e in page.context["errors"])


def test_a_workbook_in_russian_comes_back_under_an_english_page(
    contact, kg_government_response, user_named
):
    contact.cookies.load({"django_language": "ru"})
    content = download(contact, kg_government_response)
    workbook = open_workbook(content)
    sheet, row = locate(workbook, "1.2")
    assert sheet.cell(row + 2, 3).value == "Да"
    sheet.cell(row + 2, 3).value = "Нет"
    result = apply.workbook_import(
        response=kg_government_response,
        uploaded_file=SimpleUploadedFile("ru.xlsx", save(workbook), content_type=XLSX),
        actor=user_named("kg-contact"),
    )
    assert result.ok and result.updated == 1 and result.unchanged == 37


def test_a_zero_is_a_figure_not_a_blank():
    assert control.fingerprint({"cells": {"2021:women": 0}}) != ""
    assert control.fingerprint({"cells": {}}) == ""
    assert control.fingerprint({"choice": "", "explanation": ""}) == ""
    assert control.fingerprint(None) == ""
