from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import is_valid_path
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language_from_path
from django.views.decorators.csp import csp_override

BACK_OFFICE_PREFIX = "/admin/"
# Everything answered here is for one signed-in person: the portal, the back office, the
# sign-in and account pages, the visit programmes. Private files download under /portal/ and
# /admin/.
PRIVATE_PREFIXES = ("/portal/", BACK_OFFICE_PREFIX, "/accounts/", "/visits/")


class RememberLanguageMiddleware:
    """Remember the language of the public page a visitor reads (/ru/...), so that the portal
    and the sign-in page, which carry no language in their URL, answer in the same language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = get_language_from_path(request.path_info)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 from a view outside the language-prefixed
    site (the portal, the back office) stays a 404. Django would redirect it to /en/<path>,
    because Wagtail's catch-all page route makes every prefixed path look valid."""

    def process_response(self, request, response):
        if response.status_code == 404 and is_valid_path(
            request.path_info, getattr(request, "urlconf", None)
        ):
            return response
        return super().process_response(request, response)


class BackOfficeContentSecurityPolicyMiddleware:
    """Give the back office (Wagtail's admin under /admin/) the policy in
    settings.SECURE_CSP_BACK_OFFICE instead of SECURE_CSP, through Django's own per-view
    override. It sits after ContentSecurityPolicyMiddleware, which reads the override."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.back_office = csp_override(settings.SECURE_CSP_BACK_OFFICE)(get_response)

    def __call__(self, request):
        if request.path_info.startswith(BACK_OFFICE_PREFIX):
            return self.back_office(request)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy header built from settings.PERMISSIONS_POLICY: a feature
    mapped to an empty list is off for every origin, e.g. ``camera=()``. A view that sets the
    header itself keeps its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


def permissions_policy(features: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` → ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in features.items())


def _says_no_store(response) -> bool:
    """A view that already forbids storing (a draft's PDF) keeps its own header."""
    return "no-store" in response.get("Cache-Control", "")


class PrivatePagesNotStoredMiddleware:
    """Cache-Control: no-store (Django's never-cache headers) on every answer under
    PRIVATE_PREFIXES, so that neither the browser's history and disk cache nor a proxy keeps a
    draft report, a confidential answer or a downloaded file after the person signed out. The
    public site and the API keep their own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(PRIVATE_PREFIXES) and not _says_no_store(response):
            add_never_cache_headers(response)
        return response
