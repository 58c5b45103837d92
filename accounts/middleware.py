from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import second_factor

# Pages a signed-in user who still owes the second step may reach: signing in and out, the
# second step itself, language switching, static files, and the open-data API (anonymous
# whoever asks).
OPEN_PREFIXES = ("/accounts/", "/admin/logout/", "/i18n/", "/static/", "/media/", "/api/")


class SecondFactorMiddleware:
    """Until the second step is passed, a signed-in session reaches nothing but the pages above."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in: the session is left untouched, so
        # anonymous answers do not gain "Vary: Cookie" (the API's and the public site's caching).
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and not request.path.startswith(OPEN_PREFIXES)
            and request.user.is_authenticated
            and second_factor.session_state(request) == second_factor.REQUIRED
        ):
            target = reverse("accounts:second_factor")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
