"""kz-official answers a shared section with autosave; kz-contact submits the official reply."""

import pytest
from django.contrib.auth import get_user_model

from monitoring import demo
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
    services.section_assign(
        response=response, section=section, assignee=users["kz-official"], actor=users["kz-contact"]
    )
    question = Question.objects.get(section=section, code="5.2")

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

    page.get_by_role("button", name="Sign out (kz-official)").click()
    sign_in(page, live_server.url, "kz-contact")
    page.goto(f"{live_server.url}/portal/responses/{response.pk}/")
    page.get_by_role("link", name="Review and submit").click()
    page.get_by_role("button", name="Submit the official reply").click()
    page.get_by_text("The response is submitted and locked.").wait_for()
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    assert response.submitted_by == users["kz-contact"]
