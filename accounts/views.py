"""The second sign-in step, the account's security page, and accepting an invitation."""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify
from urllib.parse import quote

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from monitoring import audit
from monitoring.models import AuditEvent
from monitoring.system_messages import WRONG_SECOND_FACTOR

from . import second_factor, services
from .forms import CodeForm
from .tokens import invitation_tokens

PENDING_KEY = "second_factor_pending_key"


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("accounts:security")


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Step two of signing in: a code from the authenticator app, or a recovery code."""
    state = second_factor.session_state(request)
    next_url = _next_url(request)
    if state != second_factor.REQUIRED:
        return redirect(next_url)
    authenticator = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if authenticator is None:
        return redirect(f"{reverse('accounts:setup')}?next={quote(next_url)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        is_app_code = len(code) == 6 and code.isdigit()  # recovery codes have 8 characters
        device = authenticator if is_app_code else second_factor.recovery_device(request.user)
        allowed, _reason = device.verify_is_allowed() if device else (True, None)
        matched = device and allowed and verify_token(request.user, device.persistent_id, code)
        if matched:
            second_factor.mark_verified(request, matched)
            return redirect(next_url)
        audit.record(
            AuditEvent.Kind.SIGN_IN_FAILED, actor=request.user, detail=WRONG_SECOND_FACTOR.encode()
        )
        if not allowed:
            form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
        else:
            form.add_error(
                "code",
                _("This code is not valid. Codes change every 30 seconds; type the current one."),
            )
    return TemplateResponse(
        request,
        "accounts/verify.html",
        {
            "form": form,
            "next": next_url,
            "demo_code": _demo_code(authenticator),
        },
    )


def _demo_code(device: TOTPDevice) -> str | None:
    """The demo (DEBUG settings only) shows the current code, for visitors without the app."""
    if not settings.SECOND_FACTOR_DEMO_HINT:
        return None
    return f"{TOTP(device.bin_key, step=device.step, digits=device.digits).token():06d}"


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Connect an authenticator app: scan the QR code, confirm with one code."""
    has_authenticator = second_factor.has_authenticator(request.user)
    if has_authenticator and not second_factor.is_verified(request):
        # Replacing an authenticator needs the old one: a stolen password alone must not do.
        return redirect(f"{reverse('accounts:second_factor')}?next={quote(request.path)}")
    hex_key = request.session.get(PENDING_KEY) or random_hex(20)
    request.session[PENDING_KEY] = hex_key
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.token_matches_key(hex_key, form.cleaned_data["code"]):
            device = services.add_authenticator(request.user, hex_key)
            codes = services.issue_recovery_codes(request.user)
            second_factor.mark_verified(request, device)
            del request.session[PENDING_KEY]
            return TemplateResponse(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "first_time": True},
            )
        form.add_error(
            "code",
            _("This code does not match. Check the time on your phone and type the current code."),
        )
    secret = b32encode(unhexlify(hex_key)).decode()
    issuer = quote(str(settings.WAGTAIL_SITE_NAME))  # in the user's language, as they read it
    uri = (
        f"otpauth://totp/{issuer}:{quote(request.user.get_username())}"
        f"?secret={secret}&issuer={issuer}"
    )
    return TemplateResponse(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_svg": segno.make(uri, error="m").svg_inline(scale=4, title=_("QR code")),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "replacing": has_authenticator,
        },
    )


def _require_verified(request: HttpRequest) -> None:
    if not second_factor.is_verified(request):
        raise PermissionDenied


@login_required
def security(request: HttpRequest) -> HttpResponse:
    """The account's sign-in settings: the authenticator and the recovery codes."""
    recovery = second_factor.recovery_device(request.user)
    return TemplateResponse(
        request,
        "accounts/security.html",
        {
            "has_authenticator": second_factor.has_authenticator(request.user),
            "mandatory": second_factor.is_mandatory(request.user),
            "verified": second_factor.is_verified(request),
            "codes_left": recovery.token_set.count() if recovery else 0,
        },
    )


@login_required
@require_POST
def new_recovery_codes(request: HttpRequest) -> HttpResponse:
    _require_verified(request)
    codes = services.issue_recovery_codes(request.user)
    return TemplateResponse(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts:security"), "first_time": False},
    )


@login_required
@require_POST
def remove(request: HttpRequest) -> HttpResponse:
    """Respondents may turn the second factor off again; staff may not."""
    _require_verified(request)
    if second_factor.is_mandatory(request.user):
        raise PermissionDenied
    services.remove_second_factor(request.user)
    request.session[second_factor.SESSION_KEY] = second_factor.NOT_REQUIRED
    messages.success(request, _("Two-factor authentication is off for your account."))
    return redirect("accounts:security")


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """An invitation link: choose a password once, then straight into the portal (staff: the
    back office, which first has them set up their authenticator)."""

    token_generator = invitation_tokens
    template_name = "accounts/invitation_accept.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("portal:dashboard")
    reset_url_token = "set-password"  # noqa: S105 - a URL segment, not a secret

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Welcome. Your password is set."))
        return response

    def get_success_url(self) -> str:
        if second_factor.is_mandatory(self.user):
            return reverse("wagtailadmin_home")
        return super().get_success_url()


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer once an account and address have failed too often (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
