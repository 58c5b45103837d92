"""Issue 18's test: Tajikistan's report from its first chapter to the public page. Its two
rapporteurs write it in the back office (a paragraph with a footnote and a bulleted list in
Draftail, three chapters, one moved up); the secretariat submits the chapters to two plenaries
and records their adoption chapter by chapter, then the draft's approval without a whole-report
decision (refused while a chapter is not adopted, recorded once it is); the procedure goes on to
publication, and an anonymous visitor reads the footnote and the numbering in the moved order.

Set up by service calls: the evaluation's drafting step and two plenaries (the demo seed gives
the accounts and Tajikistan's two rapporteurs). Every step the issue names is done through the
pages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect

from demo import seeding as demo
from evaluation_rounds import services as procedure
from evaluation_rounds.models import CountryEvaluation
from evaluation_rounds.procedure import State
from reports.models import ChapterAdoption, Report

from .conftest import sign_in_to_back_office
from .draftail import press_tool, saved, select_text, type_into

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RAPPORTEURS = ("expert-tm", "expert-uz-2")  # Tajikistan's, in the demo seed
TITLE = "Report on the implementation of action against trafficking in human beings by Tajikistan"
FIRST = "The expert group visited Tajikistan and met the Commission on Countering Trafficking"
NOTE = " Decree No. 12 of 2024"
LISTED = ("labour migrants", "children")
IDENTIFICATION = (
    "Victims are identified mostly by the police.",
    "Labour inspectors rarely refer victims to assistance.",
)
PROSECUTION = "Few cases reach a court, and fewer end in a conviction."
# In the order they are written; chapter III is then moved up a place.
CHAPTERS = (
    ("I", "Introduction", "Введение"),
    ("II", "Identification of victims", "Выявление жертв"),
    ("III", "Prosecution", "Уголовное преследование"),
)
# What the numbers become: the numbers stay with the places, the chapters and paragraphs move.
MOVED = ("I. Introduction", "II. Prosecution", "III. Identification of victims")
PARAGRAPHS_MOVED = (FIRST, PROSECUTION, *IDENTIFICATION)


@pytest.fixture
def tajikistan():
    """Tajikistan's evaluation, drafting, and two plenaries held this week (the chapters are
    adopted at the first, the last one and the draft at the second)."""
    demo.seed()
    secretariat = get_user_model().objects.get(username="secretariat")
    evaluation = CountryEvaluation.objects.get(round__number=1, country__iso_code="TJ")
    assert set(evaluation.rapporteurs.values_list("expert__user__username", flat=True)) == set(
        RAPPORTEURS
    )
    today = timezone.localdate()
    procedure.evaluation_transition(
        evaluation=evaluation,
        to_state=State.DRAFT_IN_PREPARATION,
        actor=secretariat,
        occurred_on=today - timedelta(days=10),
    )
    for number, (start, end), place in ((5, (4, 3), "Dushanbe"), (6, (1, 0), "Khujand")):
        procedure.plenary_create(
            actor=secretariat,
            number=number,
            start_date=today - timedelta(days=start),
            end_date=today - timedelta(days=end),
            place_en=place,
            place_ru=place,
        )
    return evaluation


def _saved(page: Page, text: str) -> None:
    expect(page.locator(".messages")).to_contain_text(text)


def _heading(page: Page, number: str):
    return page.get_by_role("heading", name=re.compile(f"^{number}\\. "))


def _chapter_section(page: Page, number: str):
    return page.locator("section", has=_heading(page, number))


# --- The rapporteurs ---------------------------------------------------------------------------


def _creates_the_report(page: Page, base: str, evaluation: CountryEvaluation) -> Report:
    page.goto(f"{base}/admin/reports/")
    page.get_by_role("link", name="New report").click()
    page.get_by_label("Evaluation").select_option(label=str(evaluation))
    page.get_by_label("Kind").select_option(label="Evaluation report")
    page.get_by_label("Original language").select_option(label="English")
    page.get_by_label("Title (English)").fill(TITLE)
    page.get_by_role("button", name="Create the report").click()
    _saved(page, "Report created.")
    return Report.objects.get(evaluation=evaluation, kind=Report.Kind.EVALUATION)


def _adds_a_chapter(page: Page, base: str, report: Report, number: str, title: str, russian: str):
    page.goto(f"{base}/admin/reports/{report.pk}/")
    form = page.locator("form", has=page.get_by_role("button", name="Add the chapter"))
    form.get_by_label("Chapter number").fill(number)
    form.get_by_label("Title (English)").fill(title)
    form.get_by_label("Title (Russian)").fill(russian)
    form.get_by_role("button", name="Add the chapter").click()
    _saved(page, "Chapter added.")
    expect(_heading(page, number)).to_have_text(f"{number}. {title}")


def _opens_a_new_paragraph(page: Page, base: str, report: Report, chapter: str) -> None:
    page.goto(f"{base}/admin/reports/{report.pk}/")
    section = _chapter_section(page, chapter)
    inserts = section.get_by_role("link", name="Insert after this paragraph")
    if inserts.count():
        inserts.last.click()
    else:
        section.get_by_role("link", name="Insert a paragraph at the start of this chapter").click()


def _writes_with_a_footnote_and_a_list(page: Page, base: str, report: Report) -> None:
    _opens_a_new_paragraph(page, base, report, "I")
    box = type_into(page, "Text (English)", f"{FIRST}{NOTE}")
    for item in LISTED:
        page.keyboard.press("Enter")
        page.keyboard.type(item)
    for item in LISTED:
        select_text(page, box, item)
        press_tool(page, "Bulleted list")
    select_text(page, box, NOTE)
    press_tool(page, "Footnote")
    expect(box.locator("[style*='--report-footnote']")).to_have_text(NOTE)
    expect(box.locator("li")).to_have_text(list(LISTED))
    saved(page, "text_en", "FOOTNOTE", "unordered-list-item")
    page.get_by_role("button", name="Save the paragraph").click()
    _saved(page, "added.")
    shown = page.locator(".report-paragraph", has_text=FIRST)
    expect(shown.locator(".report-paragraph__number")).to_have_text("1.")
    expect(shown.locator(".report-paragraph__body ul > li")).to_have_text(list(LISTED))
    expect(shown.locator("sup.footnote-ref")).to_have_text(["1"])
    expect(shown.locator(".report-footnotes li")).to_have_text([NOTE.strip()])


def _writes(page: Page, base: str, report: Report, chapter: str, text: str) -> None:
    _opens_a_new_paragraph(page, base, report, chapter)
    type_into(page, "Text (English)", text)
    page.get_by_role("button", name="Save the paragraph").click()
    _saved(page, "added.")
    expect(page.locator("main")).to_contain_text(text)


def _moves_chapter_three_up(page: Page, base: str, report: Report) -> None:
    page.goto(f"{base}/admin/reports/{report.pk}/")
    page.get_by_role("button", name="Move chapter III up").click()
    _saved(page, "Chapter moved; the chapters and paragraphs are renumbered.")
    headings = page.locator("main section[id^=chapter-] > h2")
    expect(headings).to_have_text(list(MOVED))
    numbers = page.locator(".report-paragraph__number")
    expect(numbers).to_have_text([f"{n}." for n in range(1, len(PARAGRAPHS_MOVED) + 1)])
    for number, text in enumerate(PARAGRAPHS_MOVED, start=1):
        paragraph = page.locator(".report-paragraph", has_text=text)
        expect(paragraph.locator(".report-paragraph__number")).to_have_text(f"{number}.")
    expect(_chapter_section(page, "II")).to_contain_text(PROSECUTION)
    expect(_chapter_section(page, "III")).to_contain_text(IDENTIFICATION[1])


# --- The secretariat ---------------------------------------------------------------------------


def _submits(page: Page, base: str, report: Report, chapter: str, plenary: str) -> None:
    page.goto(f"{base}/admin/reports/{report.pk}/")
    _chapter_section(page, chapter).get_by_role("link", name="Submit to a plenary…").click()
    expect(page.locator("#chapter-stage")).to_have_text("Being drafted")
    page.get_by_label("Plenary").select_option(label=plenary)
    page.get_by_role("button", name="Submit the chapter").click()
    _saved(page, f"Chapter {chapter} submitted to {plenary}.")
    expect(_chapter_section(page, chapter).locator(".report-chapter-stage")).to_contain_text(
        "Submitted"
    )


def _records_the_adoption(page: Page, base: str, report: Report, chapter: str, plenary: str):
    """From the "Chapters and adoption" panel this time."""
    page.goto(f"{base}/admin/reports/{report.pk}/")

    def row():
        link = page.get_by_role("link", name=re.compile(f"^{chapter}\\. "))
        return page.locator("#adoption-checklist tbody tr", has=link)

    row().get_by_role("link", name="Record the adoption…").click()
    # The date offered falls within the plenary's dates.
    page.get_by_role("button", name=f"Record its adoption at {plenary}").click()
    _saved(page, f"Chapter {chapter} adopted at {plenary}.")
    expect(row()).to_contain_text(f"Adopted at {plenary}")


def _records_the_approval(page: Page, base: str, evaluation: CountryEvaluation, plenary: str):
    """The draft's approval, chapter by chapter: the whole-report box unchecked."""
    page.goto(f"{base}/admin/procedure/evaluations/{evaluation.pk}/")
    form = page.locator("form", has=page.get_by_role("button", name="Record this step"))
    form.get_by_label("Next step").select_option(label="Draft approved at plenary")
    # exact: the whole-report checkbox's label ends "… at this plenary".
    form.get_by_label("Plenary", exact=True).select_option(label=plenary)
    form.get_by_label(re.compile("^Whole-report decision")).uncheck()
    form.get_by_role("button", name="Record this step").click()


