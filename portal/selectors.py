"""Reads for the respondents' portal. Every queryset goes through monitoring.access."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from monitoring import access
from monitoring.models import Membership


@dataclass
class Dashboard:
    memberships: list[Membership]
    waiting: list = field(default_factory=list)

    @property
    def has_organisation(self) -> bool:
        return bool(self.memberships)


def own_memberships(user) -> QuerySet[Membership]:
    return (
        access.visible(user, Membership)
        .filter(user=user, is_active=True)
        .select_related("organisation", "organisation__country")
    )


@dataclass
class WaitingItem:
    title: str
    subtitle: str
    url: str
    due: object
    status: str
    percent: int | None = None


def dashboard_for(user) -> Dashboard:
    """What waits for the user's organisations: questionnaires to answer, for now."""
    from django.urls import reverse

    from questionnaires.selectors import portal_responses

    waiting = [
        WaitingItem(
            title=response.questionnaire.title,
            subtitle=f"{response.organisation.name} · {response.evaluation.country.name}",
            url=reverse("portal:response", args=[response.pk]),
            due=response.due_on,
            status=response.get_status_display(),
        )
        for response in portal_responses(user)
    ]
    principal = access.principal_for(user)
    if principal.government_country_ids and not principal.is_staff_reader:
        from django.utils.translation import gettext as _

        from evaluation_rounds.visit_selectors import visits_for

        waiting += [
            WaitingItem(
                title=_("Programme of the country visit"),
                subtitle=str(visit),
                url=reverse("visit_programme", args=[visit.pk]),
                due=None,
                status=_("for your information"),
            )
            for visit in visits_for(user).filter(
                evaluation__country_id__in=principal.government_country_ids
            )
        ]
        from reports.selectors.portal import dashboard_items

        waiting += dashboard_items(user)
    return Dashboard(memberships=list(own_memberships(user)), waiting=waiting)
