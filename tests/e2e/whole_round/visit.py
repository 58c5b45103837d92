"""Phase 3: the secretariat records the country visit that has just ended, its delegation and
its meetings (one with the government, one with the NGO, with confidential notes), and moves
the evaluation to "Country visit done". The government's portal shows the programme, never
the notes."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from evaluation_rounds.models import CountryEvaluation

from .setup import EXPERTS, GOVERNMENT, NGO_NAME
from .world import CONTACT, SECRETARIAT, World, choose

VISIT_NOTE = "The shelter's director asked that the names of the two survivors stay unwritten."


def run(world: World) -> None:
    page = world.as_person(SECRETARIAT)
    today = timezone.localdate()
    first_day, last_day = today - timedelta(days=4), today - timedelta(days=1)
    _plan_the_visit(world, page, first_day, last_day)
    _meeting(page, first_day, "10:00", "Ministry", organisation=GOVERNMENT)
    _meeting(page, last_day, "15:00", "NGO", organisation=NGO_NAME)
    _note(page, NGO_NAME, VISIT_NOTE)
    _visit_done(world, page)
    _government_sees_the_programme_not_the_notes(world)


def _plan_the_visit(world: World, page: Page, first_day, last_day) -> None:
    world.open(page, "/admin/procedure/visits/")
    page.get_by_role("link", name="Plan a visit").click()
    choose(page.get_by_label("Evaluation"), "Uzbekistan")
    page.get_by_label("First day").fill(first_day.isoformat())
    page.get_by_label("Last day").fill(last_day.isoformat())
    for first, last, _gender in EXPERTS.values():
        page.get_by_label(f"{first} {last}").check()
    page.get_by_role("button", name="Save the visit").click()
    expect(page.locator(".messages")).to_contain_text("saved")
    expect(page.locator("body")).to_contain_text("No meeting yet.")


def _meeting(page: Page, day, time: str, kind: str, *, organisation: str) -> None:
    form = page.locator("form:has(button:text('Add the meeting'))")
    form.get_by_label("Date and time").fill(f"{day.isoformat()}T{time}")
    form.get_by_label("Type").select_option(label=kind)
    choose(form.get_by_label("Organisation met"), organisation)
    form.get_by_role("button", name="Add the meeting").click()
    expect(page.locator("body")).to_contain_text(organisation)


def _note(page: Page, organisation: str, text: str) -> None:
    meeting = page.locator("li[id^=meeting-]", has_text=organisation)
    meeting.get_by_text("Add notes").click()
    meeting.get_by_label("Confidential notes").fill(text)
    meeting.get_by_role("button").click()
    expect(page.locator("li[id^=meeting-]", has_text=organisation)).to_contain_text(text)


def _visit_done(world: World, page: Page) -> None:
    world.open(page, "/admin/procedure/")
    page.get_by_role("link", name="Uzbekistan").first.click()
    page.get_by_role("combobox", name="Next step").select_option(label="Country visit done")
    page.get_by_role("button", name="Record this step").click()
    expect(page.locator("#current-state")).to_have_text("Country visit done")
    assert CountryEvaluation.objects.get(country__iso_code="UZ").state == "visit_done"


def _government_sees_the_programme_not_the_notes(world: World) -> None:
    page = world.open(world.as_person(CONTACT), "/portal/")
    # The visit is over: its programme sits in the history, no longer in the open work.
    page.get_by_role("link", name=re.compile("Programme of the country visit")).first.click()
    world.measure(page)
    expect(page.locator("main")).to_contain_text(NGO_NAME)
    expect(page.locator("body")).not_to_contain_text(VISIT_NOTE)
