"""Writes in the respondents' portal, each through the form the page rendered: no lost update,
no silently undone confidentiality mark, an honest autosave when the session has ended or the
answer is too large, sharing, a locked response, and a double submit. Every test builds its own
world (tests/questionnaires/conftest.py `portal_world`) from an empty database."""

from __future__ import annotations

import json
import threading
import time

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from demo.seed.questionnaires import FormData, answer_all
from monitoring.models import AuditEvent
from questionnaires import services
from questionnaires.models import Answer, Response, SectionAssignment
from tests.rendered_forms import form_in, submit

ANSWER_FORM = "form.questionnaire-form"
SUBMIT_FORM = "form[method=post]:not([action])"


def _save(world, response, code, text, actor):
    question = world.question(response, code)
    stored = Answer.objects.filter(response=response, question=question).first()
    outcome = services.answer_save(
        response=response,
        question=question,
        data=FormData({f"q{question.pk}": text}),
        actor=actor,
        expected_version=stored.version if stored else 0,
    )
    assert outcome.saved
    return outcome.answer


def _section_page(client, response, question):
    page = client.get(reverse("portal:section", args=[response.pk, question.section_id]))
    assert page.status_code == 200
    return page


def _messages(page) -> str:
    return " ".join(str(message) for message in page.context["messages"])


# --- 1. lost updates ----------------------------------------------------------------------


@pytest.mark.parametrize("version", [None, "", "two", "-1"])
def test_autosave_without_a_valid_version_is_refused_and_saves_nothing(
    client, portal_world, version
):
    world = portal_world
    response = world.government
    stored = _save(world, response, "1.1", "The newer text", world.contact)
    client.force_login(world.contact)
    fields = {f"q{stored.question_id}": "An older tab's text"}
    if version is not None:
        fields["version"] = version

    answer = client.post(reverse("portal:autosave", args=[response.pk, stored.question_id]), fields)

    assert answer.status_code == 400
    assert "reload the page" in answer.json()["error"]
    stored.refresh_from_db()
    assert (stored.value, stored.version) == ({"text": "The newer text"}, 1)


def test_a_section_form_saves_only_the_questions_it_carried(client, portal_world):
    world = portal_world
    response = world.government
    first = _save(world, response, "1.1", "Kept as it is", world.contact)
    second = _save(world, response, "1.2", "Also kept", world.contact)
    third = world.question(response, "1.3")
    client.force_login(world.contact)
    page = _section_page(client, response, third)
    # A form that carries question 1.3 only (another page's, or trimmed by a script).
    dropped = {
        name: None
        for name in form_in(page, ANSWER_FORM).names
        if name.startswith((f"q{first.question_id}", f"v{first.question_id}"))
        or name.startswith((f"q{second.question_id}", f"v{second.question_id}"))
    }

    saved = submit(
        client,
        page,
        ANSWER_FORM,
        {**dropped, f"q{third.pk}-choice": "yes", f"q{third.pk}-explanation": "Since 2021."},
        follow=True,
    )

    assert "All answers in this section are saved." in _messages(saved)
    for kept, text in ((first, "Kept as it is"), (second, "Also kept")):
        kept.refresh_from_db()
        assert (kept.value, kept.version) == ({"text": text}, 1)
    assert Answer.objects.get(response=response, question=third).value == {
        "choice": "yes",
        "explanation": "Since 2021.",
    }


def test_a_question_sent_without_its_version_is_refused_and_kept(client, portal_world):
    world = portal_world
    response = world.government
    stored = _save(world, response, "1.1", "The newer text", world.contact)
    client.force_login(world.contact)
    page = _section_page(client, response, stored.question)

    refused = submit(
        client,
        page,
        ANSWER_FORM,
        {f"v{stored.question_id}": None, f"q{stored.question_id}": "An older text"},
    )

    assert refused.status_code == 400
    assert "came without its version" in refused.content.decode()
    assert "An older text" in refused.content.decode()  # nothing typed is lost
    stored.refresh_from_db()
    assert (stored.value, stored.version) == ({"text": "The newer text"}, 1)


def test_the_rendered_section_form_still_saves_every_question(client, portal_world):
    world = portal_world
    response = world.government
    question = world.question(response, "2.1")
    client.force_login(world.contact)
    page = _section_page(client, response, question)

    saved = submit(client, page, ANSWER_FORM, {f"q{question.pk}": "Art. 129"}, follow=True)

    assert "All answers in this section are saved." in _messages(saved)
    stored = Answer.objects.filter(response=response, question__section=question.section)
    assert {a.question.code: a.value for a in stored} == {
        "2.1": {"text": "Art. 129"},
        "2.2": {"text": ""},
        "2.3": {"choice": "", "explanation": ""},
    }


