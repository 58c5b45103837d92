"""Reads for the respondents' portal. Every queryset goes through monitoring.access."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from monitoring import access, portal_dashboard
from monitoring.models import Membership


@dataclass
class Dashboard:
    memberships: list[Membership]
    waiting: list = field(default_factory=list)
    done: list = field(default_factory=list)

    @property
    def has_organisation(self) -> bool:
        return bool(self.memberships)


def own_memberships(user) -> QuerySet[Membership]:
    return (
        access.visible(user, Membership)
        .filter(user=user, is_active=True)
        .select_related("organisation", "organisation__country")
    )


def dashboard_for(user) -> Dashboard:
    """What waits for the user's organisations, and what they have done, from the providers
    each app registers (monitoring.portal_dashboard)."""
    waiting, done = portal_dashboard.items_for(user)
    return Dashboard(memberships=list(own_memberships(user)), waiting=waiting, done=done)
