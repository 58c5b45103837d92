"""Phases 6 and 7: Uzbekistan's report is published.

6. An anonymous visitor reads the public site in English and in Russian: the country page and
   the published report, the recommendation tracker, the open-data API, and the statistics: one
   figure the government entered in its questionnaire's statistics table (victims identified in
   2024) is followed to the public table, the download and the API. An NGO answer marked
   confidential shows nowhere.
7. A follow-up cycle: the secretariat requests the follow-up, the contact person reports
   progress on a recommendation in the portal (the due date on the dashboard) and submits the
   follow-up report, a rapporteur assesses the recommendation in the back office, and the
   public tracker, report and API show its new status."""

from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import Locator, Page, expect

from evaluation_rounds.models import CountryEvaluation
from evaluation_rounds.procedure import DeadlineKind, State
from indicators.models import Observation
from monitoring import display
from recommendations.models import AssessmentStatus, Recommendation
from reports.models import Report

from .drafting import SENTENCES, TITLE, TITLE_RU
from .questionnaire import NGO_CONFIDENTIAL_ANSWER
from .world import CONTACT, RAPPORTEURS, SECRETARIAT, World

# What the NGO wrote and marked confidential: it must never reach a public page.
CONFIDENTIAL = NGO_CONFIDENTIAL_ANSWER
INDICATOR = "victims-identified"
YEAR, FIGURE = 2024, 175  # one figure of the government's statistics table
FIRST, FIRST_RU = SENTENCES[0]  # published as sentences: typed fragments, lead-in added
SECOND = SENTENCES[1][0]


def run(world: World) -> None:
    report = Report.objects.get(evaluation__country__iso_code="UZ", published_at__isnull=False)
    first = report.recommendations.get(number=1)
    # The government's reply, submitted, turned its table into figures of the indicator.
    stored = Observation.objects.totals().get(
        country__iso_code="UZ", indicator__code=INDICATOR, year=YEAR
    )
    assert stored.value == FIGURE and stored.response.status == "submitted"
    visitor = world.new_page()
    _country_and_report(world, visitor)
    _tracker(world, visitor, "Not yet assessed")
    _api_documentation(world, visitor)
    _api(world, visitor, report, "not_assessed")
    _statistics(world, visitor)
    _nothing_confidential(world, visitor, report)

    due_on = _secretariat_requests_follow_up(world)
    _government_reports_progress(world, report, due_on)
    _rapporteur_assesses(world, first)
    first.refresh_from_db()
    assert first.current_status == AssessmentStatus.PARTLY_IMPLEMENTED
    _tracker(world, visitor, "Partly implemented")
    _api(world, visitor, report, "partly_implemented")
    world.open(visitor, "/en/")
    _follow(world, visitor, visitor.get_by_role("link", name=report.title_en).first)
    expect(visitor.locator("#r-1")).to_contain_text("Partly implemented")


# --- 6. The public site ------------------------------------------------------------------------


def _follow(world: World, page: Page, target: Locator) -> None:
    """Click a link or a button that loads a page, and measure the page it loads."""
    with page.expect_navigation():
        target.click()
    world.measure(page)


def _nav(world: World, page: Page, name: str) -> None:
    menu = page.get_by_role("navigation", name=re.compile("Main|Основное"))
    _follow(world, page, menu.get_by_role("link", name=name, exact=True))


def _language(world: World, page: Page, name: str) -> None:
    languages = page.get_by_role("navigation", name=re.compile("Language|Язык"))
    _follow(world, page, languages.get_by_role("link", name=name))


def _country_and_report(world: World, page: Page) -> None:
    world.open(page, "/en/")
    _nav(world, page, "Countries")
    _follow(world, page, page.get_by_role("link", name="Uzbekistan").first)
    expect(page.locator("h1")).to_have_text("Uzbekistan")
    reports = page.locator("section", has=page.locator("#reports-heading"))
    expect(reports).to_contain_text(TITLE)

    _language(world, page, "Русский")
    expect(page.locator("h1")).to_have_text("Узбекистан")
    _follow(world, page, page.get_by_role("link", name=TITLE_RU, exact=True))
    expect(page.locator(".report__recommendations")).to_contain_text(FIRST_RU)

    _language(world, page, "English")
    expect(page.locator("h1")).to_contain_text(TITLE)
    expect(page.locator(".report__recommendations")).to_contain_text(FIRST)
    expect(page.locator(".report__recommendations")).to_contain_text(SECOND)


