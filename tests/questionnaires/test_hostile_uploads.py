"""A respondent's hostile uploads are refused through the portal's own forms before anything
is parsed or stored: a workbook of a million cells or a zip bomb as the offline workbook, and a
zip bomb as a file answer. A real workbook still goes through. (The checks themselves:
tests/monitoring/test_upload_limits.py.)"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from evaluation_rounds.models import EvaluationRound
from evaluation_rounds.services import evaluation_create
from monitoring.models import Country, Organisation
from monitoring.services import membership_grant, user_upsert
from questionnaires import structure_services
from questionnaires.models import Answer, AnswerFile, Question, Questionnaire
from tests import hostile_files
from tests.rendered_forms import submit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_FORM = "form[enctype='multipart/form-data']"


@pytest.fixture
def tajik_response(demo_data, user_named, client):
    """Tajikistan's own response to a questionnaire of a new round, and its contact person
    signed in."""
    secretariat = user_named("secretariat")
    round_seven = EvaluationRound.objects.create(
        number=7, title_en="R7", title_ru="Р7", status="open"
    )
    questionnaire = structure_services.questionnaire_clone(
        source=Questionnaire.objects.get(round__number=1, audience="government"),
        round=round_seven,
        actor=secretariat,
    )
    structure_services.questionnaire_freeze(questionnaire=questionnaire, actor=secretariat)
    tajikistan = Country.objects.get(iso_code="TJ")
    evaluation = evaluation_create(round=round_seven, country=tajikistan, actor=secretariat)
    contact = user_upsert(
        username="tj-contact", first_name="Nilufar", last_name="Saidova", email="tj@example.org"
    )
    membership_grant(
        user=contact,
        organisation=Organisation.objects.get(country=tajikistan, is_national_government=True),
        role="contact_person",
    )
    responses = structure_services.questionnaire_dispatch(
        evaluation=evaluation, questionnaire=questionnaire, actor=secretariat
    )
    client.force_login(contact)
    return responses[0]


def stored_state(response):
    return (
        list(Answer.objects.filter(response=response).values_list("pk", "version")),
        AnswerFile.objects.count(),
        Version.objects.count(),
    )


def upload_workbook(client, response, content: bytes):
    page = client.get(reverse("portal:workbook_upload", args=[response.pk]))
    assert page.status_code == 200
    workbook = SimpleUploadedFile("answers.xlsx", content, content_type=XLSX)
    return submit(client, page, UPLOAD_FORM, {"workbook": workbook})


@pytest.mark.parametrize(
    ("hostile", "message"),
    [
        (
            hostile_files.million_cell_workbook,
            "The workbook has 1000000 cells; at most 200000 are read.",
        ),
        (
            lambda: hostile_files.zip_bomb("xlsx"),
            "The file takes 1024 MB once unpacked; the limit is 50 MB.",
        ),
    ],
    ids=["million-cells", "zip-bomb"],
)
def test_a_hostile_workbook_is_refused_and_nothing_is_saved(
    client, tajik_response, hostile, message
):
    before = stored_state(tajik_response)
    refused = upload_workbook(client, tajik_response, hostile())
    assert refused.status_code == 400
    assert message in refused.content.decode()
    assert "Nothing was saved" in refused.content.decode()
    assert stored_state(tajik_response) == before


def test_the_downloaded_workbook_still_uploads(client, tajik_response):
    content = client.get(reverse("portal:workbook", args=[tajik_response.pk])).content
    uploaded = upload_workbook(client, tajik_response, content)
    assert uploaded.status_code == 302
    assert uploaded["Location"] == reverse("portal:response", args=[tajik_response.pk])


def test_a_zip_bomb_as_a_file_answer_is_refused_and_not_stored(client, tajik_response):
    question = Question.objects.get(
        section__questionnaire=tajik_response.questionnaire, question_type="file"
    )
    section_url = reverse("portal:section", args=[tajik_response.pk, question.section_id])
    page = client.get(section_url)
    assert page.status_code == 200
    bomb = SimpleUploadedFile("sop.docx", hostile_files.zip_bomb("docx"))
    refused = submit(client, page, f"#upload-{question.pk}", {"file": bomb}, follow=True)
    assert refused.redirect_chain == [(section_url, 302)]
    assert "The file takes 1024 MB once unpacked; the limit is 200 MB." in refused.content.decode()
    assert not AnswerFile.objects.exists()
    assert not Answer.objects.filter(response=tajik_response, question=question).exists()
