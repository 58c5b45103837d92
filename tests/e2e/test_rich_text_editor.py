"""A rapporteur writes a paragraph in Draftail: a bulleted list and a footnote from the toolbar,
and a placeholder that the editor highlights; then adds a second footnote before the first and
the numbering follows."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from demo import seeding as demo
from evaluation_rounds.models import CountryEvaluation
from reports.models import Paragraph
from tests.reports.conftest import build_report

from .conftest import sign_in_to_back_office
from .draftail import editor, press_tool, saved, select_text, type_into

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RAPPORTEUR = "expert-kz-2"  # a rapporteur for Kyrgyzstan


def test_a_paragraph_with_a_list_a_footnote_and_a_placeholder(live_server, page, artifacts):
    demo.seed()
    secretariat = get_user_model().objects.get(username="secretariat")
    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="KG")
    report = build_report(evaluation, secretariat, paragraphs_per_chapter=(1,), recommendations=0)
    chapter = report.chapters.get()
    base = live_server.url
    sign_in_to_back_office(page, base, RAPPORTEUR)

    page.goto(f"{base}/admin/reports/{report.pk}/paragraphs/add/?chapter={chapter.pk}")
    box = type_into(page, "Text (English)", "Victims are identified by the police Law No. 5")
    page.keyboard.press("Enter")
    page.keyboard.type("women [to be agreed]")
    page.keyboard.press("Enter")
    page.keyboard.type("children")
    # The placeholder is highlighted as it is typed, with the server's pattern.
    placeholder = box.locator("mark.report-placeholder")
    expect(placeholder).to_have_text("[to be agreed]")
    assert placeholder.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    select_text(page, box, "women")
    press_tool(page, "Bulleted list")
    select_text(page, box, "children")
    press_tool(page, "Bulleted list")
    select_text(page, box, " Law No. 5")
    press_tool(page, "Footnote")
    expect(box.locator("[style*='--report-footnote']")).to_have_text(" Law No. 5")
    page.screenshot(path=str(artifacts / "rich-text-editor.png"), full_page=True)
    saved(page, "text_en", "FOOTNOTE", "unordered-list-item")
    page.get_by_role("button", name="Save the paragraph").click()
    page.wait_for_load_state()
    page.screenshot(path=str(artifacts / "rich-text-editor-first-save.png"), full_page=True)
    page.get_by_text("added.").first.wait_for()

    paragraph = Paragraph.objects.get(chapter=chapter, number=2)
    assert paragraph.text_en == (
        '<p>Victims are identified by the police<span class="footnote"> Law No. 5</span></p>'
        "<ul><li>women [to be agreed]</li><li>children</li></ul>"
    )
    shown = page.locator(f"#paragraph-{paragraph.pk}")
    # The bulleted list of the text (the footnotes are a numbered list beside it).
    expect(shown.locator(".report-paragraph__body ul > li")).to_have_text(
        ["women [to be agreed]", "children"]
    )
    expect(shown.locator("sup.footnote-ref")).to_have_text(["1"])
    expect(shown.locator(".report-footnotes li")).to_have_text(["Law No. 5"])

    # A second footnote before the first: numbers follow the order in the text.
    page.goto(f"{base}/admin/reports/{report.pk}/paragraphs/{paragraph.pk}/edit/")
    box = editor(page, "Text (English)")
    box.click()
    select_text(page, box, "are identified")
    page.keyboard.press("ArrowRight")  # the caret after "are identified"
    page.keyboard.type(" Decree No. 1")
    select_text(page, box, " Decree No. 1")
    press_tool(page, "Footnote")
    expect(box.locator("[style*='--report-footnote']")).to_have_text(
        [" Decree No. 1", " Law No. 5"]
    )
    page.screenshot(path=str(artifacts / "rich-text-editor-second-note.png"), full_page=True)
    saved(page, "text_en", "Decree No. 1")
    page.get_by_role("button", name="Save the paragraph").click()
    page.screenshot(path=str(artifacts / "rich-text-editor-after-save.png"), full_page=True)
    page.get_by_text(f"Paragraph {paragraph.number} saved.").wait_for()
    paragraph.refresh_from_db()
    assert paragraph.text_en.startswith(
        '<p>Victims are identified<span class="footnote"> Decree No. 1</span> by the police'
        '<span class="footnote"> Law No. 5</span></p>'
    )
    shown = page.locator(f"#paragraph-{paragraph.pk}")
    expect(shown.locator("sup.footnote-ref")).to_have_text(["1", "2"])
    expect(shown.locator(".report-footnotes li")).to_have_text(["Decree No. 1", "Law No. 5"])
    page.screenshot(path=str(artifacts / "rich-text-editor-saved.png"), full_page=True)
