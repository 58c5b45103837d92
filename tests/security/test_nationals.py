"""Nationals stand aside (GRETA's rule): a member of the expert group never reads her own
country's confidential material — NGO answers and responses marked confidential, the notes and
files of the country visit, the government's comments on the draft — on any back-office screen,
export or queryset. Another expert and the secretariat still do.

expert-kg is of Kyrgyz nationality, expert-tm of Turkmen; the material is built here through
the services, about Kyrgyzstan."""

import io
from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from evaluation_rounds import services as procedure
from evaluation_rounds import visit_services
from evaluation_rounds.models import EvaluationRound, MeetingNote, VisitAttachment, VisitMeeting
from monitoring import access
from monitoring.models import Country, ExpertMember, Organisation
from questionnaires import services as answering
from questionnaires.models import Answer, Question, Response
from reports import services as reporting
from reports.models import GovernmentComment, Report
from tests.rendered_forms import submit

ANSWER_MARKER = "ANSWER-MARKER-41d0: the shelter in Osh turned two women away"
NOTE_MARKER = "NOTE-MARKER-8c2e: the inspector named the employer"
FILE_TITLE = "FILE-MARKER-3a9f list of interviewed victims"
COMMENT_MARKER = "COMMENT-MARKER-77f1: paragraph 3 overstates the shelter budget"

# who reads Kyrgyzstan's confidential material
READERS = {"secretariat": True, "expert-tm": True, "expert-kg": False}


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw.startswith(b"%PDF"):
        return _pdf_text(raw)
    return raw.decode("utf-8-sig", errors="replace")


def _workbook_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


@pytest.fixture
def el_agartuu(demo_data) -> Response:
    return Response.objects.get(organisation__name_en='Public Association "El Agartuu"')


@pytest.fixture
def confidential_answer(el_agartuu, user_named) -> Answer:
    """A text answer of El Agartuu, which it keeps confidential."""
    ngo = user_named("ngo-kg")
    question = (
        Question.objects.filter(
            section__questionnaire=el_agartuu.questionnaire, question_type="long_text"
        )
        .order_by("section__sort_order", "sort_order")
        .first()
    )
    stored = Answer.objects.filter(response=el_agartuu, question=question).first()
    result = answering.answer_save(
        response=el_agartuu,
        question=question,
        data={f"q{question.pk}": ANSWER_MARKER},
        actor=ngo,
        expected_version=stored.version if stored else None,
    )
    assert result.saved, result.errors
    return _mark(el_agartuu, question, True, ngo)


def _mark(response, question, confidential: bool, actor) -> Answer:
    """Mark an answer as the NGO's page does: against the version it read."""
    seen = Answer.objects.get(response=response, question=question).version
    result = answering.answer_set_confidential(
        response=response,
        question=question,
        confidential=confidential,
        actor=actor,
        expected_version=seen,
    )
    assert result.saved, result.errors
    return result.answer


@pytest.mark.parametrize("username", sorted(READERS))
def test_confidential_answers_of_the_own_country(
    login_as, user_named, el_agartuu, confidential_answer, username
):
    reads = READERS[username]
    client = login_as(username)
    pages = [
        client.get(reverse("questionnaire_reading:response", args=[el_agartuu.pk])),
        client.get(reverse("questionnaire_reading:response_csv", args=[el_agartuu.pk])),
        client.get(reverse("questionnaire_reading:response_xlsx", args=[el_agartuu.pk])),
        client.get(reverse("questionnaire_reading:response_pdf", args=[el_agartuu.pk])),
        client.get(
            reverse("questionnaire_reading:compare", args=[confidential_answer.question_id])
        ),
    ]
    assert [page.status_code for page in pages] == [200] * len(pages)
    texts = [_body(page) for index, page in enumerate(pages) if index != 2] + [
        _workbook_text(pages[2].content)
    ]
    assert [ANSWER_MARKER in text for text in texts] == [reads] * len(texts)
    history = client.get(
        reverse(
            "questionnaire_builder:answer_history",
            args=[el_agartuu.pk, confidential_answer.question_id],
        )
    )
    assert history.status_code == (200 if reads else 404)
    user = user_named(username)
    assert access.visible(user, Answer).filter(pk=confidential_answer.pk).exists() is reads
    # The same answer, once no longer confidential, is read by every expert.
    _mark(el_agartuu, confidential_answer.question, False, user_named("ngo-kg"))
    assert access.visible(user, Answer).filter(pk=confidential_answer.pk).exists()