def test_one_section_post_saving_two_answers_makes_one_revision_per_answer(client, portal_world):
    """The services' "one revision per answer" holds over HTTP too: no middleware wraps the
    whole request in one revision that would mix both answers' histories."""
    world = portal_world
    response = world.government
    first, second = world.question(response, "2.1"), world.question(response, "2.2")
    client.force_login(world.contact)
    page = _section_page(client, response, first)

    saved = submit(
        client,
        page,
        ANSWER_FORM,
        {f"q{first.pk}": "Art. 129", f"q{second.pk}": "Since 2021."},
        follow=True,
    )

    assert "All answers in this section are saved." in _messages(saved)
    revisions = {}
    for question, text in ((first, "Art. 129"), (second, "Since 2021.")):
        answer = Answer.objects.get(response=response, question=question)
        assert answer.value == {"text": text}
        versions = Version.objects.get_for_object(answer)
        assert versions.count() == 1
        revision = versions.get().revision
        assert revision.user == world.contact
        assert list(revision.version_set.values_list("object_id", flat=True)) == [str(answer.pk)]
        revisions[question.code] = revision.pk
    assert revisions["2.1"] != revisions["2.2"]


def test_a_confidential_mark_is_not_undone_by_an_older_tab(client, portal_world):
    world = portal_world
    response = world.ngo
    marked = _save(world, response, "1.1", "Names of two victims", world.ngo_user)
    other = world.question(response, "1.2")
    client.force_login(world.ngo_user)
    older_tab = _section_page(client, response, other)
    newer_tab = _section_page(client, response, other)

    submit(client, newer_tab, ANSWER_FORM, {f"c{marked.question_id}": "on"})
    marked.refresh_from_db()
    assert marked.is_confidential and marked.version == 2

    # The older tab still shows the box unticked and version 1; its Save must not clear it.
    stale = submit(client, older_tab, ANSWER_FORM, {f"q{other.pk}": "Shelter in Dashoguz"})

    assert stale.status_code == 409
    assert "Someone else saved this answer" in stale.content.decode()
    marked.refresh_from_db()
    assert marked.is_confidential and marked.version == 2
    # The re-shown form carries the stored version: saving again is a deliberate choice.
    again = form_in(stale, ANSWER_FORM).data()
    assert again[f"v{marked.question_id}"] == ["2"]


def test_a_confidentiality_change_checks_and_bumps_the_version(portal_world):
    world = portal_world
    response = world.ngo
    stored = _save(world, response, "1.1", "A testimony", world.ngo_user)
    question = stored.question

    stale = services.answer_set_confidential(
        response=response,
        question=question,
        confidential=True,
        actor=world.ngo_user,
        expected_version=0,
    )
    assert stale.conflict is not None and not stale.saved
    stored.refresh_from_db()
    assert not stored.is_confidential and stored.version == 1

    fresh = services.answer_set_confidential(
        response=response,
        question=question,
        confidential=True,
        actor=world.ngo_user,
        expected_version=1,
    )
    assert fresh.saved
    stored.refresh_from_db()
    assert stored.is_confidential and stored.version == 2
    assert Version.objects.get_for_object(stored).count() == 2

    # An autosave from a page that still holds version 1 is a conflict, not an overwrite.
    client = Client()
    client.force_login(world.ngo_user)
    answer = client.post(
        reverse("portal:autosave", args=[response.pk, question.pk]),
        {f"q{question.pk}": "A testimony", "version": "1", "confidential": "off"},
    )
    assert answer.status_code == 409
    stored.refresh_from_db()
    assert stored.is_confidential


def test_autosave_carries_the_confidentiality_mark_and_returns_the_new_version(
    client, portal_world
):
    world = portal_world
    response = world.ngo
    stored = _save(world, response, "1.1", "A testimony", world.ngo_user)
    client.force_login(world.ngo_user)
    url = reverse("portal:autosave", args=[response.pk, stored.question_id])

    marked = client.post(
        url, {f"q{stored.question_id}": "A testimony", "version": "1", "confidential": "on"}
    )

    assert marked.status_code == 200 and marked.json()["version"] == 2
    stored.refresh_from_db()
    assert stored.is_confidential
    # The section page shows the autosave script where to find the box and the version.
    page = _section_page(client, response, stored.question).content.decode()
    assert f'name="c{stored.question_id}"' in page and "data-version" in page


# --- 2. a government response is never made confidential, and never a 500 ---------------


