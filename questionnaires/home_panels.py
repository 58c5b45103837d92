"""The questionnaires' panel on the back office's home page: extension requests to decide."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from monitoring import access, display
from monitoring.home_panels import WorkLine, WorkPanel

from .models import ExtensionRequest, Response


def panels_for(user) -> list[WorkPanel]:
    if not access.principal_for(user).is_secretariat:
        return []
    pending = (
        ExtensionRequest.objects.filter(
            status=ExtensionRequest.Status.PENDING, response__in=access.visible(user, Response)
        )
        .select_related("response__organisation", "response__evaluation__country")
        .order_by("requested_at")
    )
    lines = [
        WorkLine(
            text=(
                f"{request.response.organisation.name} · {request.response.evaluation.country.name}"
            ),
            url=reverse("questionnaire_builder:response", args=[request.response_id]),
            detail=_("asks for %(date)s instead of %(due)s")
            % {
                "date": display.day(request.requested_due_on),
                "due": display.day(request.response.due_on),
            },
        )
        for request in pending
    ]
    return [
        WorkPanel(
            name="extension-requests",
            heading=_("Extension requests to decide"),
            lines=lines,
            empty=_("No extension request is waiting."),
            order=13,
        )
    ]
