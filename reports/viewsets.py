"""Back-office screens of reports, mounted at /admin/reports/."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSet

from monitoring.admin_menu import StaffReaderMenuItem

from . import admin_urls


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
