"""Country visits: the programme, confidential notes and files, as a matrix over every role."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader
from reversion.models import Version

from evaluation_rounds import visit_services
from evaluation_rounds.models import CountryVisit, MeetingNote, VisitAttachment, VisitMeeting
from monitoring import access

NOTE = "Fictional demo note: the NGO described cases of victims referred back to police"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def kyrgyz_visit(demo_data, user_named):
    visit = CountryVisit.objects.get(evaluation__country__iso_code="KG")
    visit_services.attachment_add(
        visit=visit,
        title="Signed programme",
        uploaded_file=SimpleUploadedFile("programme.pdf", PDF),
        actor=user_named("secretariat"),
    )
    return visit


# role → (admin detail status, sees notes, programme status, attachment status)
MATRIX = {
    "secretariat": (200, True, 200, 200),
    "expert-kz-2": (200, True, 200, 200),  # rapporteur of Kyrgyzstan, in the delegation
    "expert-uz": (200, True, 200, 200),  # the other rapporteur
    "expert-kg": (200, False, 200, 404),  # an expert with no part in this evaluation
    # Respondents never enter the back office (302 to its sign-in); the visited government
    # reads the programme only.
    "kg-contact": (302, False, 200, 302),
    "kg-official": (302, False, 200, 302),
    "kz-contact": (302, False, 404, 302),
    "ngo-kg": (302, False, 404, 302),
    "ngo-kz": (302, False, 404, 302),
}


@pytest.mark.parametrize("username", sorted(MATRIX))
def test_visit_confidentiality_matrix(login_as, user_named, kyrgyz_visit, username):
    detail_status, sees_notes, programme_status, file_status = MATRIX[username]
    client = login_as(username)
    detail = client.get(reverse("procedure:visit", args=[kyrgyz_visit.pk]))
    assert detail.status_code == detail_status
    assert (NOTE in detail.content.decode()) is sees_notes
    listing = client.get(reverse("procedure:visits"))
    assert listing.status_code == (200 if detail_status == 200 else 302)
    programme = client.get(reverse("visit_programme", args=[kyrgyz_visit.pk]))
    pdf = client.get(reverse("visit_programme_pdf", args=[kyrgyz_visit.pk]))
    assert programme.status_code == pdf.status_code == programme_status
    attachment = VisitAttachment.objects.get(visit=kyrgyz_visit)
    assert client.get(reverse("procedure:attachment", args=[attachment.pk])).status_code == (
        file_status
    )
    notes = access.visible(user_named(username), MeetingNote).filter(meeting__visit=kyrgyz_visit)
    assert notes.exists() is sees_notes


def test_anonymous_gets_nothing(client, kyrgyz_visit):
    for url in (
        reverse("procedure:visit", args=[kyrgyz_visit.pk]),
        reverse("visit_programme", args=[kyrgyz_visit.pk]),
        reverse("visit_programme_pdf", args=[kyrgyz_visit.pk]),
    ):
        assert client.get(url).status_code == 302
    assert not access.visible(None, MeetingNote).exists()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_programme_never_contains_notes(login_as, kyrgyz_visit, language):
    client = login_as("secretariat")
    client.cookies["django_language"] = language
    html = client.get(reverse("visit_programme", args=[kyrgyz_visit.pk])).content.decode()
    assert NOTE not in html and "12 places" not in html
    assert ("Эл Агартуу" if language == "ru" else "El Agartuu") in html
    pdf = client.get(reverse("visit_programme_pdf", args=[kyrgyz_visit.pk]))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Ombudsman" in text or "Омбудсмен" in text
    assert ("Эл Агартуу" if language == "ru" else "El Agartuu") in text  # Cyrillic survives
    assert "NGO described" not in text and "12 places" not in text


def test_visit_ending_before_it_starts_is_refused(login_as, demo_data):
    from evaluation_rounds.models import CountryEvaluation

    evaluation = CountryEvaluation.objects.get(country__iso_code="UZ")
    client = login_as("secretariat")
    response = client.post(
        reverse("procedure:visit_add"),
        {
            "evaluation": evaluation.pk,
            "start_date": "2026-05-10",
            "end_date": "2026-05-01",
            "delegation": [],
        },
    )
    assert response.status_code == 400
    assert "A visit cannot end before it starts." in response.content.decode()
    assert not CountryVisit.objects.filter(evaluation=evaluation).exists()


def test_meeting_outside_the_visit_is_refused(login_as, kyrgyz_visit):
    before = kyrgyz_visit.meetings.count()
    response = login_as("secretariat").post(
        reverse("procedure:meeting_add", args=[kyrgyz_visit.pk]),
        {"starts_at": "2020-01-01T10:00", "meeting_type": "ngo", "counterpart": "Somebody"},
    )
    assert response.status_code == 400
    assert "must take place during the visit" in response.content.decode()
    assert kyrgyz_visit.meetings.count() == before


def test_meeting_delete_asks_first(login_as, kyrgyz_visit):
    client = login_as("secretariat")
    meeting = kyrgyz_visit.meetings.first()
    url = reverse("procedure:meeting_delete", args=[kyrgyz_visit.pk, meeting.pk])
    assert "Yes, remove it" in client.get(url).content.decode()
    assert VisitMeeting.objects.filter(pk=meeting.pk).exists()
    client.post(url)
    assert not VisitMeeting.objects.filter(pk=meeting.pk).exists()


def test_rapporteur_writes_notes_and_history_records_them(login_as, user_named, kyrgyz_visit):
    meeting = kyrgyz_visit.meetings.first()
    login_as("expert-uz").post(
        reverse("procedure:note_save", args=[kyrgyz_visit.pk, meeting.pk]),
        {"text": "Ministry promised data by March."},
    )
    note = MeetingNote.objects.get(meeting=meeting)
    assert note.author == user_named("expert-uz")
    version = Version.objects.get_for_object(note).first()
    assert version.revision.user == user_named("expert-uz")
    refused = login_as("expert-kg").post(
        reverse("procedure:note_save", args=[kyrgyz_visit.pk, meeting.pk]), {"text": "x"}
    )
    assert refused.status_code in (302, 403)
    note.refresh_from_db()
    assert note.text == "Ministry promised data by March."


def test_disguised_attachment_is_refused(login_as, kyrgyz_visit):
    response = login_as("secretariat").post(
        reverse("procedure:attachment_add", args=[kyrgyz_visit.pk]),
        {"title": "Report", "file": SimpleUploadedFile("report.pdf", b"MZ\x90\x00" * 20)},
        follow=True,
    )
    assert "does not match its name" in response.content.decode()
    assert kyrgyz_visit.attachments.count() == 1


def test_visit_pages_keep_a_fixed_query_count(
    login_as, user_named, kyrgyz_visit, django_assert_max_num_queries
):
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    client = login_as("secretariat")
    detail = reverse("procedure:visit", args=[kyrgyz_visit.pk])
    programme = reverse("visit_programme", args=[kyrgyz_visit.pk])
    with django_assert_max_num_queries(60) as small_detail:
        client.get(detail)
    with django_assert_max_num_queries(30) as small_programme:
        client.get(programme)
    for n in range(33):
        day = kyrgyz_visit.start_date + timedelta(days=n % 5)
        visit_services.meeting_add(
            visit=kyrgyz_visit,
            actor=user_named("secretariat"),
            meeting_type="ngo",
            starts_at=timezone.make_aware(datetime.combine(day, time(8 + n % 9))),
            counterpart=f"Group {n}",
        )
    assert kyrgyz_visit.meetings.count() == 40
    with django_assert_max_num_queries(len(small_detail.captured_queries)):
        client.get(detail)
    with django_assert_max_num_queries(len(small_programme.captured_queries)):
        assert "Group 32" in client.get(programme).content.decode()


def test_visited_government_finds_the_programme_in_the_portal(login_as, kyrgyz_visit):
    content = login_as("kg-contact").get("/portal/").content.decode()
    assert reverse("visit_programme", args=[kyrgyz_visit.pk]) in content
    other = login_as("kz-contact").get("/portal/").content.decode()
    assert reverse("visit_programme", args=[kyrgyz_visit.pk]) not in other
