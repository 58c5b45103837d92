"""The recommendation tracker in a real browser with JavaScript off: the GET form filters by
keyboard, the filter is in the address, and a 360 px wide screen shows the filters above the
results without scrolling sideways."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, java_script_enabled=False, locale="en-GB"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def test_filter_by_keyboard_without_javascript_at_360_px(demo_data, live_server, no_script_page):
    page = no_script_page
    page.goto(f"{live_server.url}/en/recommendations/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    filters = page.locator(".tracker__filters").bounding_box()
    results = page.locator("#results").bounding_box()
    assert filters["y"] + filters["height"] <= results["y"]  # stacked, filters first

    page.locator("input[name=status][value=implemented]").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Apply").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/recommendations/?*status=implemented*")
    assert "of 4" in page.locator(".tracker__count").inner_text()
    assert page.locator(".chip").count() == 1
    assert page.locator(".status-badge").all_inner_texts() == ["Implemented"] * 4
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.locator(".chip").click()  # removes the filter
    assert "of 16" in page.locator(".tracker__count").inner_text()
