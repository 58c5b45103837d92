"""User-written text in the platform's PDFs is printed as text, never read as reportlab markup
(finding 3 of the second confidentiality pass). reportlab's Paragraph reads its text as markup:
an unescaped `<img src="/a/file/on/the/server.png"/>` in a chapter title embedded that file in
the government's PDF, and a broken tag made the view answer 500.

Each test builds its own data through the services and fetches the PDF through its view, as a
reader allowed to see it."""

import io
import re
import unicodedata

import pytest
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from evaluation_rounds.models import CountryEvaluation
from reports import services as report_services

# --- reading a PDF back ------------------------------------------------------------------------


def read_pdf(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def images_in(reader: PdfReader) -> list[str]:
    """The image XObjects on every page (the platform draws none: its charts are vectors)."""
    found = []
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        objects = resources.get("/XObject") or {}
        for name, reference in objects.items():
            if reference.get_object().get("/Subtype") == "/Image":
                found.append(name)
    return found


def visible_text(reader: PdfReader) -> str:
    return "".join(page.extract_text() for page in reader.pages)


def squeezed(text: str) -> str:
    """Printable characters only, without whitespace: lines wrap (and long words split)
    wherever the page ends, so only the sequence of characters is compared."""
    return "".join(
        character
        for character in text
        if not character.isspace() and not unicodedata.category(character).startswith("C")
    )


def shows_literally(reader: PdfReader, value: str) -> bool:
    return squeezed(value) in squeezed(visible_text(reader))


# --- a report of our own -------------------------------------------------------------------------


def _drop_demo_report(evaluation) -> None:
    from reports.models import Assessment, GovernmentComment, ProgressUpdate, Recommendation

    for report in evaluation.reports.filter(kind="evaluation"):
        recommendations = Recommendation.objects.filter(report=report)
        Assessment.objects.filter(recommendation__in=recommendations).delete()
        ProgressUpdate.objects.filter(recommendation__in=recommendations).delete()
        GovernmentComment.objects.filter(report=report).delete()
        Recommendation.objects.filter(reiterates__in=recommendations).update(reiterates=None)
        recommendations.delete()
        report.delete()


def draft_report(secretariat, *, chapter_title: str):
    """Kyrgyzstan's draft, with the government for comments, rewritten with one chapter."""
    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="KG")
    _drop_demo_report(evaluation)
    report = report_services.report_create(
        evaluation=evaluation, title_en="Report on Kyrgyzstan", actor=secretariat
    )
    chapter = report_services.chapter_create(
        report=report, number="1", title_en=chapter_title, actor=secretariat
    )
    report_services.paragraph_insert(
        chapter=chapter, text_en="<p>The first paragraph.</p>", actor=secretariat
    )
    return report


@pytest.fixture
def a_png_on_the_server(tmp_path):
    path = tmp_path / "secret-scan.png"
    Image.new("RGB", (40, 40), (200, 30, 30)).save(path)
    return path


def test_a_chapter_title_with_a_broken_img_tag_prints_as_text(user_named, login_as):
    title = '<img src="x" onerror="y">'
    report = draft_report(user_named("secretariat"), chapter_title=title)
    response = login_as("kg-contact").get(reverse("portal:report_pdf", args=[report.pk]))
    assert response.status_code == 200
    reader = read_pdf(response.content)
    assert shows_literally(reader, f"1. {title}")
    assert images_in(reader) == []


def test_a_chapter_title_cannot_embed_a_file_of_the_server(
    user_named, login_as, a_png_on_the_server
):
    title = f'Findings <img src="{a_png_on_the_server}" width="40" height="40"/>'
    report = draft_report(user_named("secretariat"), chapter_title=title)
    response = login_as("kg-contact").get(reverse("portal:report_pdf", args=[report.pk]))
    assert response.status_code == 200
    reader = read_pdf(response.content)
    assert images_in(reader) == []
    assert shows_literally(reader, title)
    assert re.search(rb"/Subtype\s*/Image", response.content) is None
