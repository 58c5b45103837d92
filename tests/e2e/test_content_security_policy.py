"""The Content-Security-Policy in a real browser: the public site, the tracker, the API
documentation, the back-office sign-in and signed-in back-office screens (the dashboard and a
page editor with a date chooser) run without a single violation."""

import pytest
from wagtail.models import Page

from cms.models import NewsPage
from demo import seeding as demo

from .conftest import sign_in_to_back_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any script of the page; injected by the browser, so the policy does not apply.
LISTEN_FOR_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`);
});
"""


def test_no_content_security_policy_violation(live_server, page):
    demo.seed()
    news = NewsPage.objects.live().first()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    base = live_server.url
    violations = {}

    def check(path):
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # let scripts run, and any report arrive
        violations[path] = page.evaluate("window.__violations")

    response = page.goto(f"{base}/en/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    check("/en/")
    page.goto(f"{base}/en/recommendations/")
    check("/en/recommendations/")
    page.goto(f"{base}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title")  # Swagger UI ran from its own files
    check("/api/v1/docs")

    page.goto(f"{base}/admin/login/")
    check("/admin/login/")
    sign_in_to_back_office(
        page, base, "secretariat", on_second_step=lambda: check("/accounts/two-factor/")
    )
    check("/admin/")

    editor = f"/admin/pages/{news.pk}/edit/"
    page.goto(base + editor)
    date_input = page.locator("#id_date")
    # The chooser is started from a static file, not from Wagtail's inline script.
    page.wait_for_selector(
        "[data-monitoring-chooser='date'][data-started='true']", state="attached"
    )
    date_input.click()
    page.wait_for_selector(".xdsoft_datetimepicker >> visible=true")
    check(editor)

    assert all(not found for found in violations.values()), violations
    reported = [text for text in console if "Content Security Policy" in text]
    assert not reported, reported
    assert Page.objects.filter(pk=news.pk).exists()
