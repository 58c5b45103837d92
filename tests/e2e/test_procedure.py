"""The secretariat moves Kyrgyzstan's evaluation one step forward in a real browser."""

from datetime import timedelta

import pytest
from django.utils import timezone

from demo import seeding as demo
from evaluation_rounds.models import CountryEvaluation, Plenary

from .conftest import sign_in_to_back_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_moves_kyrgyzstan_forward(live_server, page, artifacts):
    demo.seed()
    today = timezone.localdate()
    Plenary.objects.create(
        number=50,
        start_date=today - timedelta(days=1),
        end_date=today,
        place_en="Bishkek",
        place_ru="Бишкек",
    )

    sign_in_to_back_office(page, live_server.url, "secretariat")

    page.goto(f"{live_server.url}/admin/procedure/")
    page.get_by_role("link", name="Kyrgyzstan").first.click()
    assert page.locator("#current-state").inner_text() == "Draft with the government for comments"
    steps_before = page.locator("#timeline li").count()

    page.get_by_role("combobox", name="Next step").select_option(label="Final report adopted")
    page.get_by_role("combobox", name="Plenary").select_option(label="Plenary 50 (Bishkek)")
    page.get_by_role("textbox", name="Comment").fill("Adopted after the government's comments.")
    page.get_by_role("button", name="Record this step").click()
    # The government's comment period on the draft is still open: refused, unless the
    # secretariat says why it adopts now.
    page.wait_for_selector("text=The government may still comment on the draft until")
    assert page.locator("#current-state").inner_text() == "Draft with the government for comments"
    page.get_by_role("combobox", name="Next step").select_option(label="Final report adopted")
    page.get_by_role("combobox", name="Plenary").select_option(label="Plenary 50 (Bishkek)")
    page.get_by_role("textbox", name="Comment").fill("Adopted after the government's comments.")
    page.get_by_role("textbox", name="Why a precondition is waived").fill(
        "The government sent its comments by letter."
    )
    page.get_by_role("button", name="Record this step").click()

    page.wait_for_selector("text=moved to “Final report adopted”")
    assert page.locator("#current-state").inner_text() == "Final report adopted"
    # The step, and the chapters it adopted as a whole-report decision (the form's default).
    assert page.locator("#timeline li").count() == steps_before + 2
    assert (
        "Whole-report decision (Adoption of the final report)"
        in page.locator("#timeline").inner_text()
    )
    assert "Adopted after the government's comments." in page.locator("#timeline").inner_text()
    assert "The government sent its comments by letter." in page.locator("#timeline").inner_text()
    page.screenshot(path=str(artifacts / "procedure-kyrgyzstan.png"), full_page=True)

    kyrgyzstan = CountryEvaluation.objects.get(country__iso_code="KG", round__number=1)
    assert kyrgyzstan.state == "final_adopted"
    assert kyrgyzstan.deadlines.get(kind="final_comments").closed_on is None
