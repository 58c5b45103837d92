"""Answering in the portal: autosave, the plain Save button, conflicts, late saves, history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from questionnaires.models import Answer


def autosave(client, response, question, version, **fields):
    return client.post(
        reverse("portal:autosave", args=[response.pk, question.pk]),
        {"version": str(version), **fields},
    )


def test_autosave_saves_and_bumps_the_version(login_as, kg_government_response, question_in):
    client = login_as("kg-contact")
    question = question_in(kg_government_response, "5.1")
    result = autosave(
        client,
        kg_government_response,
        question,
        0,
        **{f"q{question.pk}": "Art. 166 and art. 167 of the Criminal Code."},
    )
    assert result.status_code == 200
    assert result.json()["version"] == 1
    answer = Answer.objects.get(response=kg_government_response, question=question)
    assert answer.value == {"text": "Art. 166 and art. 167 of the Criminal Code."}
    assert answer.is_answered and not answer.is_late
    version = Version.objects.get_for_object(answer).first()
    assert version.revision.user.username == "kg-contact"


def test_invalid_cell_saves_nothing(login_as, kg_government_response, question_in):
    client = login_as("kg-official")
    table = question_in(kg_government_response, "3.3")
    before = Answer.objects.get(response=kg_government_response, question=table)
    result = autosave(
        client, kg_government_response, table, before.version, **{f"q{table.pk}-2021-women": "-4"}
    )
    assert result.status_code == 422
    assert result.json()["errors"] == {f"q{table.pk}-2021-women": "A count cannot be negative."}
    after = Answer.objects.get(pk=before.pk)
    assert (after.value, after.version) == (before.value, before.version)


def test_stale_version_is_a_conflict_and_loses_nothing(
    login_as, client, kg_government_response, question_in, user_named
):
    question = question_in(kg_government_response, "5.2")
    contact = login_as("kg-contact")
    assert (
        autosave(
            contact, kg_government_response, question, 0, **{f"q{question.pk}": "First text"}
        ).status_code
        == 200
    )
    # A colleague's browser still holds version 0.
    result = autosave(
        contact, kg_government_response, question, 0, **{f"q{question.pk}": "Second text"}
    )
    assert result.status_code == 409
    assert result.json()["conflict"]["text"] == "First text"
    assert Answer.objects.get(response=kg_government_response, question=question).value == {
        "text": "First text"
    }


def test_plain_form_conflict_shows_both_texts(login_as, kg_government_response, question_in):
    client = login_as("kg-contact")
    question = question_in(kg_government_response, "5.2")
    autosave(client, kg_government_response, question, 0, **{f"q{question.pk}": "Theirs"})
    section = question.section
    url = reverse("portal:section", args=[kg_government_response.pk, section.pk])
    fields = {f"v{q.pk}": "0" for q in section.questions.all()}
    fields[f"q{question.pk}"] = "Mine"
    response = client.post(url, fields)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else saved this answer" in content
    assert "Theirs" in content and "Mine" in content
    # Saving again with the version now shown keeps the user's text.
    stored = Answer.objects.get(response=kg_government_response, question=question)
    fields[f"v{question.pk}"] = str(stored.version)
    client.post(url, fields)
    stored.refresh_from_db()
    assert stored.value == {"text": "Mine"}


def test_plain_save_button_works_without_javascript(login_as, kg_government_response, question_in):
    client = login_as("kg-contact")
    question = question_in(kg_government_response, "6.1")
    url = reverse("portal:section", args=[kg_government_response.pk, question.section_id])
    response = client.post(
        url,
        {
            f"q{question.pk}-choice": "no",
            f"q{question.pk}-explanation": "Planned for 2026.",
            f"v{question.pk}": "0",
        },
        follow=True,
    )
    assert "All answers in this section are saved." in response.content.decode()
    assert Answer.objects.get(response=kg_government_response, question=question).value == {
        "choice": "no",
        "explanation": "Planned for 2026.",
    }


def test_late_save_is_allowed_and_marked(login_as, kg_government_response, question_in):
    kg_government_response.due_on = timezone.localdate() - timedelta(days=3)
    kg_government_response.save()
    client = login_as("kg-contact")
    question = question_in(kg_government_response, "7.1")
    result = autosave(
        client, kg_government_response, question, 0, **{f"q{question.pk}": "Late but here."}
    )
    assert result.status_code == 200 and result.json()["late"] is True
    assert Answer.objects.get(response=kg_government_response, question=question).is_late


def test_official_writes_only_the_sections_shared_with_them(
    login_as, kg_government_response, question_in
):
    client = login_as("kg-official")
    shared = question_in(kg_government_response, "4.2")
    not_shared = question_in(kg_government_response, "5.1")
    assert (
        autosave(
            client,
            kg_government_response,
            shared,
            0,
            **{f"q{shared.pk}": "Shelters in Bishkek and Osh."},
        ).status_code
        == 200
    )
    assert (
        autosave(
            client, kg_government_response, not_shared, 0, **{f"q{not_shared.pk}": "x"}
        ).status_code
        == 403
    )
    page = client.get(
        reverse("portal:section", args=[kg_government_response.pk, not_shared.section_id])
    )
    assert "data-autosave-url" not in page.content.decode()


def test_locked_response_refuses_saves(login_as, kz_government_response, question_in):
    client = login_as("kz-contact")
    question = question_in(kz_government_response, "1.1")
    stored = Answer.objects.get(response=kz_government_response, question=question)
    result = autosave(
        client,
        kz_government_response,
        question,
        stored.version,
        **{f"q{question.pk}": "Changed after submission"},
    )
    assert result.status_code == 423
    assert "locked" in result.json()["error"]
    stored.refresh_from_db()
    assert stored.value["text"] != "Changed after submission"


def test_progress_counts_required_answers(login_as, kg_government_response):
    content = (
        login_as("kg-contact")
        .get(reverse("portal:response", args=[kg_government_response.pk]))
        .content.decode()
    )
    assert "47%" in content
    assert "Azamat Toktomushev" in content


def test_section_page_query_count_is_constant_in_questions(
    login_as, kg_government_response, question_in, django_assert_max_num_queries
):
    from questionnaires.models import Question

    client = login_as("kg-contact")
    section = question_in(kg_government_response, "5.1").section
    url = reverse("portal:section", args=[kg_government_response.pk, section.pk])
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    Question.objects.bulk_create(
        Question(
            section=section,
            code=f"5.{n}",
            question_type="long_text",
            text_en=f"Q{n}",
            text_ru=f"В{n}",
            sort_order=100 + n,
        )
        for n in range(10, 60)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        content = client.get(url).content.decode()
    assert "5.59" in content


@pytest.mark.parametrize("username", ["kz-contact", "ngo-kg", "ngo-kz"])
def test_other_respondents_cannot_reach_kyrgyz_government_reply(
    login_as, kg_government_response, username
):
    client = login_as(username)
    assert (
        client.get(reverse("portal:response", args=[kg_government_response.pk])).status_code == 404
    )
