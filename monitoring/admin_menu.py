"""Back-office menu items shown by role (the rules are monitoring.access's)."""

from wagtail.admin.menu import MenuItem

from . import access


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return access.principal_for(request.user).is_secretariat


class StaffReaderMenuItem(MenuItem):
    """Shown to the expert group and the secretariat."""

    def is_shown(self, request):
        return access.principal_for(request.user).is_staff_reader
