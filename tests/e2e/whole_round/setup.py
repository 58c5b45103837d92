"""Phase 1: the secretariat of an empty platform signs in for the first time, sets up its
authenticator, adds the country, its government and an NGO, opens the round and the
evaluation, invites two experts and names them rapporteurs, and invites the contact person, an
official and an NGO respondent. Every invitee follows the link in the e-mail."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from evaluation_rounds.models import CountryEvaluation

from .world import CONTACT, NGO, OFFICIAL, PASSWORD, RAPPORTEURS, SECRETARIAT, World

GOVERNMENT = "Government of Uzbekistan"
NGO_NAME = "Istiqbolli Avlod"
EXPERTS = {
    RAPPORTEURS[0]: ("Nurlan", "Abdyldaev", "male"),
    RAPPORTEURS[1]: ("Madina", "Saidova", "female"),
}
RESPONDENTS = {
    CONTACT: ("Dilshod", "Karimov", GOVERNMENT, "Contact person"),
    OFFICIAL: ("Gulnora", "Yusupova", GOVERNMENT, "Government respondent"),
    NGO: ("Shahlo", "Rakhimova", NGO_NAME, "NGO respondent"),
}


def run(world: World) -> None:
    page = _secretariat_signs_in(world)
    _country(world, page, "UZ", "Uzbekistan", "Узбекистан")
    _country(world, page, "KZ", "Kazakhstan", "Казахстан")
    _organisation(world, page, "government", GOVERNMENT, "Правительство Узбекистана", True)
    _organisation(world, page, "ngo", NGO_NAME, "Истикболли авлод", False)
    _round(world, page)
    evaluation = _evaluation(world, page)
    for username, (first, last, gender) in EXPERTS.items():
        _invite_expert(world, page, username, first, last, gender)
        _expert_accepts(world, username)
    _name_rapporteurs(world, page, evaluation)
    for username, (first, last, organisation, role) in RESPONDENTS.items():
        _invite_respondent(world, page, username, first, last, organisation, role)
        _respondent_accepts(world, username)
    expect(world.open(page, "/admin/invitations/").locator("body")).to_contain_text(
        "Everyone invited has chosen a password."
    )


def _secretariat_signs_in(world: World) -> Page:
    page = world.new_page()
    page.goto(f"{world.base}/admin/login/")
    page.fill("#id_username", SECRETARIAT)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    world.set_up_authenticator(page, SECRETARIAT)
    _past_the_recovery_codes(world, page)
    world.pages[SECRETARIAT] = page
    return page


def _past_the_recovery_codes(world: World, page: Page) -> None:
    expect(page.locator("body")).to_contain_text("recovery")
    world.measure(page)
    page.get_by_role("link", name="I have saved them, continue").click()
    page.wait_for_url(f"{world.base}/admin/")


def _saved(page: Page) -> None:
    page.get_by_role("button", name="Create", exact=True).first.click()
    expect(page.locator(".messages")).to_contain_text("created")


def _country(world: World, page: Page, iso: str, english: str, russian: str) -> None:
    world.open(page, "/admin/country/")
    page.get_by_role("link", name=re.compile("Add country", re.I)).first.click()
    page.fill("#id_iso_code", iso)
    page.fill("#id_name_en", english)
    page.fill("#id_name_ru", russian)
    expect(page.locator("#id_is_evaluated")).to_be_checked()
    _saved(page)


def _organisation(
    world: World, page: Page, kind: str, english: str, russian: str, government: bool
) -> None:
    world.open(page, "/admin/organisation/")
    page.get_by_role("link", name=re.compile("Add organisation", re.I)).first.click()
    page.select_option("#id_kind", value=kind)
    page.select_option("#id_country", label="Uzbekistan")
    page.fill("#id_name_en", english)
    page.fill("#id_name_ru", russian)
    if government:
        page.check("#id_is_national_government")
    _saved(page)


def _round(world: World, page: Page) -> None:
    world.open(page, "/admin/evaluationround/")
    page.get_by_role("link", name=re.compile("Add evaluation round", re.I)).first.click()
    page.fill("#id_number", "1")
    page.fill("#id_title_en", "First evaluation round")
    page.fill("#id_title_ru", "Первый раунд оценки")
    page.fill("#id_theme_en", "Identification of victims and their access to assistance.")
    page.fill("#id_theme_ru", "Выявление жертв и их доступ к помощи.")
    page.select_option("#id_status", label="Open")
    _saved(page)


def _evaluation(world: World, page: Page) -> CountryEvaluation:
    world.open(page, "/admin/countryevaluation/")
    page.get_by_role("link", name=re.compile("Add country evaluation", re.I)).first.click()
    page.select_option("#id_round", index=1)
    page.select_option("#id_country", label="Uzbekistan")
    _saved(page)
    return CountryEvaluation.objects.get(country__iso_code="UZ", round__number=1)


def _invite_expert(
    world: World, page: Page, username: str, first: str, last: str, gender: str
) -> None:
    world.open(page, "/admin/invitations/")
    form = page.locator("form#invite-expert")
    form.get_by_label("E-mail address").fill(username)
    form.get_by_label("First name").fill(first)
    form.get_by_label("Last name").fill(last)
    form.get_by_label("Nationality").select_option(label="Kazakhstan")
    form.get_by_label("Gender").select_option(value=gender)
    form.get_by_label("Term start").fill("2026-01-01")
    form.get_by_label("Term end").fill("2029-12-31")
    form.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".messages")).to_contain_text(f"Invitation sent to {username}")


def _choose_password(world: World, page: Page, username: str) -> None:
    page.goto(world.last_link_to(username))
    world.measure(page)
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("password", re.I)).click()


def _expert_accepts(world: World, username: str) -> None:
    page = world.new_page()
    _choose_password(world, page, username)
    world.set_up_authenticator(page, username)
    _past_the_recovery_codes(world, page)
    world.pages[username] = page


def _name_rapporteurs(world: World, page: Page, evaluation: CountryEvaluation) -> None:
    world.open(page, "/admin/procedure/")
    page.get_by_role("link", name="Uzbekistan").first.click()
    rapporteurs = page.locator("form:has(button:text('Save the rapporteurs'))")
    # Open while the evaluation has none.
    expect(rapporteurs).to_be_visible()
    for first, last, _gender in EXPERTS.values():
        rapporteurs.get_by_label(re.compile(f"{first} {last}")).check()
    rapporteurs.get_by_role("button", name="Save the rapporteurs").click()
    expect(page.locator(".messages")).to_contain_text("Rapporteurs saved.")
    assert evaluation.rapporteurs.count() == 2


def _invite_respondent(
    world: World, page: Page, username: str, first: str, last: str, organisation: str, role: str
) -> None:
    world.open(page, "/admin/invitations/")
    form = page.locator("form#invite-respondent")
    form.get_by_label("E-mail address").fill(username)
    form.get_by_label("First name").fill(first)
    form.get_by_label("Last name").fill(last)
    choice = form.get_by_label("Organisation")
    choice.select_option(choice.locator("option", has_text=organisation).get_attribute("value"))
    form.get_by_label("Role").select_option(label=role)
    form.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".messages")).to_contain_text(f"Invitation sent to {username}")


def _respondent_accepts(world: World, username: str) -> None:
    page = world.new_page()
    _choose_password(world, page, username)
    page.wait_for_url(f"{world.base}/portal/")
    world.measure(page)
    expect(page.locator("body")).to_contain_text("Your password is set")
    world.pages[username] = page
