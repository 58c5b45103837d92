"""kz-contact shares a section with kz-official through the page; kz-official answers it with
autosave, sees the honest message when the session ends and saves again after signing in in
another tab; kz-contact submits the official reply."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from demo import seeding as demo
from questionnaires import services
from questionnaires.models import Answer, Question, Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{base}/portal/")


def test_autosave_then_submit(live_server, page, artifacts):
    demo.seed()
    users = {u.username: u for u in get_user_model().objects.all()}
    response = Response.objects.get(
        organisation__is_national_government=True, evaluation__country__iso_code="KZ"
    )
    services.response_reopen(
        response=response, actor=users["secretariat"], reason="Add the 2024 prosecution figures."
    )
    section = response.questionnaire.sections.get(number="5")
    question = Question.objects.get(section=section, code="5.2")

    # The contact person shares section 5 with the official, through the form of the page.
    sign_in(page, live_server.url, "kz-contact")
    page.goto(f"{live_server.url}/portal/responses/{response.pk}/")
    share = page.locator(f"form:has(select[name=s{section.pk}-assignee])")
    share.locator("select").select_option(label=users["kz-official"].get_full_name())
    share.get_by_role("button", name="Share").click()
    page.get_by_text("Section 5 shared.").wait_for()
    assert response.assignments.get(section=section).assignee == users["kz-official"]
    page.get_by_role("button", name="Sign out (kz-contact)").click()

    sign_in(page, live_server.url, "kz-official")
    page.get_by_role("link", name="Questionnaire for governments, first evaluation round").click()
    page.get_by_role("link", name="5. Prosecution").click()
    # Type only once the autosave script is listening (under load the page may still be loading).
    page.locator(f"#question-{question.pk}[data-autosave-ready]").wait_for()
    field = page.locator(f"textarea[name=q{question.pk}]")
    field.fill("In 2024: 41 investigations, 17 prosecutions and 9 convictions (demo figures).")
    status = page.locator(f"#question-{question.pk} [data-status]")
    status.get_by_text("Saved at").wait_for(timeout=20_000)
    page.screenshot(path=str(artifacts / "autosave-saved.png"), full_page=True)
    stored = Answer.objects.get(response=response, question=question)
    assert stored.value["text"].startswith("In 2024: 41 investigations")
    assert stored.updated_by == users["kz-official"]

    # An answer over the request size limit (DATA_UPLOAD_MAX_MEMORY_SIZE): told, not retried.
    field.fill("x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1000))
    status.get_by_text("too long to save: shorten it or split it").wait_for(timeout=20_000)
    stored.refresh_from_db()
    assert stored.value["text"].startswith("In 2024: 41 investigations")

    # The session ends (cookies gone): autosave says so, keeps the text, and stops trying.
    page.context.clear_cookies()
    later = "In 2024: 41 investigations, 17 prosecutions, 9 convictions and 3 appeals."
    field.fill(later)
    status.get_by_text("Your session has ended").wait_for(timeout=20_000)
    assert field.input_value() == later
    sign_in_link = status.get_by_role("link", name="Sign in (opens a new tab)")
    assert sign_in_link.get_attribute("target") == "_blank"
    page.screenshot(path=str(artifacts / "autosave-session-ended.png"), full_page=True)
    with page.context.expect_page() as opened:
        sign_in_link.click()
    other_tab = opened.value
    other_tab.get_by_label("Username").fill("kz-official")
    other_tab.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    other_tab.get_by_role("button", name="Sign in", exact=True).click()
    other_tab.wait_for_load_state()
    other_tab.close()
    status.get_by_role("button", name="Save again").click()
    status.get_by_text("Saved at").wait_for(timeout=20_000)
    stored.refresh_from_db()
    assert stored.value["text"] == later

    page.get_by_role("button", name="Sign out (kz-official)").click()
    sign_in(page, live_server.url, "kz-contact")
    page.goto(f"{live_server.url}/portal/responses/{response.pk}/")
    page.get_by_role("link", name="Review and submit").click()
    page.get_by_role("button", name="Submit the official reply").click()
    page.get_by_text("The response is submitted and locked.").wait_for()
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    assert response.submitted_by == users["kz-contact"]


def test_autosave_speaks_russian_from_the_javascript_catalogue(live_server, page):
    """A reader of the Russian portal sees the autosave status in Russian: the words come
    from Django's JavaScript catalogue, loaded from this site before the script (no inline
    script, nothing the Content-Security-Policy refuses)."""
    demo.seed()
    contact = get_user_model().objects.get(username="kz-contact")
    response = Response.objects.get(
        organisation__is_national_government=True, evaluation__country__iso_code="KZ"
    )
    services.response_reopen(
        response=response,
        actor=get_user_model().objects.get(username="secretariat"),
        reason="Add the 2024 prosecution figures.",
    )
    question = Question.objects.get(section__questionnaire=response.questionnaire, code="5.2")
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content-Security-Policy" in message.text else None
        ),
    )

    sign_in(page, live_server.url, contact.username)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ru", "url": live_server.url}]
    )
    page.goto(live_server.url + reverse("portal:section", args=[response.pk, question.section_id]))
    page.locator(f"#question-{question.pk}[data-autosave-ready]").wait_for()
    page.locator(f"textarea[name=q{question.pk}]").fill("В 2024 году: 41 расследование.")
    status = page.locator(f"#question-{question.pk} [data-status]")
    status.get_by_text("Сохранено в").wait_for(timeout=20_000)
    assert "Saved" not in status.inner_text()
    assert refused == []
