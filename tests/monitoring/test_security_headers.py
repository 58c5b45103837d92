"""Security headers on every face of the site (issue 7 §3), no inline script in any template,
and the production settings behind HSTS and the cookies."""

import json
import re
from pathlib import Path

import pytest

from tests.test_settings import PRODUCTION_ENVIRONMENT, run_manage

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "api",
    "cms",
    "evaluation_rounds",
    "monitoring",
    "portal",
    "questionnaires",
    "recommendations",
    "reports",
]

STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'none'; form-action 'self'"
)
BACK_OFFICE_CSP = STRICT_CSP.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';")
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


def assert_security_headers(response, csp=STRICT_CSP):
    assert response["Content-Security-Policy"] == csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_headers_on_the_public_site_portal_back_office_and_api(demo_data, client, login_as):
    pages = {
        "public page": "/en/",
        "tracker": "/en/recommendations/",
        "portal sign-in": "/accounts/login/",
        "API": "/api/v1/recommendations",
        "API documentation": "/api/v1/docs",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert_security_headers(response)

    response = client.get("/admin/login/")
    assert response.status_code == 200
    # Wagtail's editor inserts <style> elements at run time: the back office alone allows
    # inline styles; scripts stay 'self' there too.
    assert_security_headers(response, csp=BACK_OFFICE_CSP)

    portal = login_as("kz-official").get("/portal/")
    assert portal.status_code == 200
    assert_security_headers(portal)
    back_office = login_as("secretariat").get("/admin/")
    assert back_office.status_code == 200
    assert_security_headers(back_office, csp=BACK_OFFICE_CSP)


def test_cookies_are_http_only_and_same_site(client, settings):
    response = client.get("/accounts/login/")  # the form sets the CSRF cookie
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_production_adds_hsts_and_secure_cookies():
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SAMESITE",
        "LANGUAGE_COOKIE_SAMESITE",
    ]
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = run_manage("shell", "-c", script, environment=PRODUCTION_ENVIRONMENT)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SECURE_SSL_REDIRECT"]
    assert values["SESSION_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["CSRF_COOKIE_SECURE"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["LANGUAGE_COOKIE_SAMESITE"] == "Lax"


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
DATA_TYPES = ('type="application/json"', 'type="application/ld+json"')


def project_templates():
    return sorted(path for app in APPS for path in (ROOT / app / "templates").rglob("*.html"))


def test_the_scan_finds_the_templates():
    templates = project_templates()
    assert len(templates) > 50
    assert ROOT / "questionnaires/templates/questionnaires/portal/section.html" in templates


@pytest.mark.parametrize(
    "snippet, inline",
    [
        ('<script src="/static/a.js" defer></script>', False),
        ('<script type="application/json" id="x">{}</script>', False),
        ("<script>alert(1)</script>", True),
        ('<script type="module">import x from "/a.js"</script>', True),
        ('<button onclick="go()">', True),
    ],
)
def test_the_scan_tells_inline_script_apart(snippet, inline):
    assert bool(inline_scripts(snippet)) is inline


def inline_scripts(text):
    found = [
        match.group(0)
        for match in SCRIPT_TAG.finditer(text)
        if "src=" not in match.group(1) and not any(t in match.group(1) for t in DATA_TYPES)
    ]
    return found + [match.group(0) for match in EVENT_HANDLER.finditer(text)]


def test_no_template_has_inline_script():
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in project_templates()
        if (found := inline_scripts(path.read_text(encoding="utf-8")))
    }
    assert not offenders, f"inline script is refused by the Content-Security-Policy: {offenders}"
