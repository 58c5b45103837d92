"""The second sign-in step: who must pass it, and the session's note that they did.

Staff (the secretariat, the experts, superusers) must use a second factor; respondents may turn
it on, and then must use it too. Whether a signed-in session still owes the second step is kept
in the session, computed once per sign-in, so the check costs no query on later requests.
`accounts.middleware.SecondFactorMiddleware` sends such a session to the verification page.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from monitoring import access

SESSION_KEY = "second_factor"
REQUIRED, VERIFIED, NOT_REQUIRED = "required", "verified", "not_required"


def is_mandatory(user) -> bool:
    """Staff may not sign in with a password alone."""
    return access.principal_for(user).is_staff_reader


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def state_for(user) -> str:
    return REQUIRED if is_mandatory(user) or has_authenticator(user) else NOT_REQUIRED


def session_state(request) -> str:
    """The session's second-factor state, computed (and remembered) on first use."""
    state = request.session.get(SESSION_KEY)
    if state not in (REQUIRED, VERIFIED, NOT_REQUIRED):
        state = state_for(request.user)
        request.session[SESSION_KEY] = state
    return state


def mark_verified(request, device) -> None:
    request.session[SESSION_KEY] = VERIFIED
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id


def is_verified(request) -> bool:
    return request.session.get(SESSION_KEY) == VERIFIED


def recovery_device(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def _forget_on_sign_in(sender, request, user, **kwargs) -> None:
    """A fresh sign-in owes the second step again, even in a session that passed it before."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(SESSION_KEY, None)
        request.session.pop(DEVICE_ID_SESSION_KEY, None)


def connect_signals() -> None:
    user_logged_in.connect(_forget_on_sign_in, dispatch_uid="accounts.second_factor")