@pytest.mark.parametrize("username", sorted(READERS))
def test_a_confidential_ngo_response_of_the_own_country(
    login_as, user_named, el_agartuu, confidential_answer, username
):
    _mark(el_agartuu, confidential_answer.question, False, user_named("ngo-kg"))
    answering.response_set_confidential(
        response=el_agartuu, confidential=True, actor=user_named("ngo-kg")
    )
    reads = READERS[username]
    user = user_named(username)
    assert access.visible(user, Response).filter(pk=el_agartuu.pk).exists() is reads
    assert access.visible(user, Answer).filter(pk=confidential_answer.pk).exists() is reads
    client = login_as(username)
    page = client.get(reverse("questionnaire_reading:response", args=[el_agartuu.pk]))
    assert page.status_code == (200 if reads else 404)
    round_export = client.get(
        reverse("questionnaire_reading:round_xlsx", args=[el_agartuu.evaluation.round_id])
    )
    assert round_export.status_code == 200
    index = _body(client.get(reverse("questionnaire_reading:index")))
    assert (reverse("questionnaire_reading:response", args=[el_agartuu.pk]) in index) is reads


@pytest.fixture
def kyrgyz_visit(demo_data, user_named):
    """A visit to Kyrgyzstan (round 9) with expert-kg in the delegation, a note and a file."""
    secretariat = user_named("secretariat")
    round_nine = EvaluationRound.objects.create(
        number=9, title_en="Round 9", title_ru="Раунд 9", status=EvaluationRound.Status.OPEN
    )
    evaluation = procedure.evaluation_create(
        round=round_nine, country=Country.objects.get(iso_code="KG"), actor=secretariat
    )
    procedure.rapporteurs_assign(
        evaluation=evaluation,
        experts=list(ExpertMember.objects.filter(user__username__in=["expert-kz-2", "expert-uz"])),
        actor=secretariat,
    )
    start = timezone.localdate() + timedelta(days=30)
    visit = visit_services.visit_create(
        evaluation=evaluation,
        start_date=start,
        end_date=start + timedelta(days=2),
        delegation=[user_named("expert-kz-2"), user_named("expert-kg"), user_named("expert-tm")],
        actor=secretariat,
    )
    meeting = visit_services.meeting_add(
        visit=visit,
        starts_at=timezone.make_aware(datetime.combine(start, time(10))),
        meeting_type=VisitMeeting.Type.NGO,
        organisation=Organisation.objects.get(name_en__contains="El Agartuu"),
        actor=secretariat,
    )
    visit_services.meeting_note_save(meeting=meeting, text=NOTE_MARKER, actor=secretariat)
    attachment = visit_services.attachment_add(
        visit=visit,
        title=FILE_TITLE,
        uploaded_file=SimpleUploadedFile("list.txt", b"names"),
        actor=secretariat,
    )
    return visit, meeting, attachment


@pytest.mark.parametrize("username", sorted(READERS))
def test_visit_notes_and_files_of_the_own_country(login_as, user_named, kyrgyz_visit, username):
    visit, meeting, attachment = kyrgyz_visit
    reads = READERS[username]
    user = user_named(username)
    assert access.is_visit_insider(user, visit) is reads
    assert access.visible(user, MeetingNote).filter(meeting=meeting).exists() is reads
    assert access.visible(user, VisitAttachment).filter(pk=attachment.pk).exists() is reads
    client = login_as(username)
    detail = _body(client.get(reverse("procedure:visit", args=[visit.pk])))
    assert (NOTE_MARKER in detail) is reads
    assert (FILE_TITLE in detail) is reads
    download = client.get(reverse("procedure:attachment", args=[attachment.pk]))
    assert download.status_code == (200 if reads else 404)
    if not reads:  # nor may she write them
        with pytest.raises(PermissionDenied):
            visit_services.meeting_note_save(meeting=meeting, text="mine", actor=user)


@pytest.fixture
def draft_comment(demo_data, user_named) -> GovernmentComment:
    """Kyrgyzstan's official comments on the draft report, submitted."""
    report = Report.objects.get(evaluation__country__iso_code="KG", kind=Report.Kind.EVALUATION)
    GovernmentComment.objects.filter(report=report).delete()  # the demo's, to start clean
    comment = reporting.comment_add(
        report=report, text=COMMENT_MARKER, actor=user_named("kg-official")
    )
    reporting.comments_submit(report=report, actor=user_named("kg-contact"))
    comment.refresh_from_db()
    return comment


