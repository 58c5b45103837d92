"""A visitor and a respondent in a real browser (Debian's chromium through Playwright)."""

import pytest

from demo import seeding as demo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_home_language_switch_and_portal_login(live_server, page, artifacts):
    demo.seed()

    page.goto(f"{live_server.url}/en/")
    assert page.locator("h1").inner_text().startswith("Monitoring action against trafficking")

    page.get_by_role("link", name="Русский").click()
    page.wait_for_url(f"{live_server.url}/ru/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Мониторинг противодействия торговле людьми" in page.locator("h1").inner_text()
    assert page.get_by_text("Как устроен мониторинг").is_visible()

    page.get_by_role("link", name="Портал респондентов").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/?next=/portal/")
    page.get_by_label("Имя пользователя").fill("kz-official")
    page.get_by_label("Пароль").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{live_server.url}/portal/")

    organisation = page.locator(".organisation__name").first.inner_text()
    assert organisation == "Министерство внутренних дел Республики Казахстан"
    page.screenshot(path=str(artifacts / "portal-dashboard-ru.png"), full_page=True)

    page.get_by_role("button", name="English").click()
    page.wait_for_url(f"{live_server.url}/portal/")
    assert page.locator(".organisation__name").first.inner_text() == (
        "Ministry of Internal Affairs of the Republic of Kazakhstan"
    )
    assert (artifacts / "portal-dashboard-ru.png").stat().st_size > 10_000


def test_home_page_works_on_a_phone_and_by_keyboard(live_server, browser, artifacts):
    demo.seed()
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways on a phone ({width}px)"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.screenshot(path=str(artifacts / "home-phone.png"), full_page=True)
    context.close()
