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
        submitted = response.is_locked and response.submitted_at is not None
        items.append(
            WaitingItem(
                title=response.questionnaire.title,
                subtitle=f"{response.organisation.name} · {response.evaluation.country.name}",
                url=reverse("portal:response", args=[response.pk]),
                status=response.get_status_display(),
                due=None if submitted else response.due_on,
                done_on=timezone.localdate(response.submitted_at) if submitted else None,
            )
        )
    return items
