"""The core's system sentences (audit details of sign-ins and permission changes), stored as
codes and rendered for the reader (`system_text`)."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from .access import EXPERTS_GROUP, SECRETARIAT_GROUP
from .models import Membership
from .system_text import message


def _role(value: str) -> str:
    try:
        return str(Membership.Role(value).label)
    except ValueError:
        return value


def _models(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name_plural)
    except (LookupError, ValueError):
        return label


# The staff groups' names are fixed identifiers in English (`access`); a reader reads them in
# their language. Other names (permissions) are shown as stored.
_GROUP_NAMES = {SECRETARIAT_GROUP: _("Secretariat"), EXPERTS_GROUP: _("Expert group")}


def _names(value: str) -> str:
    return ", ".join(str(_GROUP_NAMES.get(name, name)) for name in value.split(", "))


def _yes_no(value) -> str:
    return str(_("yes") if value else _("no"))


PERMISSIONS_CLEARED = message(
    "monitoring.permissions_cleared", _("%(what)s: cleared"), what=_models
)
PERMISSIONS_ADDED = message(
    "monitoring.permissions_added", _("%(what)s added: %(names)s"), what=_models, names=_names
)
PERMISSIONS_REMOVED = message(
    "monitoring.permissions_removed",
    _("%(what)s removed: %(names)s"),
    what=_models,
    names=_names,
)
MEMBERSHIP_CREATED = message(
    "monitoring.membership_created",
    _("Membership created: %(role)s, active: %(active)s"),
    role=_role,
    active=_yes_no,
)
MEMBERSHIP_CHANGED = message(
    "monitoring.membership_changed",
    _("Membership changed: %(role)s, active: %(active)s"),
    role=_role,
    active=_yes_no,
)
MEMBERSHIP_DELETED = message(
    "monitoring.membership_deleted",
    _("Membership deleted: %(role)s at %(organisation)s"),
    role=_role,
)
INVITATION_SENT = message("monitoring.invitation_sent", _("Invitation sent"))
WRONG_SECOND_FACTOR = message("monitoring.wrong_second_factor", _("Wrong second-factor code"))
