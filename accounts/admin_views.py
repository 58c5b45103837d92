"""Back office: the secretariat invites respondents and experts (there is no self-registration)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from monitoring import access
from monitoring.models import Membership

from . import services
from .forms import ExpertInvitationForm, InvitationForm

PAGE_SIZE = 50


def pending_invitations():
    """Invited respondents and experts who have not chosen a password yet, newest first."""
    return (
        get_user_model()
        .objects.filter(password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .filter(Q(memberships__isnull=False) | Q(expert_member__isnull=False))
        .select_related("expert_member")
        .distinct()
        .order_by("-date_joined", "pk")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("organisation__country"),
            )
        )
    )


INVITE_KINDS = {
    "respondent": (InvitationForm, services.invite_respondent),
    "expert": (ExpertInvitationForm, services.invite_expert),
}


def _invite(request: HttpRequest, form, invite) -> HttpResponse | None:
    try:
        user = invite(**form.cleaned_data, invited_by=request.user)
    except services.InvitationError as error:
        form.add_error("email", str(error))
    except ValidationError as error:  # a Membership rule: organisation kind, one contact
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
        return redirect("accounts_admin:invitations")
    return None


def invitations(request: HttpRequest) -> HttpResponse:
    access.require_secretariat(request.user)
    posted = request.POST.get("invite") if request.method == "POST" else None
    forms = {
        kind: form_class(request.POST if kind == posted else None, prefix=kind)
        for kind, (form_class, _invite_service) in INVITE_KINDS.items()
    }
    if posted in forms and forms[posted].is_valid():
        done = _invite(request, forms[posted], INVITE_KINDS[posted][1])
        if done is not None:
            return done
    page = Paginator(pending_invitations(), PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "accounts/admin/invitations.html",
        {
            "header_title": _("Invitations"),
            "page_title": _("Invitations"),
            "header_icon": "mail",
            "form": forms["respondent"],
            "expert_form": forms["expert"],
            "page": page,
        },
    )


def resend(request: HttpRequest, user_id: int) -> HttpResponse:
    access.require_secretariat(request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = get_object_or_404(pending_invitations(), pk=user_id)
    services.send_invitation(user, invited_by=request.user)
    messages.success(request, _("A new invitation went to %(email)s.") % {"email": user.email})
    return redirect("accounts_admin:invitations")
