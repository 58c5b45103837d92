"""Country visits: the programme, confidential notes and files, as a matrix over every role."""

import io
from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from reversion.models import Version

from evaluation_rounds import visit_services
from evaluation_rounds.models import (
    CountryEvaluation,
    CountryVisit,
    MeetingNote,
    VisitAttachment,
    VisitMeeting,
)
from monitoring import access
from monitoring.models import Country
from monitoring.system_text import render
from tests.rendered_forms import form_in, submit

NOTE = "Fictional demo note: the NGO described cases of victims referred back to police"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _action(name: str, *args) -> str:
    return f"form[action='{reverse(name, args=args)}']"


def _visit_page(client, visit):
    return client.get(reverse("procedure:visit", args=[visit.pk]))


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
    evaluation = CountryEvaluation.objects.get(country__iso_code="UZ")
    client = login_as("secretariat")
    response = submit(
        client,
        client.get(reverse("procedure:visit_add")),
        "form.procedure-form",
        {
            "evaluation": str(evaluation.pk),
            "start_date": "2026-05-10",
            "end_date": "2026-05-01",
            "delegation": None,
        },
    )
    assert response.status_code == 400
    assert "A visit cannot end before it starts." in response.content.decode()
    assert not CountryVisit.objects.filter(evaluation=evaluation).exists()


def test_meeting_outside_the_visit_is_refused(login_as, kyrgyz_visit):
    before = kyrgyz_visit.meetings.count()
    client = login_as("secretariat")
    response = submit(
        client,
        _visit_page(client, kyrgyz_visit),
        _action("procedure:meeting_add", kyrgyz_visit.pk),
        {"starts_at": "2020-01-01T10:00", "meeting_type": "ngo", "counterpart": "Somebody"},
    )
    assert response.status_code == 400
    assert "must take place during the visit" in response.content.decode()
    assert kyrgyz_visit.meetings.count() == before


def test_meeting_delete_asks_first(login_as, kyrgyz_visit):
    client = login_as("secretariat")
    meeting = kyrgyz_visit.meetings.first()
    url = reverse("procedure:meeting_delete", args=[kyrgyz_visit.pk, meeting.pk])
    confirm = client.get(url)
    assert "Yes, remove it" in confirm.content.decode()
    assert VisitMeeting.objects.filter(pk=meeting.pk).exists()
    submit(client, confirm, "main form[method=post]")
    assert not VisitMeeting.objects.filter(pk=meeting.pk).exists()


def test_rapporteur_writes_notes_and_history_records_them(login_as, user_named, kyrgyz_visit):
    meeting = kyrgyz_visit.meetings.first()
    client = login_as("expert-uz")
    note_form = form_in(
        _visit_page(client, kyrgyz_visit),
        _action("procedure:note_save", kyrgyz_visit.pk, meeting.pk),
    )
    client.post(note_form.action, note_form.data({"text": "Ministry promised data by March."}))
    note = MeetingNote.objects.get(meeting=meeting)
    assert note.author == user_named("expert-uz")
    version = Version.objects.get_for_object(note).first()
    assert version.revision.user == user_named("expert-uz")
    # An expert with no part in the evaluation is shown no notes form; the rapporteur's, sent
    # from this expert's session, is refused.
    client = login_as("expert-kg")
    assert note_form.action not in _visit_page(client, kyrgyz_visit).content.decode()
    refused = client.post(note_form.action, note_form.data({"text": "x"}))
    assert refused.status_code in (302, 403)
    note.refresh_from_db()
    assert note.text == "Ministry promised data by March."


def test_disguised_attachment_is_refused(login_as, kyrgyz_visit):
    client = login_as("secretariat")
    response = submit(
        client,
        _visit_page(client, kyrgyz_visit),
        _action("procedure:attachment_add", kyrgyz_visit.pk),
        {"title": "Report", "file": SimpleUploadedFile("report.pdf", b"MZ\x90\x00" * 20)},
        follow=True,
    )
    assert "does not match its name" in response.content.decode()
    assert kyrgyz_visit.attachments.count() == 1


def test_visit_pages_keep_a_fixed_query_count(
    login_as, user_named, kyrgyz_visit, django_assert_max_num_queries
):
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


