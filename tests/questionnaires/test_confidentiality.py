"""A confidential NGO answer never reaches a government user: every role against every view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitoring import access
from questionnaires import services
from questionnaires.models import Answer, AnswerFile

MARKER = "Police in Osh returned two victims to their employer."

# role → status of El Agartuu's response pages, and whether the confidential answer is visible
MATRIX = {
    "secretariat": (200, True),
    "expert-tm": (200, True),
    "expert-kg": (200, False),  # of Kyrgyz nationality: stands aside from Kyrgyzstan's
    "ngo-kg": (200, True),
    "ngo-kz": (404, False),
    "kg-contact": (404, False),
    "kg-official": (404, False),
    "kz-contact": (404, False),
}


@pytest.fixture
def confidential_answer(kg_ngo_response, question_in, user_named):
    question = question_in(kg_ngo_response, "2.2")
    stored = Answer.objects.get(response=kg_ngo_response, question=question)
    result = services.answer_save(
        response=kg_ngo_response,
        question=question,
        data={f"q{question.pk}": MARKER},
        actor=user_named("ngo-kg"),
        expected_version=stored.version,
    )
    assert result.saved and result.answer.is_confidential
    return result.answer


@pytest.mark.parametrize("username", sorted(MATRIX))
def test_confidential_answer_matrix(
    login_as, user_named, kg_ngo_response, confidential_answer, username
):
    status, sees_answer = MATRIX[username]
    client = login_as(username)
    pages = [
        client.get(reverse("portal:response", args=[kg_ngo_response.pk])),
        client.get(
            reverse(
                "portal:section", args=[kg_ngo_response.pk, confidential_answer.question.section_id]
            )
        ),
    ]
    assert [page.status_code for page in pages] == [status, status]
    assert (MARKER in pages[1].content.decode()) is sees_answer
    visible = access.visible(user_named(username), Answer).filter(pk=confidential_answer.pk)
    assert visible.exists() is sees_answer


def test_government_never_sees_confidential_answers_even_of_its_own_country(
    user_named, kg_ngo_response, confidential_answer
):
    for username in ("kg-contact", "kg-official"):
        answers = access.visible(user_named(username), Answer).filter(response=kg_ngo_response)
        assert not answers.exists()


def test_whole_response_confidential_toggle(login_as, kg_ngo_response):
    client = login_as("ngo-kg")
    client.post(reverse("portal:confidential", args=[kg_ngo_response.pk]), {"confidential": "on"})
    kg_ngo_response.refresh_from_db()
    assert kg_ngo_response.is_confidential
    content = client.get(reverse("portal:response", args=[kg_ngo_response.pk])).content.decode()
    assert "never shown to any government official" in content


def test_uploaded_file_download_follows_the_answer_rules(
    login_as, user_named, kg_ngo_response, question_in
):
    from questionnaires.models import Question, Section

    section = Section.objects.filter(questionnaire=kg_ngo_response.questionnaire).first()
    question = Question.objects.create(
        section=section,
        code="1.9",
        question_type="file",
        text_en="Evidence",
        text_ru="Доказательства",
    )
    pdf = SimpleUploadedFile(
        "report.pdf",
        b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n",
        content_type="application/pdf",
    )
    stored = services.answer_file_add(
        response=kg_ngo_response, question=question, uploaded_file=pdf, actor=user_named("ngo-kg")
    )
    url = reverse("portal:answer_file", args=[stored.pk])
    owner = login_as("ngo-kg").get(url)
    assert owner.status_code == 200
    assert owner["Content-Disposition"].startswith("attachment")
    assert b"".join(owner.streaming_content).startswith(b"%PDF")
    for username in ("kg-contact", "ngo-kz"):
        assert login_as(username).get(url).status_code == 404
    assert AnswerFile.objects.filter(pk=stored.pk).exists()
