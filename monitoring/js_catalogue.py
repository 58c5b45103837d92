"""Django's JavaScript catalogue (the `djangojs` domain) for our scripts, in the language the
page asks for (`?lang=`, else the reader's): a static script of this site, so the
Content-Security-Policy allows it, cached per language for a day."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.views.decorators.cache import cache_page
from django.views.decorators.http import last_modified
from django.views.i18n import JavaScriptCatalog

# The apps whose scripts call gettext(); their locale directories hold djangojs.po.
PACKAGES = ["monitoring", "evaluation_rounds", "questionnaires", "reports", "recommendations"]
_STARTED = timezone.now()  # the catalogue changes only with a deployment


@cache_page(60 * 60 * 24)
@last_modified(lambda request: _STARTED)
def javascript_catalog(request: HttpRequest) -> HttpResponse:
    asked = request.GET.get("lang", "")
    language = asked if asked in dict(settings.LANGUAGES) else translation.get_language()
    with translation.override(language):
        return JavaScriptCatalog.as_view(packages=PACKAGES)(request)