@pytest.mark.parametrize("username", sorted(READERS))
def test_draft_comments_of_the_own_government(login_as, user_named, draft_comment, username):
    reads = READERS[username]
    user = user_named(username)
    assert access.visible(user, GovernmentComment).filter(pk=draft_comment.pk).exists() is reads
    editor = login_as(username).get(reverse("reports:editor", args=[draft_comment.report_id]))
    assert editor.status_code == 200
    assert (COMMENT_MARKER in editor.content.decode()) is reads


def test_a_national_reads_the_final_comments_not_the_draft_ones(demo_data, user_named):
    """Kazakhstan's published report: its final comments are public, its draft ones are not
    for its national expert."""
    published = Report.objects.get(evaluation__country__iso_code="KZ", published_at__isnull=False)
    comments = GovernmentComment.objects.filter(report=published)
    assert {"draft", "final"} <= set(comments.values_list("kind", flat=True))
    seen = access.visible(user_named("expert-kz"), GovernmentComment).filter(report=published)
    assert set(seen.values_list("pk", flat=True)) == set(
        comments.filter(kind="final").values_list("pk", flat=True)
    )


def test_the_principal_still_costs_two_queries(user_named, django_assert_num_queries):
    expert = user_named("expert-kg")
    with django_assert_num_queries(2):
        principal = access.principal_for(expert)
        access.principal_for(expert)
    assert principal.own_country_ids == {Country.objects.get(iso_code="KG").pk}
    assert not access.principal_for(user_named("secretariat")).own_country_ids


SECRET_VERSION = "SECRET-VERSION-5be1 the safe house on Lenin street"


@pytest.mark.parametrize("username", sorted(READERS))
def test_an_answer_opened_later_keeps_its_confidential_versions_from_nationals(
    login_as, user_named, el_agartuu, confidential_answer, username
):
    """The NGO wrote a version while the answer was confidential, then rewrote it and opened
    it: every expert now reads the answer, but a national never reads the confidential
    version, neither as an entry nor through the next entry's diff."""
    ngo = user_named("ngo-kg")
    question = confidential_answer.question
    for text in (SECRET_VERSION, "Shelters report to the ministry every quarter."):
        result = answering.answer_save(
            response=el_agartuu,
            question=question,
            data={f"q{question.pk}": text},
            actor=ngo,
            expected_version=Answer.objects.get(pk=confidential_answer.pk).version,
        )
        assert result.saved, result.errors
    _mark(el_agartuu, question, False, ngo)

    page = login_as(username).get(
        reverse("questionnaire_builder:answer_history", args=[el_agartuu.pk, question.pk])
    )
    assert page.status_code == 200
    content = page.content.decode()
    assert "Shelters report to the ministry every quarter." in content
    assert ("SECRET-VERSION-5be1" in content) is READERS[username]
    assert ("ANSWER-MARKER-41d0" in content) is READERS[username]


@pytest.mark.parametrize("username", sorted(READERS))
def test_a_response_opened_later_keeps_what_it_said_while_confidential_from_nationals(
    login_as, user_named, el_agartuu, confidential_answer, username
):
    """The NGO keeps its whole response confidential through the portal, writes, rewrites,
    then opens the response there and writes once more. Every expert reads the answer and its
    history since the opening, a national not the version written before the text it opened."""
    ngo = user_named("ngo-kg")
    question = confidential_answer.question
    _mark(el_agartuu, question, False, ngo)
    portal = login_as("ngo-kg")
    confidentiality = 'form[action$="/confidential/"]'
    page = portal.get(reverse("portal:response", args=[el_agartuu.pk]))
    submit(portal, page, confidentiality, {"confidential": "on"})
    el_agartuu.refresh_from_db()
    assert el_agartuu.is_confidential
    for text in (SECRET_VERSION, "Shelters report to the ministry every quarter."):
        _write(el_agartuu, question, text, ngo)
    page = portal.get(reverse("portal:response", args=[el_agartuu.pk]))
    submit(portal, page, confidentiality, {"confidential": None})
    el_agartuu.refresh_from_db()
    assert not el_agartuu.is_confidential and el_agartuu.confidential_until is not None
    _write(el_agartuu, question, "Shelters report to the ministry every month.", ngo)

    page = login_as(username).get(
        reverse("questionnaire_builder:answer_history", args=[el_agartuu.pk, question.pk])
    )
    assert page.status_code == 200
    content = page.content.decode()
    assert "every quarter." in content and "month." in content
    assert ("SECRET-VERSION-5be1" in content) is READERS[username]


def _write(response, question, text: str, actor) -> None:
    result = answering.answer_save(
        response=response,
        question=question,
        data={f"q{question.pk}": text},
        actor=actor,
        expected_version=Answer.objects.get(response=response, question=question).version,
    )
    assert result.saved, result.errors
