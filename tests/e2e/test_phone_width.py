"""No public or portal page is wider than a phone's screen (360 px): wide tables scroll inside
their own frame. Each page a visitor or respondent reaches is measured in both languages."""

import pytest

from demo import seeding as demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
NOT_PAGES = (".csv", ".xlsx", ".json", ".pdf", ".xml", "/pdf/", "/feeds/rss/", "/feeds/atom/")


def _width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _links(page, prefixes: tuple[str, ...]) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "a[href^='/']", "links => links.map(a => a.getAttribute('href').split('#')[0])"
    )
    return [
        h for h in hrefs if h.startswith(prefixes) and "?" not in h and not h.endswith(NOT_PAGES)
    ]


def _visit_all(page, base: str, start: list[str], prefixes: tuple[str, ...], limit: int):
    """Breadth first from `start`, following same-site links under `prefixes`."""
    measured, queue = {}, list(start)
    while queue and len(measured) < limit:
        path = queue.pop(0)
        if path in measured:
            continue
        answer = page.goto(base + path)
        if answer is None or "text/html" not in answer.headers.get("content-type", ""):
            continue
        measured[path] = _width(page)
        queue.extend(h for h in _links(page, prefixes) if h not in measured)
    return measured


def test_public_pages_fit_a_phone_in_both_languages(live_server, browser):
    demo.seed()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    measured = _visit_all(
        page,
        live_server.url,
        ["/en/", "/ru/", "/en/statistics/", "/ru/statistics/", "/ru/recommendations/"],
        ("/en/", "/ru/"),
        limit=45,
    )
    context.close()
    assert {"/en/statistics/", "/ru/statistics/", "/ru/recommendations/"} <= set(measured)
    assert len(measured) >= 30
    too_wide = {path: width for path, width in measured.items() if width > PHONE["width"]}
    assert too_wide == {}


@pytest.mark.parametrize("username", ["kz-contact", "ngo-kg"])
def test_portal_pages_fit_a_phone_in_both_languages(live_server, browser, username):
    demo.seed()
    too_wide, sections = {}, 0
    for language in ("en", "ru"):
        context = browser.new_context(viewport=PHONE)
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/?next=/portal/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", demo.DEMO_PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/portal/")
        measured = _visit_all(page, live_server.url, ["/portal/"], ("/portal/",), limit=30)
        context.close()
        sections += sum("/sections/" in path for path in measured)
        too_wide |= {
            f"{language} {path}": width
            for path, width in measured.items()
            if width > PHONE["width"]
        }
    assert sections >= 2  # the questionnaire's sections were reached, statistics tables too
    assert too_wide == {}