# --- Bad input saves nothing, and says why ------------------------------------------------


def test_service_refuses_a_visit_ending_before_it_starts(demo_data, user_named):
    evaluation = CountryEvaluation.objects.get(country__iso_code="UZ")
    versions_before = Version.objects.count()
    with pytest.raises(ValidationError, match=r"A visit cannot end before it starts\."):
        visit_services.visit_create(
            evaluation=evaluation,
            start_date=date(2026, 5, 10),
            end_date=date(2026, 5, 1),
            delegation=[user_named("secretariat")],
            actor=user_named("secretariat"),
        )
    assert not CountryVisit.objects.filter(evaluation=evaluation).exists()
    assert Version.objects.count() == versions_before


def test_editing_a_visit_to_end_before_it_starts_is_refused(login_as, kyrgyz_visit):
    start, end = kyrgyz_visit.start_date, kyrgyz_visit.end_date
    client = login_as("secretariat")
    response = submit(
        client,
        client.get(reverse("procedure:visit_edit", args=[kyrgyz_visit.pk])),
        "form.procedure-form",
        {"start_date": end.isoformat(), "end_date": start.isoformat()},
    )
    assert response.status_code == 400
    assert "A visit cannot end before it starts." in response.content.decode()
    kyrgyz_visit.refresh_from_db()
    assert (kyrgyz_visit.start_date, kyrgyz_visit.end_date) == (start, end)


def test_a_visit_never_changes_evaluation(login_as, kyrgyz_visit):
    other = CountryEvaluation.objects.get(country__iso_code="UZ")
    client = login_as("secretariat")
    form = form_in(
        client.get(reverse("procedure:visit_edit", args=[kyrgyz_visit.pk])), "form.procedure-form"
    )
    assert "evaluation" not in form.names  # the edit form does not offer it
    payload = form.data()
    payload["evaluation"] = [str(other.pk)]  # sent anyway, by hand
    response = client.post(form.action, payload)
    assert response.status_code == 302
    kyrgyz_visit.refresh_from_db()
    assert kyrgyz_visit.evaluation.country.iso_code == "KG"


def test_meeting_dates_are_the_visits_local_days(user_named, kyrgyz_visit):
    """The last evening of the visit (Almaty time) is inside; the next morning is not."""
    secretariat = user_named("secretariat")
    last_evening = timezone.make_aware(datetime.combine(kyrgyz_visit.end_date, time(23, 30)))
    visit_services.meeting_add(
        visit=kyrgyz_visit,
        starts_at=last_evening,
        meeting_type="ngo",
        counterpart="Late dinner",
        actor=secretariat,
    )
    before, versions_before = kyrgyz_visit.meetings.count(), Version.objects.count()
    with pytest.raises(ValidationError) as refused:
        visit_services.meeting_add(
            visit=kyrgyz_visit,
            starts_at=last_evening + timedelta(hours=1),
            meeting_type="ngo",
            counterpart="Too late",
            actor=secretariat,
        )
    assert "must take place during the visit" in refused.value.message_dict["starts_at"][0]
    assert kyrgyz_visit.meetings.count() == before
    assert Version.objects.count() == versions_before


# --- History: who changed what ------------------------------------------------------------


def test_meetings_and_notes_record_who_changed_them(login_as, user_named, kyrgyz_visit):
    client = login_as("secretariat")
    submit(
        client,
        _visit_page(client, kyrgyz_visit),
        _action("procedure:meeting_add", kyrgyz_visit.pk),
        {
            "starts_at": f"{kyrgyz_visit.start_date:%Y-%m-%d}T17:00",
            "meeting_type": "international",
            "counterpart": "IOM country office",
            "location": "Bishkek",
        },
    )
    meeting = kyrgyz_visit.meetings.get(counterpart="IOM country office")
    revision = Version.objects.get_for_object(meeting).get().revision
    assert revision.user == user_named("secretariat")
    assert "Meeting added" in render(revision.get_comment())

    client = login_as("expert-kz-2")
    submit(
        client,
        _visit_page(client, kyrgyz_visit),
        _action("procedure:note_save", kyrgyz_visit.pk, meeting.pk),
        {"text": "IOM runs the only hotline."},
    )
    note = MeetingNote.objects.get(meeting=meeting)
    revision = Version.objects.get_for_object(note).get().revision
    assert revision.user == user_named("expert-kz-2")
    assert "hotline" not in revision.get_comment()  # comments are read by all staff