def _tracker(world: World, page: Page, status: str) -> None:
    world.open(page, "/en/")
    _nav(world, page, "Recommendation tracker")
    rows = page.locator(".tracker-table tbody tr")
    expect(rows).to_have_count(2)
    first = rows.filter(has_text=FIRST)
    expect(first).to_contain_text("Uzbekistan")
    expect(first.locator(".status-badge")).to_have_text(status)
    _language(world, page, "Русский")
    expect(page.locator(".tracker-table tbody tr").filter(has_text=FIRST_RU)).to_contain_text(
        "Узбекистан"
    )


def _api_documentation(world: World, page: Page) -> None:
    """The footer of every public page leads to the open-data API."""
    world.open(page, "/en/")
    page.get_by_role("contentinfo").get_by_role(
        "link", name="the API (JSON) and its documentation"
    ).click()
    page.wait_for_url(f"{world.base}/api/v1/docs")
    assert page.request.get(f"{world.base}/api/v1/openapi.json").ok


def _api(world: World, page: Page, report: Report, status: str) -> None:
    listing = page.request.get(f"{world.base}/api/v1/recommendations?country=UZ")
    assert listing.ok, listing.status
    items = {item["number"]: item for item in listing.json()["items"]}
    assert sorted(items) == [1, 2]
    assert (items[1]["text_en"], items[1]["text_ru"]) == (FIRST, FIRST_RU)
    assert items[1]["current_status"] == status
    detail = page.request.get(f"{world.base}/api/v1/reports/{report.pk}").json()
    assert detail["country"]["iso_code"] == "UZ"
    assert [r["current_status"] for r in detail["recommendations"] if r["number"] == 1] == [status]


def _statistics(world: World, page: Page) -> None:
    """The figure the government typed in its reply, on the page, in the download, in the API."""
    world.open(page, "/en/")
    _nav(world, page, "Statistics")
    page.get_by_label("Indicator").select_option(value=INDICATOR)
    _follow(world, page, page.get_by_role("button", name="Show"))
    table = page.locator("table.statistics__table")
    years = table.locator("thead th").all_inner_texts()
    column = years.index(str(YEAR))
    uzbekistan = table.locator("tbody tr", has=page.get_by_role("rowheader", name="Uzbekistan"))
    expect(uzbekistan.locator("th, td").nth(column)).to_have_text(str(FIGURE))

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV (tidy, one row per figure)").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    totals = [
        row
        for row in rows
        if row["country_iso"] == "UZ"
        and row["indicator"] == INDICATOR
        and row["year"] == str(YEAR)
        and row["sex"] == "_T"
        and row["age_group"] == "_T"
    ]
    assert [row["value"] for row in totals] == [str(FIGURE)], totals
    # The small count (3 men in 2025) is hidden, and the women too, or 3 would be found by
    # subtracting them from the total.
    shown = {
        row["sex"]: (row["value"], row["value_shown"], row["suppressed"])
        for row in rows
        if row["country_iso"] == "UZ" and row["year"] == "2025" and row["age_group"] == "_T"
    }
    assert shown == {
        "_T": ("104", "104", ""),
        "M": ("", "< 5", "primary"),
        "F": ("", "c", "secondary"),
    }, shown

    _language(world, page, "Русский")
    table = page.locator("table.statistics__table")
    uzbekistan = table.locator("tbody tr", has=page.get_by_role("rowheader", name="Узбекистан"))
    expect(uzbekistan.locator("th, td").nth(column)).to_have_text(str(FIGURE))

    answer = page.request.get(f"{world.base}/api/v1/indicators/{INDICATOR}/table")
    assert answer.ok, answer.status
    row = next(r for r in answer.json()["rows"] if r["country"]["iso_code"] == "UZ")
    assert {cell["year"]: cell["value"] for cell in row["cells"]}[YEAR] == FIGURE


