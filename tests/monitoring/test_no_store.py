"""Pages behind a sign-in and private files are never kept by a browser or a proxy cache
(Cache-Control: no-store); the public site and the open-data API keep their own caching."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluation_rounds import visit_services
from evaluation_rounds.models import CountryVisit
from questionnaires import services as questionnaire_services
from questionnaires.models import Question, Response, Section
from recommendations import services as report_services
from reports.models import Report

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n"


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.mark.parametrize(
    ("username", "path"),
    [
        (None, "/accounts/login/"),
        (None, "/portal/"),  # the redirect to the sign-in page too
        ("kg-contact", "/portal/"),
        ("ngo-kg", "/portal/"),
        ("secretariat", "/admin/"),
        ("expert-kg", "/admin/"),
        ("kg-contact", "/accounts/security/"),
    ],
)
def test_signed_in_faces_are_not_stored(client, login_as, demo_data, username, path):
    if username:
        client = login_as(username)
    response = client.get(path)
    assert response.status_code in {200, 302}
    assert "no-store" in directives(response), path


def test_an_answer_file_is_not_stored(login_as, user_named, demo_data):
    response = Response.objects.get(organisation__name_en='Public Association "El Agartuu"')
    question = Question.objects.create(
        section=Section.objects.filter(questionnaire=response.questionnaire).first(),
        code="1.99",
        question_type="file",
        text_en="Evidence",
        text_ru="Доказательства",
    )
    stored = questionnaire_services.answer_file_add(
        response=response,
        question=question,
        uploaded_file=_pdf("statement.pdf"),
        actor=user_named("ngo-kg"),
    )
    download = login_as("ngo-kg").get(reverse("portal:answer_file", args=[stored.pk]))
    assert download.status_code == 200
    assert "no-store" in directives(download)


def test_a_visit_attachment_and_the_programme_are_not_stored(login_as, user_named, demo_data):
    visit = CountryVisit.objects.filter(evaluation__country__iso_code="KG").first()
    attachment = visit_services.attachment_add(
        visit=visit,
        title="Programme",
        uploaded_file=_pdf("programme.pdf"),
        actor=user_named("secretariat"),
    )
    client = login_as("secretariat")
    download = client.get(reverse("procedure:attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert "no-store" in directives(download)
    for name in ("visit_programme", "visit_programme_pdf"):
        page = client.get(reverse(name, args=[visit.pk]))
        assert page.status_code == 200
        assert "no-store" in directives(page), name


def test_progress_evidence_is_not_stored(login_as, user_named, demo_data):
    report = Report.objects.filter(
        evaluation__country__iso_code="KZ", published_at__isnull=False
    ).first()
    update = report_services.progress_update_report(
        recommendation=report.recommendations.order_by("pk").first(),
        text="A national referral mechanism was adopted.",
        actor=user_named("kz-official"),
        files=[_pdf("evidence.pdf")],
    )
    evidence = update.evidence.get()
    download = login_as("kz-official").get(reverse("portal:report_evidence", args=[evidence.pk]))
    assert download.status_code == 200
    assert "no-store" in directives(download)


def test_the_public_site_and_the_api_keep_their_own_caching(client, demo_data):
    for path in ("/en/", "/en/recommendations/", "/api/v1/countries"):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert "no-store" not in directives(response), path
