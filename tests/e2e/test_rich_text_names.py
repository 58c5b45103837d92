"""The Draftail editors are named by their field's label (a screen reader says "Text (English)",
not an unnamed text box), a click on the label puts the cursor in the editor, axe-core finds no
serious violation in the paragraph form, and the recommendation editor, which has no blocks,
prompts for the rest of its sentence instead of "type '/' to insert a block"."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from demo import seeding as demo
from evaluation_rounds.models import CountryEvaluation
from tests.reports.conftest import build_report

from .conftest import sign_in_to_back_office
from .test_accessibility import AXE, BLOCKING_IMPACTS, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RAPPORTEUR = "expert-kz-2"  # a rapporteur for Kyrgyzstan


@pytest.fixture
def csp_free_page(browser):
    """A page that lets Playwright inject axe-core despite the back office's CSP."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `make axe` (npm ci installs it).")
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _violations_in(page, selector: str) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """(selector) => axe.run(selector, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""",
        selector,
    )
    return [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]


def test_the_editors_are_named_by_their_labels(live_server, csp_free_page, artifacts):
    page = csp_free_page
    demo.seed()
    secretariat = get_user_model().objects.get(username="secretariat")
    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="KG")
    report = build_report(evaluation, secretariat, paragraphs_per_chapter=(1,), recommendations=0)
    chapter = report.chapters.get()
    paragraph = chapter.paragraphs.get()
    base = live_server.url
    sign_in_to_back_office(page, base, RAPPORTEUR)

    page.goto(f"{base}/admin/reports/{report.pk}/paragraphs/add/?chapter={chapter.pk}")
    english = page.get_by_role("textbox", name="Text (English)")
    russian = page.get_by_role("textbox", name="Text (Russian)")
    expect(english).to_have_attribute("contenteditable", "true")
    expect(russian).to_have_attribute("contenteditable", "true")
    # The help under the English text describes its editor.
    expect(english).to_have_accessible_description(
        page.locator("#id_text_en_helptext").inner_text()
    )
    page.locator("label[for=id_text_ru]").click()
    expect(russian).to_be_focused()
    violations = _violations_in(page, "form.procedure-form")
    assert not violations, describe(violations)
    # The check itself works: an unnamed text box in the form is caught.
    page.evaluate(
        """() => document.querySelector('form.procedure-form')
            .append(Object.assign(document.createElement('input'), {type: 'text'}))"""
    )
    assert "label" in {v["id"] for v in _violations_in(page, "form.procedure-form")}

    page.goto(f"{base}/admin/reports/{report.pk}/recommendations/add/?paragraph={paragraph.pk}")
    english = page.get_by_role("textbox", name="Text (English)")
    expect(english).to_have_attribute("contenteditable", "true")
    # The prompt as the browser presents it (Draftail shows it through CSS, not as text).
    expect(english).to_match_aria_snapshot(
        '- textbox /Text \\(English\\)/: "Continue the sentence …"'
    )
    assert "to insert a block" not in page.locator("form.procedure-form").aria_snapshot()
    page.screenshot(path=str(artifacts / "recommendation-editor-prompt.png"), full_page=True)
