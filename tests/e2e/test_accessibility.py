"""WCAG 2.1 AA in a real browser: axe-core (from npm, `make axe`) runs on the home page, a
country page, Kazakhstan's published report and the recommendation tracker, in English and in
Russian, and any serious or critical violation fails. The same pages on a 360 px wide phone
never scroll sideways, and the keyboard's focus is always visible."""

import json
from pathlib import Path

import pytest

from reports.models import Report

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
TABS = 6  # the skip link, the site title, the main navigation and the language switcher

# The focused element's outline (or box-shadow ring) and the first opaque background behind it,
# both as [r, g, b] once the browser has resolved the CSS.
FOCUS_STYLE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  const rgb = (colour) => {
    const parts = (colour.match(/[\\d.]+/g) || []).map(Number);
    return parts.length >= 3 && (parts.length < 4 || parts[3] > 0) ? parts.slice(0, 3) : null;
  };
  let background = null;
  for (let node = element.parentElement; node && !background; node = node.parentElement) {
    background = rgb(getComputedStyle(node).backgroundColor);
  }
  const shadow = style.boxShadow === "none" ? null : style.boxShadow;
  return {
    element: element.outerHTML.slice(0, 120),
    width: box.width, height: box.height, top: box.top, left: box.left,
    viewportWidth: window.innerWidth, viewportHeight: window.innerHeight,
    visibility: style.visibility, opacity: Number(style.opacity),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
    outlineColour: rgb(style.outlineColor),
    shadowColour: shadow ? rgb((shadow.match(/rgba?\\([^)]*\\)/) || [""])[0]) : null,
    shadowSpread: shadow
      ? Math.max(...(shadow.match(/-?[\\d.]+px/g) || ["0px"]).map(parseFloat)) : 0,
    background: background || [255, 255, 255],
  };
}"""


def _luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: list[float], second: list[float]) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture
def public_paths(demo_data) -> dict[str, str]:
    report = Report.objects.get(evaluation__country__iso_code="KZ", published_at__isnull=False)
    return {
        "home": "/{lang}/",
        "country": "/{lang}/countries/kazakhstan/",
        "report": f"/{{lang}}/countries/kazakhstan/reports/{report.pk}/",
        "tracker": "/{lang}/recommendations/",
    }


@pytest.fixture
def axe_page(browser):
    """A desktop page whose context lets Playwright inject axe-core despite the site's
    Content-Security-Policy (script-src 'self'); the site itself sends the same policy."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `make axe` (npm ci installs it).")
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def open_page(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url} answered {response}"


def blocking_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_axe_finds_no_serious_violation(live_server, axe_page, public_paths, lang):
    page = axe_page
    failures = []
    for name, path in public_paths.items():
        url = live_server.url + path.format(lang=lang)
        open_page(page, url)
        assert page.locator("html").get_attribute("lang") == lang
        violations = blocking_violations(page)
        if violations:
            failures.append(f"{name} {url}\n{describe(violations)}")
    assert not failures, "axe-core found serious or critical violations:\n" + "\n".join(failures)

    # The check itself works: an image without a text alternative is caught on the same page.
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in {violation["id"] for violation in blocking_violations(page)}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_phone_never_scrolls_sideways_and_focus_is_visible(
    live_server, browser, public_paths, lang
):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        for name, path in public_paths.items():
            url = live_server.url + path.format(lang=lang)
            open_page(page, url)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{name} scrolls sideways on a 360 px phone ({width}px): {url}"

            for step in range(1, TABS + 1):
                page.keyboard.press("Tab")
                focus = page.evaluate(FOCUS_STYLE)
                where = f"{name}, Tab {step}: {focus and focus['element']}"
                assert focus is not None, f"{name}, Tab {step}: nothing took the focus"
                if step == 1:
                    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
                assert focus["visibility"] == "visible" and focus["opacity"] > 0, where
                assert focus["width"] > 0 and focus["height"] > 0, where
                assert 0 <= focus["left"] < focus["viewportWidth"], f"off screen: {where}"
                assert 0 <= focus["top"] < focus["viewportHeight"], f"off screen: {where}"
                rings = []
                if focus["outlineStyle"] != "none" and focus["outlineWidth"] >= 2:
                    rings.append(focus["outlineColour"])
                if focus["shadowSpread"] >= 2:
                    rings.append(focus["shadowColour"])
                # WCAG 1.4.11: a focus indicator needs 3:1 against what surrounds it.
                assert any(ring and contrast(ring, focus["background"]) >= 3 for ring in rings), (
                    f"no visible focus ring ({focus}): {where}"
                )
    finally:
        context.close()
