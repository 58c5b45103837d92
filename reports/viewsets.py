"""Back-office screens of reports, mounted at /admin/reports/."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from monitoring import access

from . import admin_urls


class StaffReaderMenuItem(MenuItem):
    def is_shown(self, request):
        return access.principal_for(request.user).is_staff_reader


class ReportsViewSet(ViewSet):
    name = "reports"
    icon = "doc-full"
    add_to_admin_menu = True
    menu_label = _("Reports")
    menu_name = "monitoring-reports"  # "reports" is Wagtail's own submenu
    menu_order = 150
    menu_item_class = StaffReaderMenuItem

    @cached_property
    def menu_url(self):
        return reverse("reports:index")

    def get_urlpatterns(self):
        return admin_urls.urlpatterns
