"""Back-office screens of reports, mounted at /admin/reports/."""

from wagtail.admin.viewsets.base import ViewSet

from . import admin_urls


class ReportsViewSet(ViewSet):
    name = "reports"
    icon = "doc-full"
    add_to_admin_menu = False  # the editor views add the menu item once the index exists

    def get_urlpatterns(self):
        return admin_urls.urlpatterns