def _record_step(page: Page, base: str, evaluation, step: str, **fields: str) -> None:
    page.goto(f"{base}/admin/procedure/evaluations/{evaluation.pk}/")
    form = page.locator("form", has=page.get_by_role("button", name="Record this step"))
    form.get_by_label("Next step").select_option(label=step)
    if "plenary" in fields:
        form.get_by_label("Plenary", exact=True).select_option(label=fields["plenary"])
    if "waiver" in fields:
        form.get_by_label("Why a precondition is waived").fill(fields["waiver"])
    form.get_by_role("button", name="Record this step").click()
    _saved(page, f"Tajikistan moved to “{step}”.")
    expect(page.locator("#current-state")).to_have_text(step)


def _adopts_chapter_by_chapter(page: Page, base: str, report: Report, evaluation) -> None:
    first, second = "Plenary 5 (Dushanbe)", "Plenary 6 (Khujand)"
    for chapter in ("I", "II"):
        _submits(page, base, report, chapter, first)
        _records_the_adoption(page, base, report, chapter, first)
    _submits(page, base, report, "III", second)

    # Chapter III is submitted, not adopted: the approval chapter by chapter is refused.
    _records_the_approval(page, base, evaluation, second)
    refusal = page.locator("form", has=page.get_by_role("button", name="Record this step"))
    refusal = refusal.get_by_role("alert")
    expect(refusal).to_contain_text("Not every chapter is adopted")
    expect(refusal).to_contain_text("Missing: III. Identification of victims.")
    expect(refusal).not_to_contain_text("II. Prosecution")
    evaluation.refresh_from_db()
    assert evaluation.state == State.DRAFT_IN_PREPARATION

    _records_the_adoption(page, base, report, "III", second)
    _records_the_approval(page, base, evaluation, second)
    _saved(page, "Tajikistan moved to “Draft approved at plenary”.")
    expect(page.locator("#current-state")).to_have_text("Draft approved at plenary")
    adopted = ChapterAdoption.objects.filter(
        chapter__report=report, decision=ChapterAdoption.Decision.DRAFT
    )
    assert sorted(
        adopted.values_list("chapter__number", "plenary__number", "status", "whole_report")
    ) == [
        ("I", 5, "adopted", False),
        ("II", 5, "adopted", False),
        ("III", 6, "adopted", False),
    ]


