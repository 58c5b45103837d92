"""File answers: sniffed by content, limited in size, safely named."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitoring.uploads import check_upload, safe_name
from questionnaires.models import AnswerFile, Question

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def office_file(marker: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(marker, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("law.pdf", PDF),
        ("chart.png", PNG),
        ("sop.docx", office_file("word/document.xml")),
        ("stats.xlsx", office_file("xl/workbook.xml")),
    ],
)
def test_accepted_formats(name, content):
    checked = check_upload(SimpleUploadedFile(name, content))
    assert checked.name == name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 60, "not accepted"),
        ("report.pdf", b"MZ\x90\x00" + b"\x00" * 60, "does not match its name"),
        ("photo.jpg", PDF, "does not match its name"),
        ("table.xlsx", office_file("word/document.xml"), "does not match its name"),
        ("archive.zip", office_file("a.txt"), "not accepted"),
    ],
)
def test_disguised_or_unwanted_files_are_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        check_upload(SimpleUploadedFile(name, content))


def test_size_limit_is_configurable(settings):
    settings.ANSWER_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="too large"):
        check_upload(SimpleUploadedFile("big.pdf", PDF + b"0" * 2048))


def test_file_names_are_made_safe():
    assert safe_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert safe_name("Закон о ТЛ (2024).PDF") == "Закон_о_ТЛ_2024.pdf"
    assert safe_name("C:\\Users\\x\\doc.docx") == "doc.docx"


def test_upload_through_the_portal(login_as, kg_government_response, question_in):
    question = question_in(kg_government_response, "4.5")
    url = reverse("portal:upload", args=[kg_government_response.pk, question.pk])
    client = login_as("kg-official")
    refused = client.post(url, {"file": SimpleUploadedFile("sop.pdf", b"GIF89a....")}, follow=True)
    assert "does not match its name" in refused.content.decode()
    assert not AnswerFile.objects.exists()
    client.post(url, {"file": SimpleUploadedFile("sop.pdf", PDF)})
    stored = AnswerFile.objects.get()
    assert stored.answer.is_answered and stored.content_type == "application/pdf"
    assert "private" in stored.file.path and "/media/" not in stored.file.path
    assert Question.objects.get(pk=question.pk).answers.get().value["names"] == ["sop.pdf"]
