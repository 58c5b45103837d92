"""Action checks for the procedure's services; the rules themselves live in monitoring.access."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from monitoring import access


def require_secretariat(user) -> None:
    if not access.principal_for(user).is_secretariat:
        raise PermissionDenied(_("Only the secretariat may do this."))


def require_visit_insider(user, visit) -> None:
    if not access.is_visit_insider(user, visit):
        raise PermissionDenied(_("Only the visit's delegation and rapporteurs may do this."))
