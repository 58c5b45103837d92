"""The questionnaires' entries on the portal's dashboard (monitoring.portal_dashboard)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from monitoring.portal_dashboard import WaitingItem

from .selectors import portal_responses


def dashboard_items(user) -> list[WaitingItem]:
    items = []
    for response in portal_responses(user).select_related(
        "questionnaire", "organisation", "evaluation__country"
    ):
        # A submitted reply is done: dated by its submission (the due date if none was kept).
        done_on = None
        if response.is_locked:
            done_on = (
                timezone.localdate(response.submitted_at)
                if response.submitted_at
                else response.due_on
            )
        items.append(
            WaitingItem(
                title=response.questionnaire.title,
                subtitle=f"{response.organisation.name} · {response.evaluation.country.name}",
                url=reverse("portal:response", args=[response.pk]),
                status=response.get_status_display(),
                due=None if done_on else response.due_on,
                done_on=done_on,
            )
        )
    return items
