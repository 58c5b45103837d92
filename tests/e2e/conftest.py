import os
import time
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in this thread; the ORM calls that the tests and the
# database teardown make in the same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser(_shared_demo):
    from playwright.sync_api import sync_playwright

    # With Playwright's loop running, Django hands this thread a fresh connection (asgiref keeps
    # connections per context under a running loop): the shared demo transaction would stay
    # open on the old one, holding its locks.
    _shared_demo.close()
    # The copy of the migrated data (the indicator catalogue, the site's locales) that
    # `serialized_rollback` puts back after each flush is kept on the old connection: hand it
    # to the new one, or every browser test after the first starts without it.
    serialized = getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is missing at {CHROMIUM}: run `make chromium`.")
    with sync_playwright() as playwright:
        if serialized is not None:
            connections[DEFAULT_DB_ALIAS]._test_serialized_contents = serialized
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


BUSY_SESSIONS = """
    SELECT count(*) FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid()
      AND state IN ('active', 'idle in transaction')
"""


@pytest.fixture(autouse=True)
def _server_requests_end_before_the_flush(live_server, transactional_db):
    """The browser may leave a request in the server when the test ends (a page's background
    call); on PostgreSQL its transaction and the flush's TRUNCATE can deadlock. Set up after
    the database, so torn down before its flush: wait (15 s at most) until no other session of
    the test database is busy. SQLite's busy timeout already makes the flush wait."""
    yield
    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + 15
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(BUSY_SESSIONS)
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def sign_in_to_back_office(page, base: str, username: str, on_second_step=None) -> None:
    """The staff sign-in as a person does it: password, then the authenticator's code."""
    from demo import seeding as demo
    from demo.seed.accounts import demo_key
    from tests.accounts.helpers import code_for

    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/accounts/two-factor/?next=%2Fadmin%2F")
    if on_second_step:
        on_second_step()
    page.get_by_label("Code").fill(code_for(demo_key(username)))
    page.get_by_role("button", name="Continue").click()
    try:
        page.wait_for_url(f"{base}/admin/", timeout=10_000)
    except PlaywrightTimeoutError:
        if "/accounts/two-factor/" not in page.url:
            raise
        # The authenticator refuses a code used once already (django-otp's replay guard): the
        # same person signing in twice within one 30-second step types the next step's code, as
        # a person waiting for the app to change does.
        time.sleep(30 - time.time() % 30 + 1)
        page.get_by_label("Code").fill(code_for(demo_key(username)))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(f"{base}/admin/")
