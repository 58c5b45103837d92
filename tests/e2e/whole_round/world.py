"""What the whole-round browser test carries from one step to the next: the server's address,
the screen width, the browser, and each person's sign-in (every account was made through the
pages: the secretariat's by `create_secretariat`, the others by invitation links).

Every page a step reaches goes through `World.open` or `World.measure`: a portal or public page
wider than the screen fails the test at once, naming the page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core import mail
from playwright.sync_api import Browser, Locator, Page

from tests.accounts.helpers import code_for

from ..conftest import CHROMIUM_ARGS  # noqa: F401 (the browser is launched with these)

PASSWORD = "Samarkand-2026-plenary-round"
COUNTRY = "UZ"
SECRETARIAT = "aigerim"
RAPPORTEURS = ("nurlan@example.org", "madina@example.org")
CONTACT = "contact@gov.example.uz"
OFFICIAL = "official@gov.example.uz"
NGO = "ngo@istiqbolli.example.uz"
# Back office pages are Wagtail's, which has its own small-screen layout; the rule is
# for the portal and the public site.
MEASURED = ("/portal/", "/accounts/", "/en/", "/ru/")


@dataclass
class World:
    base: str
    width: int
    browser: Browser
    authenticator_keys: dict[str, str] = field(default_factory=dict)  # hex, staff only
    pages: dict[str, Page] = field(default_factory=dict)
    widths: dict[str, int] = field(default_factory=dict)  # path → scrollWidth measured

    @property
    def viewport(self) -> dict[str, int]:
        return {"width": self.width, "height": 900 if self.width > 600 else 740}

    def new_page(self) -> Page:
        context = self.browser.new_context(viewport=self.viewport, locale="en-GB")
        context.set_default_timeout(20_000)
        return context.new_page()

    def measure(self, page: Page) -> None:
        """Fail if this portal or public page is wider than the screen."""
        page.wait_for_load_state()
        path = page.url.removeprefix(self.base)
        if not path.startswith(MEASURED):
            return
        width = page.evaluate("document.documentElement.scrollWidth")
        self.widths[path] = width
        assert width <= self.width, f"{path} is {width} px wide on a {self.width} px screen"

    def open(self, page: Page, path: str) -> Page:
        page.goto(self.base + path)
        self.measure(page)
        return page

    def as_person(self, username: str) -> Page:
        """That person's signed-in page (signed in once, through the sign-in pages)."""
        if username not in self.pages:
            page = self.new_page()
            if username in self.authenticator_keys:
                self._sign_in_staff(page, username)
            else:
                self._sign_in_respondent(page, username)
            self.pages[username] = page
        return self.pages[username]

    def _sign_in_staff(self, page: Page, username: str) -> None:
        page.goto(f"{self.base}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r".*/accounts/two-factor/.*"))
        page.get_by_label("Code").fill(code_for(self.authenticator_keys[username]))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(f"{self.base}/admin/")

    def _sign_in_respondent(self, page: Page, username: str) -> None:
        self.open(page, "/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_url(f"{self.base}/portal/")
        self.measure(page)

    def set_up_authenticator(self, page: Page, username: str) -> None:
        """On the set-up page: read the key shown for typing, answer with its code."""
        page.wait_for_url(re.compile(r".*/accounts/two-factor/setup/.*"))
        self.measure(page)
        shown = page.locator("#authenticator-key").inner_text()
        self.authenticator_keys[username] = _hex(shown)
        page.get_by_label("Code").fill(code_for(self.authenticator_keys[username]))
        page.get_by_role("button", name="Confirm and continue").click()

    def last_link_to(self, address: str) -> str:
        """The link in the newest e-mail to `address`, as its reader would click it."""
        for message in reversed(mail.outbox):
            if address in message.to:
                return re.search(r"https?://\S+", message.body).group(0)
        raise AssertionError(f"No e-mail went to {address}")

    def keep_pages(self, folder) -> None:
        """Each open page's HTML and screenshot, to see where a failing step stood."""
        folder.mkdir(parents=True, exist_ok=True)
        for number, page in enumerate(
            page for context in self.browser.contexts for page in context.pages
        ):
            (folder / f"{self.width}-{number}.html").write_text(page.content())
            page.screenshot(path=str(folder / f"{self.width}-{number}.png"), full_page=True)

    def close(self) -> None:
        for context in self.browser.contexts:
            context.close()


def choose(select: Locator, text: str) -> None:
    """Pick the option whose text contains `text` (Playwright's labels must match whole)."""
    select.select_option(select.locator("option", has_text=text).first.get_attribute("value"))


def _hex(shown: str) -> str:
    """The set-up page shows the key in base32 for typing; the codes are made from hex."""
    import base64

    cleaned = "".join(shown.split()).upper()
    padded = cleaned + "=" * (-len(cleaned) % 8)
    return base64.b32decode(padded).hex()
