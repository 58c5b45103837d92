"""Phase 2: the secretariat builds the round's two questionnaires from nothing (a government one
with a statistics table bound to an indicator, a civil-society one), freezes them and sends them
to Uzbekistan. The contact person shares a section with the official, who answers it; the NGO
answers, one answer confidential; both submit."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

from evaluation_rounds.models import CountryEvaluation
from questionnaires.models import Answer, Response

from .setup import NGO_NAME
from .world import CONTACT, NGO, OFFICIAL, SECRETARIAT, World, choose

# The figure followed from the portal's table to the public statistics (issue 17, item 7).
VICTIMS_2024 = {"women": 120, "men": 55, "total": 175}
# 3 men in 2025 is a small count: published figures hide it (and the women, who would give it).
VICTIMS_2025 = {"women": 101, "men": 3, "total": 104}
VICTIMS_TABLE = {
    "year_range": [2024, 2025],
    "columns": [
        {"key": "women", "en": "Women", "ru": "Женщины"},
        {"key": "men", "en": "Men", "ru": "Мужчины"},
        {"key": "total", "en": "Total", "ru": "Всего"},
    ],
    "total_column": "total",
    "indicator": "victims-identified",
    "indicator_columns": {"women": {"sex": "F"}, "men": {"sex": "M"}, "total": {}},
}
GOVERNMENT_TITLE = "Questionnaire for the authorities"
NGO_TITLE = "Questionnaire for civil society"
POLICY_ANSWER = "The National Commission coordinates the referral of victims since 2023."
NGO_OPEN_ANSWER = "Our shelter in Tashkent received 48 women in 2025."
NGO_CONFIDENTIAL_ANSWER = "Two survivors told us that a police officer in Andijan took money."


def run(world: World) -> None:
    page = world.as_person(SECRETARIAT)
    government = _questionnaire(world, page, "Government", GOVERNMENT_TITLE, "Вопросник")
    _section(world, page, government, "1", "Legal framework and policy", "general")
    _question(
        world,
        page,
        "1. Legal framework and policy",
        "1.1",
        "long_text",
        "How are victims referred to assistance?",
    )
    _section(world, page, government, "3", "Statistics", "protection")
    _question(
        world,
        page,
        "3. Statistics",
        "3.3",
        "table",
        "Victims identified, by sex",
        config=VICTIMS_TABLE,
    )
    _freeze(world, page, government)
    civil_society = _questionnaire(world, page, "Civil society", NGO_TITLE, "Вопросник для НПО")
    _section(world, page, civil_society, "1", "Assistance to victims", "protection")
    for code, text in (
        ("1.1", "What assistance did you give victims?"),
        ("1.2", "What obstacles did victims meet?"),
    ):
        _question(world, page, "1. Assistance to victims", code, "long_text", text)
    _freeze(world, page, civil_society)
    _dispatch(world, page)
    _contact_shares_the_statistics(world)
    _official_answers(world)
    _contact_answers_and_submits(world)
    _ngo_answers_and_submits(world)
    evaluation = CountryEvaluation.objects.get(country__iso_code="UZ")
    assert evaluation.state == "replies_received"


def _questionnaire(world: World, page: Page, audience: str, title: str, title_ru: str) -> str:
    world.open(page, "/admin/questionnaire/")
    page.get_by_role("link", name=re.compile("Add questionnaire", re.I)).first.click()
    page.select_option("#id_round", index=1)
    page.select_option("#id_audience", label=audience)
    page.fill("#id_title_en", title)
    page.fill("#id_title_ru", title_ru)
    page.get_by_role("button", name="Create", exact=True).first.click()
    expect(page.locator(".messages")).to_contain_text("created")
    world.open(page, "/admin/questionnaire/")
    page.get_by_role("link", name=title).first.click()
    expect(page.locator("body")).to_contain_text("No section yet")
    return page.url


def _section(world: World, page: Page, builder: str, number: str, title: str, theme: str) -> None:
    page.goto(builder)
    questionnaire = page.locator("h1").inner_text().split(" version ")[0].strip()
    page.get_by_role("link", name="Add a section").click()
    choose(page.locator("#id_questionnaire"), questionnaire)
    page.fill("#id_number", number)
    page.fill("#id_title_en", title)
    page.fill("#id_title_ru", title)
    page.select_option("#id_theme", value=theme)
    page.get_by_role("button", name="Create", exact=True).first.click()
    expect(page.locator(".messages")).to_contain_text("created")
    page.goto(builder)
    expect(page.get_by_role("heading", name=re.compile(f"^{number}. {title}"))).to_be_visible()


def _question(
    world: World,
    page: Page,
    section: str,
    code: str,
    kind: str,
    text: str,
    *,
    config: dict | None = None,
) -> None:
    builder = page.url
    page.get_by_role("link", name="Add a question").click()
    # By its name: the list holds every questionnaire's sections, in their places' order, so
    # the last one need not be the one just added.
    page.select_option("#id_section", label=section)
    page.fill("#id_code", code)
    page.select_option("#id_question_type", value=kind)
    page.fill("#id_text_en", text)
    page.fill("#id_text_ru", text)
    page.check("#id_required")
    if config:
        page.fill("#id_config", json.dumps(config))
    page.get_by_role("button", name="Create", exact=True).first.click()
    expect(page.locator(".messages")).to_contain_text("created")
    page.goto(builder)
    expect(page.get_by_role("cell", name=text)).to_be_visible()


def _freeze(world: World, page: Page, builder: str) -> None:
    page.goto(builder)
    page.get_by_text("Freeze…").click()
    page.get_by_role("button", name="Yes, freeze it").click()
    expect(page.locator("body")).to_contain_text("frozen on")


def _dispatch(world: World, page: Page) -> None:
    world.open(page, "/admin/questionnaire/")
    page.get_by_role("link", name=GOVERNMENT_TITLE).first.click()
    page.get_by_role("link", name="Send to a country").click()
    choose(page.get_by_label("Country evaluation"), "Uzbekistan")
    choose(page.get_by_label("Government questionnaire"), GOVERNMENT_TITLE)
    choose(page.get_by_label("Civil-society questionnaire"), NGO_TITLE)
    page.get_by_label(re.compile(NGO_NAME)).check()
    page.get_by_role("button", name=re.compile("Send", re.I)).click()
    expect(page.locator(".messages")).to_contain_text("Questionnaire sent: 2 responses are open.")
    # Item 3: each of those who answer hears of it, the contact person too.
    for address in (CONTACT, NGO):
        assert "/portal/" in world.last_link_to(address)


def _open_response(world: World, username: str, title: str) -> Page:
    page = world.as_person(username)
    world.open(page, "/portal/")
    page.get_by_role("link", name=re.compile(title)).first.click()
    page.wait_for_url(re.compile(r".*/portal/responses/\d+/$"))
    world.measure(page)
    return page


def _contact_shares_the_statistics(world: World) -> None:
    page = _open_response(world, CONTACT, GOVERNMENT_TITLE)
    row = page.get_by_role("row", name=re.compile("Statistics"))
    choose(row.get_by_label("Shared with"), "Gulnora Yusupova")
    row.get_by_role("button", name="Share").click()
    expect(page.locator("body")).to_contain_text("Gulnora Yusupova")
    world.measure(page)


def _fill_table(page: Page, year: int, figures: dict[str, int]) -> None:
    for column, number in figures.items():
        page.get_by_label(f"{year}, {column.capitalize()}").fill(str(number))


def _official_answers(world: World) -> None:
    page = _open_response(world, OFFICIAL, GOVERNMENT_TITLE)
    page.get_by_role("link", name=re.compile("Statistics")).first.click()
    world.measure(page)
    _fill_table(page, 2024, VICTIMS_2024)
    _fill_table(page, 2025, VICTIMS_2025)
    page.get_by_role("button", name="Save this section").click()
    world.measure(page)
    expect(page.get_by_label("2024, Total")).to_have_value("175")
    expect(page.locator("#overall-progress")).to_have_attribute("value", "50")


def _contact_answers_and_submits(world: World) -> None:
    page = _open_response(world, CONTACT, GOVERNMENT_TITLE)
    page.get_by_role("link", name=re.compile("Legal framework")).first.click()
    page.get_by_role("group", name=re.compile("How are victims referred")).locator("textarea").fill(
        POLICY_ANSWER
    )
    page.get_by_role("button", name="Save this section").click()
    world.measure(page)
    page.get_by_role("link", name=re.compile(GOVERNMENT_TITLE)).first.click()
    page.get_by_role("link", name="Review and submit").click()
    world.measure(page)
    page.get_by_role("button", name="Submit the official reply").click()
    expect(page.locator("body")).to_contain_text("Submitted on")
    response = Response.objects.get(organisation__name_en="Government of Uzbekistan")
    assert response.status == Response.Status.SUBMITTED
    assert response.answers.get(question__code="3.3").value["cells"]["2024:total"] == 175


def _ngo_answers_and_submits(world: World) -> None:
    page = _open_response(world, NGO, NGO_TITLE)
    expect(page.locator("body")).to_contain_text("Your safety and confidentiality")
    page.get_by_role("link", name=re.compile("Assistance to victims")).first.click()
    world.measure(page)
    page.get_by_role("group", name=re.compile("What assistance")).locator("textarea").fill(
        NGO_OPEN_ANSWER
    )
    obstacles = page.get_by_role("group", name=re.compile("What obstacles"))
    obstacles.locator("textarea").fill(NGO_CONFIDENTIAL_ANSWER)
    obstacles.get_by_label(re.compile("Confidential")).check()
    page.get_by_role("button", name="Save this section").click()
    world.measure(page)
    page.get_by_role("link", name=re.compile(NGO_TITLE)).first.click()
    page.get_by_role("link", name="Review and submit").click()
    world.measure(page)
    # Item 6: an NGO does not give an official reply.
    expect(page.get_by_role("button", name="Submit the official reply")).to_have_count(0)
    page.get_by_role("button", name="Submit your organisation's reply").click()
    expect(page.locator("body")).to_contain_text("Submitted on")
    confidential = Answer.objects.get(value__text=NGO_CONFIDENTIAL_ANSWER)
    assert confidential.is_confidential
