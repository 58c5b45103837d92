"""One-time submission tokens: a form that creates something is sent once per rendering.

The form carries a random token (`{% load submission_tokens %}{% submission_token %}` inside
it); its view is decorated with `once_per_token`. The first POST with a token claims it in the
cache (keyed per user, atomic `add`, so two requests of one double click cannot both claim it)
and, when the view answers with a redirect (saved), records where it went. A second POST with
the same token writes nothing: it is sent to what the first one saved, with "This was already
saved.". A view that answers otherwise (the form refused) gives the token back, so the corrected
form, still carrying it, can be sent. A POST without a token (a page rendered before the forms
had one) is handled as before.
"""

from __future__ import annotations

import re
import secrets
import time
from functools import wraps

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect
from django.utils.translation import gettext as _

FIELD = "submission_token"
EXPIRY_SECONDS = 12 * 60 * 60  # a tab left open for a working day can still be resent safely
_CLAIM_SECONDS = 60  # a claim whose request died is freed after this
_WAIT_SECONDS = 10  # how long a second request waits for the first one to finish
_PENDING = "pending"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_token() -> str:
    return secrets.token_urlsafe(16)


def _key(request, token: str) -> str:
    return f"submission-token:{request.user.pk or 'anonymous'}:{token}"


def _posted_token(request) -> str | None:
    token = request.POST.get(FIELD, "")
    return token if _TOKEN.fullmatch(token) else None


def _already_saved(request, url: str):
    messages.info(request, _("This was already saved."))
    return redirect(url)


def once_per_token(view):
    """Decorate a view whose successful POST redirects to what it saved (see the module)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = _posted_token(request) if request.method == "POST" else None
        if token is None:
            return view(request, *args, **kwargs)
        key = _key(request, token)
        deadline = time.monotonic() + _WAIT_SECONDS
        while not cache.add(key, _PENDING, _CLAIM_SECONDS):
            saved = cache.get(key)
            if saved not in (None, _PENDING):
                return _already_saved(request, saved)
            if time.monotonic() > deadline:
                messages.warning(
                    request,
                    _("This form is still being saved. Look at the page before sending it again."),
                )
                return redirect(request.get_full_path())
            time.sleep(0.1)  # the first request of a double click is still saving
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            cache.delete(key)
            raise
        if response.status_code in (301, 302, 303) and response.get("Location"):
            cache.set(key, response["Location"], EXPIRY_SECONDS)
        else:
            cache.delete(key)
        return response

    return wrapper
