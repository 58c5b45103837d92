"""An answer's history: who changed what, a word-level diff, and restoring by the secretariat."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from demo.seed.questionnaires import FormData
from monitoring import text_diff
from questionnaires import history, services
from questionnaires.models import Answer


def test_word_diff():
    parts = text_diff.word_diff("victims were identified in 2023", "victims were referred in 2024")
    assert [(p.kind, p.text) for p in parts] == [
        ("same", "victims were"),
        ("removed", "identified"),
        ("added", "referred"),
        ("same", "in"),
        ("removed", "2023"),
        ("added", "2024"),
    ]


@pytest.fixture
def edited_answer(kg_government_response, question_in, user_named):
    question = question_in(kg_government_response, "7.1")
    contact = user_named("kg-contact")
    for version, text in enumerate(
        ["NGOs are consulted yearly.", "NGOs are consulted every quarter."]
    ):
        services.answer_save(
            response=kg_government_response,
            question=question,
            data=FormData({f"q{question.pk}": text}),
            actor=contact,
            expected_version=version,
        )
    return Answer.objects.get(response=kg_government_response, question=question)


def test_history_page_shows_who_and_the_diff(login_as, edited_answer):
    url = reverse(
        "questionnaire_builder:answer_history",
        args=[edited_answer.response_id, edited_answer.question_id],
    )
    content = login_as("expert-kg").get(url).content.decode()
    assert "Gulnara Sultanbekova" in content
    assert "<del>yearly.</del>" in content and "<ins>every quarter.</ins>" in content
    assert "Restore this version" not in content  # experts read, the secretariat restores


def test_secretariat_restores_an_earlier_version(login_as, edited_answer):
    first = history.answer_history(edited_answer, edited_answer.updated_by)[-1].version
    url = reverse(
        "questionnaire_builder:answer_history",
        args=[edited_answer.response_id, edited_answer.question_id],
    )
    login_as("secretariat").post(url, {"version": first.pk})
    edited_answer.refresh_from_db()
    assert edited_answer.value == {"text": "NGOs are consulted yearly."}
    assert edited_answer.version == 3
    # restoring added a version
    assert len(history.answer_history(edited_answer, edited_answer.updated_by)) == 3


def test_only_the_secretariat_restores(edited_answer, user_named):
    first = history.answer_history(edited_answer, edited_answer.updated_by)[-1].version
    with pytest.raises(PermissionDenied):
        history.answer_restore(
            answer=edited_answer, version_id=first.pk, actor=user_named("expert-kg")
        )


def test_government_cannot_open_the_admin_history(login_as, edited_answer):
    url = reverse(
        "questionnaire_builder:answer_history",
        args=[edited_answer.response_id, edited_answer.question_id],
    )
    assert login_as("kg-contact").get(url).status_code == 302


def test_the_history_written_in_english_reads_in_russian(login_as, user_named, edited_answer):
    """The revision comments ("Saved") were written by an English session; a Russian reader
    reads them in Russian."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user_named("expert-kg"))
    profile.preferred_language = "ru"
    profile.save()
    url = reverse(
        "questionnaire_builder:answer_history",
        args=[edited_answer.response_id, edited_answer.question_id],
    )
    content = login_as("expert-kg").get(url).content.decode()
    assert "· Сохранено" in content
    assert "· Saved" not in content and "· Late save" not in content and "sys:" not in content
