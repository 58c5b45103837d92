"""The audit log: an append-only record of sensitive events (who, when, from where, on what).

Services and views call `record()`; the request being served (set by `AuditRequestMiddleware`)
supplies the IP address, so a service does not need the request passed down to it. Sign-ins,
failed sign-ins and permission changes are recorded from Django's signals (`connect_signals`).
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from django.utils import timezone

from . import system_messages as messages
from .models import AuditEvent, Membership, Organisation
from .system_text import bilingual_of

Kind = AuditEvent.Kind
_current_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


class AuditRequestMiddleware:
    """Makes the request being served known to `record()` for its IP address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address. Behind the production proxy (AUDIT_PROXY_COUNT = 1) it is the
    address the proxy appended to X-Forwarded-For; anything left of it the client could forge."""
    if request is None:
        return None
    proxies = getattr(settings, "AUDIT_PROXY_COUNT", 0)
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def record(
    kind: str,
    *,
    actor=None,
    target: models.Model | None = None,
    detail: str = "",
    actor_name: str = "",
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event. `actor` is the user (None: anonymous or unknown, then `actor_name`)."""
    request = request or _current_request.get()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        kind=kind,
        occurred_at=timezone.now(),
        actor=actor,
        actor_name=(actor.get_username() if actor is not None else actor_name)[:150],
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:255] if target is not None else "",
        ip_address=client_ip(request),
        detail=detail[:500],
    )


# --- From Django's signals --------------------------------------------------------------------


def _signed_in(sender, request, user, **kwargs) -> None:
    record(Kind.SIGN_IN, actor=user, request=request)


def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    # Django has already masked the password in `credentials`; only the name is kept.
    name = str(credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username", ""))
    record(Kind.SIGN_IN_FAILED, actor_name=name, request=request)


def _current_actor():
    request = _current_request.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _groups_or_permissions_changed(sender, instance, action, model, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    what = model._meta.label
    if action == "post_clear":
        detail = messages.PERMISSIONS_CLEARED.encode(what=what)
    else:
        names = ", ".join(str(item) for item in model._default_manager.filter(pk__in=pk_set))
        said = messages.PERMISSIONS_ADDED if action == "post_add" else messages.PERMISSIONS_REMOVED
        detail = said.encode(what=what, names=names, max_length=500)
    record(Kind.PERMISSION_CHANGE, actor=_current_actor(), target=instance, detail=detail)


def _membership_saved(sender, instance: Membership, created: bool, **kwargs) -> None:
    said = messages.MEMBERSHIP_CREATED if created else messages.MEMBERSHIP_CHANGED
    detail = said.encode(role=instance.role, active=instance.is_active)
    record(Kind.PERMISSION_CHANGE, actor=_current_actor(), target=instance.user, detail=detail)


def _membership_deleted(sender, instance: Membership, **kwargs) -> None:
    organisation = Organisation.objects.filter(pk=instance.organisation_id).first()
    where = bilingual_of(organisation, "name") if organisation else str(instance.organisation_id)
    detail = messages.MEMBERSHIP_DELETED.encode(role=instance.role, organisation=where)
    record(Kind.PERMISSION_CHANGE, actor=_current_actor(), target=instance.user, detail=detail)


def connect_signals() -> None:
    user_model = get_user_model()
    user_logged_in.connect(_signed_in, dispatch_uid="audit.sign_in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="audit.sign_in_failed")
    for through in (user_model.groups.through, user_model.user_permissions.through):
        m2m_changed.connect(
            _groups_or_permissions_changed, sender=through, dispatch_uid=f"audit.{through}"
        )
    post_save.connect(_membership_saved, sender=Membership, dispatch_uid="audit.membership")
    post_delete.connect(_membership_deleted, sender=Membership, dispatch_uid="audit.membership-")