def test_marking_a_government_response_confidential_is_a_message_not_a_500(client, portal_world):
    world = portal_world
    client.force_login(world.contact)

    answer = client.post(
        reverse("portal:confidential", args=[world.government.pk]),
        {"confidential": "on"},
        follow=True,
    )

    assert answer.status_code == 200
    assert "Only NGO responses can be marked confidential." in _messages(answer)
    world.government.refresh_from_db()
    assert not world.government.is_confidential


def test_an_ngo_marks_its_whole_response_confidential_through_the_page(client, portal_world):
    world = portal_world
    client.force_login(world.ngo_user)
    page = client.get(reverse("portal:response", args=[world.ngo.pk]))

    submit(client, page, 'form[action$="/confidential/"]', {"confidential": "on"})

    world.ngo.refresh_from_db()
    assert world.ngo.is_confidential


# --- 3. autosave says the truth when the session ended or the answer is too large ---------


def test_autosave_after_the_session_ended_answers_401_with_the_sign_in_address(
    client, portal_world
):
    world = portal_world
    question = world.question(world.government, "1.1")

    answer = client.post(
        reverse("portal:autosave", args=[world.government.pk, question.pk]),
        {f"q{question.pk}": "Typed after the session ended", "version": "0"},
    )

    assert answer.status_code == 401
    body = answer.json()
    assert body["login_url"].startswith(reverse("login") + "?next=")
    assert "session has ended" in body["error"]
    assert not Answer.objects.filter(response=world.government, question=question).exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2_000)
def test_autosave_of_an_answer_over_the_request_limit_answers_413(client, portal_world):
    world = portal_world
    question = world.question(world.government, "1.1")
    client.force_login(world.contact)

    answer = client.post(
        reverse("portal:autosave", args=[world.government.pk, question.pk]),
        {f"q{question.pk}": "x" * 5_000, "version": "0"},
    )

    assert answer.status_code == 413
    assert "too long to save" in answer.json()["error"]
    assert not Answer.objects.filter(response=world.government, question=question).exists()


def test_an_autosave_still_checks_csrf(portal_world):
    world = portal_world
    question = world.question(world.government, "1.1")
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.contact)

    answer = client.post(
        reverse("portal:autosave", args=[world.government.pk, question.pk]),
        {f"q{question.pk}": "Without a token", "version": "0"},
    )

    assert answer.status_code == 403
    assert not Answer.objects.filter(response=world.government, question=question).exists()


def _autosave_texts(page) -> dict:
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    data = soup.select_one('script#autosave-texts[type="application/json"]')
    assert data is not None and not data.get("src")
    return json.loads(data.string)


def test_the_autosave_messages_come_from_the_javascript_catalogue(client, portal_world):
    world = portal_world
    question = world.question(world.government, "1.1")
    client.force_login(world.contact)
    url = reverse("portal:section", args=[world.government.pk, question.section_id])

    english = client.get(url)
    client.cookies["django_language"] = "ru"
    russian = client.get(url)

    assert _autosave_texts(english) == {"login_url": reverse("login")}
    catalogue = reverse("javascript_catalog")
    sources = [
        tag["src"]
        for tag in BeautifulSoup(russian.content.decode(), "html.parser").select("script[src]")
    ]
    assert f"{catalogue}?lang=ru" in sources
    assert sources.index(f"{catalogue}?lang=ru") < next(
        index for index, src in enumerate(sources) if src.endswith("autosave.js")
    )
    script = client.get(catalogue, {"lang": "ru"})
    assert script.status_code == 200 and "javascript" in script["Content-Type"]
    assert script.has_header("Last-Modified")
    body = script.content.decode()
    for russian in ("Ваш сеанс завершён", "Сохранено в %(time)s", "Сохранить ещё раз"):
        assert json.dumps(russian)[1:-1] in body  # the catalogue is JSON, non-ASCII escaped
    assert (
        json.dumps("Сохранено в")[1:-1]
        not in client.get(catalogue, {"lang": "en"}).content.decode()
    )


# --- 4. sharing a section -------------------------------------------------------------------


def test_the_contact_person_shares_a_section_through_the_rendered_form(client, portal_world):
    world = portal_world
    response = world.government
    question = world.question(response, "2.1")
    client.force_login(world.contact)
    page = client.get(reverse("portal:response", args=[response.pk]))
    share = f'form:has(select[name="s{question.section_id}-assignee"])'

    shared = submit(
        client,
        page,
        share,
        {f"s{question.section_id}-assignee": str(world.official.pk)},
        follow=True,
    )

    assert shared.status_code == 200
    assert "Section 2 shared." in _messages(shared)
    assert SectionAssignment.objects.get(response=response, section=question.section).assignee == (
        world.official
    )
    client.force_login(world.official)
    answer = client.post(
        reverse("portal:autosave", args=[response.pk, question.pk]),
        {f"q{question.pk}": "Answered by the official", "version": "0"},
    )
    assert answer.status_code == 200
    not_shared = world.question(response, "1.1")
    page = _section_page(client, response, not_shared).content.decode()
    assert "data-autosave-url" not in page