def _publishes(page: Page, base: str, report: Report) -> None:
    page.goto(f"{base}/admin/reports/{report.pk}/")
    page.get_by_role("link", name="Publication", exact=True).click()
    page.get_by_role("button", name="Publish the report").click()
    _saved(page, "The report is published (version 1).")


# --- The public ------------------------------------------------------------------------------


def _the_public_reads_it(page: Page, base: str) -> None:
    page.goto(f"{base}/en/countries/tajikistan/")
    page.get_by_role("link", name=TITLE, exact=True).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".report__chapter > h2")).to_have_text(list(MOVED))
    expect(page.locator(".toc > ol > li > a").first).to_have_text(MOVED[0])
    numbers = page.locator(".public-paragraph__number")
    expect(numbers).to_have_text([f"{n}." for n in range(1, len(PARAGRAPHS_MOVED) + 1)])
    for number, text in enumerate(PARAGRAPHS_MOVED, start=1):
        expect(page.locator(f"#p-{number}")).to_contain_text(text)
    chapters = page.locator(".report__chapter")
    expect(chapters.nth(1)).to_contain_text(PROSECUTION)
    expect(chapters.nth(2)).to_contain_text(IDENTIFICATION[0])
    # The footnote: its marker in paragraph 1 links to the note, which links back.
    first = page.locator("#p-1")
    expect(first.locator("sup.footnote-ref")).to_have_text("1")
    expect(first.locator("li")).to_have_text(list(LISTED))
    expect(first).not_to_contain_text(NOTE.strip())
    note = page.locator("section.footnotes li#fn-1")
    expect(note).to_contain_text(NOTE.strip())
    first.locator("sup.footnote-ref a").click()
    expect(page).to_have_url(re.compile("#fn-1$"))


