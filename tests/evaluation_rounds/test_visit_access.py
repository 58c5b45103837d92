"""Who sees what of a country visit: every role against every screen, file and queryset.

The fixture builds its own visit (round 9, Kyrgyzstan) through the services, with a confidential
note carrying a marker that must never reach anyone outside the visit's insiders, and never the
printable programme, whoever prints it.
"""

import io
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from reportlab.pdfgen import canvas

from evaluation_rounds import services, visit_services
from evaluation_rounds.models import (
    CountryVisit,
    EvaluationRound,
    MeetingNote,
    VisitAttachment,
    VisitMeeting,
)
from monitoring import access
from monitoring.access import EXPERTS_GROUP
from monitoring.models import Country, ExpertMember, Organisation

NOTE_MARKER = "NOTE-MARKER-5e1c: the police chief admitted the referral list is empty"
FILE_TITLE = "FILE-MARKER-9b7d signed programme"
PLACE = "Shelter & <Ak Jurok>"  # markup characters must survive HTML and PDF


def small_pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Signed programme of the visit")
    page.save()
    return buffer.getvalue()


@dataclass
class MarkedVisit:
    visit: CountryVisit
    ngo_meeting: VisitMeeting
    attachment: VisitAttachment
    file_bytes: bytes


@pytest.fixture
def marked_visit(demo_data, user_named) -> MarkedVisit:
    secretariat = user_named("secretariat")
    round_nine = EvaluationRound.objects.create(
        number=9, title_en="Round 9", title_ru="Раунд 9", status=EvaluationRound.Status.OPEN
    )
    evaluation = services.evaluation_create(
        round=round_nine, country=Country.objects.get(iso_code="KG"), actor=secretariat
    )
    services.rapporteurs_assign(
        evaluation=evaluation,
        experts=list(ExpertMember.objects.filter(user__username__in=["expert-kz-2", "expert-uz"])),
        actor=secretariat,
    )
    delegate = get_user_model().objects.create_user(
        "expert-delegate", first_name="Dana", last_name="Delegate", password="demo-password"
    )
    delegate.groups.add(Group.objects.get(name=EXPERTS_GROUP))
    start = timezone.localdate() + timedelta(days=30)
    visit = visit_services.visit_create(
        evaluation=evaluation,
        start_date=start,
        end_date=start + timedelta(days=3),
        delegation=[
            user_named("expert-kz-2"),
            user_named("expert-uz"),
            secretariat,
            delegate,
        ],
        actor=secretariat,
    )

    def at(day: int, hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(start + timedelta(days=day), time(hour)))

    kyrgyz = Organisation.objects.filter(country__iso_code="KG")
    visit_services.meeting_add(
        visit=visit,
        starts_at=at(0, 10),
        meeting_type=VisitMeeting.Type.MINISTRY,
        organisation=kyrgyz.get(name_en__startswith="Ministry of Labour"),
        location="Bishkek",
        actor=secretariat,
    )
    ngo_meeting = visit_services.meeting_add(
        visit=visit,
        starts_at=at(1, 15),
        meeting_type=VisitMeeting.Type.NGO,
        organisation=kyrgyz.get(name_en__contains="El Agartuu"),
        location="Osh",
        actor=secretariat,
    )
    visit_services.meeting_add(
        visit=visit,
        starts_at=at(2, 9),
        meeting_type=VisitMeeting.Type.PLACE,
        counterpart=PLACE,
        actor=secretariat,
    )
    visit_services.meeting_note_save(
        meeting=ngo_meeting, text=NOTE_MARKER, actor=user_named("expert-kz-2")
    )
    file_bytes = small_pdf()
    attachment = visit_services.attachment_add(
        visit=visit,
        title=FILE_TITLE,
        uploaded_file=SimpleUploadedFile("programme.pdf", file_bytes),
        actor=secretariat,
    )
    return MarkedVisit(visit, ngo_meeting, attachment, file_bytes)


# role → (admin list and detail, programme HTML and PDF, attachment download, insider)
# 302 on an admin URL is Wagtail sending a respondent (or nobody) to its sign-in page;
# 302 on the programme is the portal's sign-in; 404 is "no such visit for you".
MATRIX = {
    "anonymous": (302, 302, 302, False),
    "secretariat": (200, 200, 200, True),
    "expert-kz-2": (200, 200, 200, True),  # rapporteur, in the delegation
    "expert-delegate": (200, 200, 200, True),  # in the delegation, not a rapporteur
    "expert-kg": (200, 200, 404, False),  # an expert with no part in this evaluation
    "kg-contact": (302, 200, 302, False),  # the visited government reads the programme
    "kg-official": (302, 200, 302, False),
    "kz-contact": (302, 404, 302, False),
    "kz-official": (302, 404, 302, False),
    "ngo-kg": (302, 404, 302, False),
    "ngo-kz": (302, 404, 302, False),
}


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def body(response) -> str:
    """What a reader would find in the response: a PDF is read as text, as a person would."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw.startswith(b"%PDF"):
        return pdf_text(raw)
    return raw.decode()


def refused(response) -> bool:
    """Wagtail turns PermissionDenied inside the admin into a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