# --- 5. a submitted response takes no extension request and no reassignment -------------


def _submitted(world):
    answer_all(world.government, world.contact, "KZ")
    return services.response_submit(response=world.government, actor=world.contact, notify=False)


def test_a_submitted_response_takes_no_extension_request(client, portal_world):
    world = portal_world
    response = _submitted(world)
    with pytest.raises(ValidationError, match="submitted"):
        services.extension_request(
            response=response,
            requested_due_on=response.due_on + timezone.timedelta(days=30),
            reason="Floods",
            actor=world.contact,
        )
    client.force_login(world.contact)
    page = client.get(reverse("portal:response", args=[response.pk])).content.decode()
    assert "Ask the secretariat for more time" not in page
    assert reverse("portal:extension", args=[response.pk]) not in page


def test_a_submitted_response_takes_no_reassignment(client, portal_world):
    world = portal_world
    response = _submitted(world)
    section = world.question(response, "2.1").section
    with pytest.raises(ValidationError, match="submitted"):
        services.section_assign(
            response=response, section=section, assignee=world.official, actor=world.contact
        )
    with pytest.raises(ValidationError, match="submitted"):
        services.section_unassign(response=response, section=section, actor=world.contact)
    client.force_login(world.contact)
    page = client.get(reverse("portal:response", args=[response.pk])).content.decode()
    assert "-assignee" not in page
    assert "Share" not in page


# --- 6. a double submit ---------------------------------------------------------------------


def test_a_double_submit_says_already_submitted(client, portal_world):
    world = portal_world
    answer_all(world.government, world.contact, "KZ")
    client.force_login(world.contact)
    page = client.get(reverse("portal:submit", args=[world.government.pk]))
    # Two clicks on the same rendered form (a double click, or two tabs).
    first = submit(client, page, SUBMIT_FORM, follow=True)
    second = submit(client, page, SUBMIT_FORM, follow=True)

    assert first.status_code == 200
    assert "The response is submitted and locked." in _messages(first)
    assert second.status_code == 200
    assert "This response has already been submitted." in _messages(second)
    assert second.context["response"].status == Response.Status.SUBMITTED
    assert "Submitted on" in second.content.decode()


SUBMISSION_MESSAGES = (
    "The response is submitted and locked. Thank you.",
    "This response has already been submitted.",
)


def _said_on_page(page) -> str:
    shown = [text for text in SUBMISSION_MESSAGES if text in page.content.decode()]
    assert len(shown) == 1, shown
    return shown[0]


def _hold_the_status_write(execute, sql, params, many, context):
    """Keep the first submission's transaction open a moment after it writes the new status,
    so that the second one surely arrives while the first holds the response's row."""
    result = execute(sql, params, many, context)
    if sql.lstrip().upper().startswith('UPDATE "QUESTIONNAIRES_RESPONSE"'):
        time.sleep(0.5)
    return result


@pytest.mark.django_db(transaction=True)
def test_two_submits_at_once_submit_once_and_say_so(portal_world):
    """Two requests in two threads (two database connections). On PostgreSQL the second waits
    on the response's row lock; on SQLite (test settings: BEGIN IMMEDIATE) on the database."""
    world = portal_world
    answer_all(world.government, world.contact, "KZ")
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(world.contact)
    page = clients[0].get(reverse("portal:submit", args=[world.government.pk]))
    payload = form_in(page, SUBMIT_FORM)
    start = threading.Barrier(2)
    answers = [None, None]

    def click(index):
        try:
            with connection.execute_wrapper(_hold_the_status_write):
                start.wait()
                answers[index] = clients[index].post(payload.action, payload.data(), follow=True)
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert [answer.status_code for answer in answers] == [200, 200]
    # Read what each page shows, not `answer.context`: the test client collects rendered
    # contexts through a process-wide signal, so with two requests in flight one client may
    # collect the other's.
    said = sorted(_said_on_page(answer) for answer in answers)
    assert said == [
        "The response is submitted and locked. Thank you.",
        "This response has already been submitted.",
    ]
    world.government.refresh_from_db()
    assert world.government.status == Response.Status.SUBMITTED
    assert AuditEvent.objects.filter(kind="submission").count() == 1