@pytest.mark.parametrize("width", [1280, 360])
def test_a_report_drafted_adopted_by_chapter_and_published(
    live_server, browser, tajikistan, width, artifacts
):
    base = live_server.url
    evaluation = tajikistan
    height = 900 if width > 600 else 740
    pages = []

    def new_page() -> Page:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
        context.set_default_timeout(20_000)
        pages.append(context.new_page())
        return pages[-1]

    try:
        first, second = new_page(), new_page()
        sign_in_to_back_office(first, base, RAPPORTEURS[0])
        sign_in_to_back_office(second, base, RAPPORTEURS[1])
        report = _creates_the_report(first, base, evaluation)
        for number, title, russian in CHAPTERS:
            _adds_a_chapter(first, base, report, number, title, russian)
        _writes_with_a_footnote_and_a_list(first, base, report)
        for text in IDENTIFICATION:
            _writes(second, base, report, "II", text)
        _writes(second, base, report, "III", PROSECUTION)
        _moves_chapter_three_up(first, base, report)
        first.screenshot(path=str(artifacts / f"drafting-round-moved-{width}.png"), full_page=True)

        secretariat = new_page()
        sign_in_to_back_office(secretariat, base, "secretariat")
        _adopts_chapter_by_chapter(secretariat, base, report, evaluation)
        # Steps the issue does not name, through the same page: the draft goes to the
        # government, and the final report is adopted (as a whole) before its comment period
        # ends, with the reason recorded, rather than waiting for the government's comments.
        _record_step(secretariat, base, evaluation, "Draft with the government for comments")
        _record_step(
            secretariat,
            base,
            evaluation,
            "Final report adopted",
            plenary="Plenary 6 (Khujand)",
            waiver="The government said it would not comment on the draft.",
        )
        _record_step(secretariat, base, evaluation, "Final comments period")
        _publishes(secretariat, base, report)
        evaluation.refresh_from_db()
        assert evaluation.state == State.PUBLISHED

        _the_public_reads_it(new_page(), base)
        pages[-1].screenshot(
            path=str(artifacts / f"drafting-round-public-{width}.png"), full_page=True
        )
    except Exception:
        for number, page in enumerate(pages):
            (artifacts / f"drafting-round-{width}-{number}.html").write_text(page.content())
            page.screenshot(path=str(artifacts / f"drafting-round-{width}-{number}.png"))
        raise
    finally:
        for page in pages:
            page.context.close()
