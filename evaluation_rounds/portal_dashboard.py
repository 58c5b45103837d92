"""The country visits' entries on the portal's dashboard (monitoring.portal_dashboard): the
programme of a visit to come or under way; a past visit goes to the history."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring import access, display
from monitoring.portal_dashboard import WaitingItem

from .visit_selectors import visits_for


def dashboard_items(user) -> list[WaitingItem]:
    principal = access.principal_for(user)
    if not principal.government_country_ids or principal.is_staff_reader:
        return []
    today = timezone.localdate()
    visits = visits_for(user).filter(evaluation__country_id__in=principal.government_country_ids)
    return [
        WaitingItem(
            title=_("Programme of the country visit"),
            subtitle=_("%(country)s, %(start)s – %(end)s")
            % {
                "country": visit.evaluation.country.name,
                "start": display.day(visit.start_date),
                "end": display.day(visit.end_date),
            },
            url=reverse("visit_programme", args=[visit.pk]),
            status=_("for your information") if visit.end_date >= today else _("visit done"),
            due=visit.start_date if visit.end_date >= today else None,
            done_on=visit.end_date if visit.end_date < today else None,
        )
        for visit in visits
    ]