@pytest.fixture
def client_for(client, user_named):
    def sign_in(role: str):
        if role != "anonymous":
            client.force_login(user_named(role))
        return client

    return sign_in


@pytest.mark.parametrize("role", list(MATRIX))
def test_visit_confidentiality_matrix(client_for, user_named, marked_visit, role):
    admin_status, programme_status, file_status, insider = MATRIX[role]
    visit = marked_visit.visit
    client = client_for(role)

    listing = client.get(reverse("procedure:visits"))
    detail = client.get(reverse("procedure:visit", args=[visit.pk]))
    programme = client.get(reverse("visit_programme", args=[visit.pk]))
    pdf = client.get(reverse("visit_programme_pdf", args=[visit.pk]))
    download = client.get(reverse("procedure:attachment", args=[marked_visit.attachment.pk]))

    assert listing.status_code == detail.status_code == admin_status
    assert programme.status_code == pdf.status_code == programme_status
    assert download.status_code == file_status
    if admin_status == 302:
        assert detail["Location"].startswith(reverse("wagtailadmin_login"))
    if programme_status == 302:
        assert programme["Location"].startswith(reverse("login"))

    responses = (listing, detail, programme, pdf, download)
    if insider:
        assert NOTE_MARKER in body(detail)
        assert FILE_TITLE in body(detail)
        assert reverse("procedure:attachment", args=[marked_visit.attachment.pk]) in body(detail)
    else:
        for response in responses:
            assert NOTE_MARKER not in body(response)
            assert FILE_TITLE not in body(response)
        if detail.status_code == 200:  # staff outside the visit: not even that notes exist
            note_url = reverse("procedure:note_save", args=[visit.pk, marked_visit.ngo_meeting.pk])
            assert note_url not in body(detail)
            assert "Confidential notes" not in body(detail)

    user = AnonymousUser() if role == "anonymous" else user_named(role)
    notes = access.visible(user, MeetingNote).filter(meeting__visit=visit)
    assert notes.exists() is insider
    assert access.visible(user, VisitAttachment).filter(visit=visit).exists() is insider
    assert access.is_visit_insider(user, visit) is insider


@pytest.mark.parametrize("role", [r for r, row in MATRIX.items() if row[1] == 200])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_programme_never_carries_notes_or_files(client_for, marked_visit, role, language):
    client = client_for(role)
    client.cookies["django_language"] = language
    visit = marked_visit.visit
    html = client.get(reverse("visit_programme", args=[visit.pk])).content.decode()
    pdf = client.get(reverse("visit_programme_pdf", args=[visit.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    for document in (html, text):
        assert NOTE_MARKER not in document and "NOTE-MARKER" not in document
        assert "FILE-MARKER" not in document
        assert ("Эл Агартуу" if language == "ru" else "El Agartuu") in document
    assert "Shelter &amp; &lt;Ak Jurok&gt;" in html
    assert PLACE in text


@pytest.mark.parametrize("role", [r for r, row in MATRIX.items() if row[2] == 200])
def test_attachment_download_is_a_safe_stream(client_for, marked_visit, role):
    response = client_for(role).get(
        reverse("procedure:attachment", args=[marked_visit.attachment.pk])
    )
    assert response.streaming
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == marked_visit.file_bytes


def test_outsider_staff_cannot_write_notes_or_files(client_for, marked_visit):
    visit, meeting = marked_visit.visit, marked_visit.ngo_meeting
    client = client_for("expert-kg")
    note = client.post(
        reverse("procedure:note_save", args=[visit.pk, meeting.pk]), {"text": "overwritten"}
    )
    assert refused(note)
    assert MeetingNote.objects.get(meeting=meeting).text == NOTE_MARKER
    upload = client.post(
        reverse("procedure:attachment_add", args=[visit.pk]),
        {"title": "Mine", "file": SimpleUploadedFile("mine.pdf", small_pdf())},
    )
    assert refused(upload)
    assert visit.attachments.count() == 1


def test_experts_read_but_only_the_secretariat_changes_the_programme(client_for, marked_visit):
    visit, meeting = marked_visit.visit, marked_visit.ngo_meeting
    client = client_for("expert-kz-2")  # a rapporteur: an insider, yet not the secretariat
    delete_url = reverse("procedure:meeting_delete", args=[visit.pk, meeting.pk])
    assert (
        delete_url not in client.get(reverse("procedure:visit", args=[visit.pk])).content.decode()
    )
    assert refused(client.post(delete_url))
    assert VisitMeeting.objects.filter(pk=meeting.pk).exists()
    assert refused(client.get(reverse("procedure:visit_edit", args=[visit.pk])))
    added = client.post(
        reverse("procedure:meeting_add", args=[visit.pk]),
        {
            "starts_at": f"{visit.start_date:%Y-%m-%d}T12:00",
            "meeting_type": "ngo",
            "counterpart": "X",
        },
    )
    assert refused(added)
    assert visit.meetings.count() == 3