def test_history_shows_removed_meetings_and_who_removed_them(login_as, user_named, kyrgyz_visit):
    client = login_as("secretariat")
    meeting = kyrgyz_visit.meetings.filter(organisation__isnull=False).first()
    confirm = client.get(reverse("procedure:meeting_delete", args=[kyrgyz_visit.pk, meeting.pk]))
    submit(client, confirm, "main form[method=post]")
    history = client.get(reverse("procedure:visit", args=[kyrgyz_visit.pk])).content.decode()
    assert "Meeting removed" in history
    assert meeting.organisation.name.replace('"', "&quot;") in history
    assert f"{user_named('secretariat').get_full_name()}: Meeting removed" in history


# --- Listing ------------------------------------------------------------------------------


def test_listing_filters_and_pages_keep_the_filters(login_as, user_named, kyrgyz_visit):
    kyrgyzstan = Country.objects.get(iso_code="KG")
    for n in range(26):
        start = kyrgyz_visit.start_date - timedelta(days=10 * (n + 1))
        visit_services.visit_create(
            evaluation=kyrgyz_visit.evaluation,
            start_date=start,
            end_date=start + timedelta(days=2),
            delegation=[],
            actor=user_named("secretariat"),
        )
    client = login_as("expert-kg")
    first = client.get(reverse("procedure:visits"), {"country": kyrgyzstan.pk}).content.decode()
    assert f"country={kyrgyzstan.pk}&amp;page=2" in first
    second = client.get(reverse("procedure:visits"), {"country": kyrgyzstan.pk, "page": 2})
    assert second.context["page"].object_list[0].evaluation.country == kyrgyzstan
    assert len(second.context["page"].object_list) == 27 - 25
    kazakhstan = Country.objects.get(iso_code="KZ")
    kazakh = client.get(reverse("procedure:visits"), {"country": kazakhstan.pk})
    assert {v.evaluation.country for v in kazakh.context["page"].object_list} == {kazakhstan}


# --- Query counts: 3 meetings or 40, the same number of queries ---------------------------


@pytest.fixture
def three_meeting_visit(demo_data, user_named):
    secretariat = user_named("secretariat")
    evaluation = CountryEvaluation.objects.get(country__iso_code="KG")
    visit = visit_services.visit_create(
        evaluation=evaluation,
        start_date=date(2027, 3, 1),
        end_date=date(2027, 3, 5),
        delegation=[secretariat, user_named("expert-kz-2")],
        actor=secretariat,
    )

    def add(n: int) -> None:
        meeting = visit_services.meeting_add(
            visit=visit,
            starts_at=timezone.make_aware(datetime(2027, 3, 1 + n % 5, 8 + n % 10)),
            meeting_type="ngo" if n % 2 else "ministry",
            counterpart=f"Counterpart {n}",
            location=f"Room {n}",
            actor=secretariat,
        )
        visit_services.meeting_note_save(meeting=meeting, text=f"Note {n}", actor=secretariat)

    for n in range(3):
        add(n)
    visit.add_meeting = add
    return visit


@pytest.mark.parametrize(
    ("username", "url_name"),
    [
        ("secretariat", "procedure:visit"),  # insider: notes, files, forms
        ("expert-kg", "procedure:visit"),  # staff outside the visit
        ("secretariat", "visit_programme"),
        ("kg-contact", "visit_programme"),
    ],
)
def test_query_count_does_not_grow_with_the_programme(
    login_as, three_meeting_visit, django_assert_max_num_queries, username, url_name
):
    client = login_as(username)
    url = reverse(url_name, args=[three_meeting_visit.pk])
    client.get(url)  # warm the per-process caches (content types, site, locale)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    for n in range(3, 40):
        three_meeting_visit.add_meeting(n)
    assert three_meeting_visit.meetings.count() == 40
    with django_assert_max_num_queries(len(small.captured_queries)):
        content = client.get(url).content.decode()
    assert "Counterpart 39" in content