def _nothing_confidential(world: World, page: Page, report: Report) -> None:
    """The NGO's confidential answer is on no public page, download or API answer."""
    world.open(page, "/en/search/?q=Andijan+police")
    expect(page.locator("main")).to_contain_text("0 results for “Andijan police”")
    for path in (
        "/en/countries/uzbekistan/",
        f"/api/v1/reports/{report.pk}",
        "/api/v1/recommendations?country=UZ",
        "/en/statistics.csv",
        "/en/recommendations.json",
    ):
        answer = page.request.get(world.base + path)
        assert answer.ok, (path, answer.status)
        assert "Andijan" not in answer.text(), path


# --- 7. A follow-up cycle ----------------------------------------------------------------------


def _secretariat_requests_follow_up(world: World):
    page = world.as_person(SECRETARIAT)
    world.open(page, "/admin/procedure/")
    page.get_by_role("link", name="Uzbekistan").first.click()
    expect(page.locator("#current-state")).to_have_text("Published")
    page.get_by_role("combobox", name="Next step").select_option(label="Follow-up requested")
    page.get_by_role("textbox", name="Comment").fill("The committee asks for a report in 2 years.")
    page.get_by_role("button", name="Record this step").click()
    expect(page.locator("#current-state")).to_have_text("Follow-up requested")
    evaluation = CountryEvaluation.objects.get(country__iso_code="UZ", round__number=1)
    assert evaluation.state == State.FOLLOW_UP_REQUESTED
    deadline = evaluation.deadlines.get(kind=DeadlineKind.FOLLOW_UP_REPORT, closed_on=None)
    follow_up = page.locator("section", has=page.locator("#deadlines-heading")).locator(
        "tr", has_text="Follow-up report"
    )
    expect(follow_up).to_contain_text(display.day(deadline.due_on))
    return deadline.due_on


def _government_reports_progress(world: World, report: Report, due_on) -> None:
    page = world.as_person(CONTACT)
    world.open(page, "/portal/")
    waiting = page.locator("section", has=page.locator("#waiting-heading"))
    item = waiting.locator("li", has_text="Recommendations to report on")
    expect(item).to_contain_text(f"due {display.day(due_on)}")
    _follow(world, page, item.get_by_role("link"))
    expect(page.locator("h1")).to_have_text("Follow-up: progress on the recommendations")
    expect(page.locator("#follow-up-due")).to_contain_text(f"due on {display.day(due_on)}")

    first = page.locator("section.recommendation", has_text=FIRST)
    first.get_by_text("Report progress on recommendation 1").click()
    first.get_by_label("Measures taken").fill(
        "Mobile teams now work at the Tashkent airport and at two border posts."
    )
    first.get_by_label("Responsible body").select_option(label="Government of Uzbekistan")
    _follow(world, page, first.get_by_role("button", name="Save the update"))
    expect(page.locator(".messages")).to_contain_text("Progress update on recommendation 1 saved.")

    _follow(world, page, page.get_by_role("link", name="Submit the follow-up report"))
    expect(page.locator("main")).to_contain_text("Mobile teams now work")
    _follow(world, page, page.get_by_role("button", name="Confirm and submit"))
    expect(page.locator(".messages")).to_contain_text(
        "1 progress update submitted as the government's follow-up report."
    )
    update = Recommendation.objects.get(report=report, number=1).progress_updates.get()
    assert update.submitted


def _rapporteur_assesses(world: World, recommendation: Recommendation) -> None:
    page = world.as_person(RAPPORTEURS[0])
    world.open(page, "/admin/")
    due = page.get_by_role("region", name="Assessments due in the current follow-up")
    expect(due).to_contain_text("2 recommendations to assess")
    due.get_by_role("link", name=recommendation.report.title_en).click()
    page.get_by_role("link", name="Recommendation 1", exact=True).click()
    expect(page.locator("main")).to_contain_text("Mobile teams now work")
    page.get_by_label("Status").select_option(label="Partly implemented")
    page.get_by_label("Reasoning (English)").fill(
        "Mobile teams work at the airport and two border posts; the other crossings have none."
    )
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.locator(".messages")).to_contain_text(
        "Assessment of recommendation 1 recorded (cycle 1)."
    )
