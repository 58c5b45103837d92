from wagtail import hooks

from . import home_panels
from .viewsets import ReportsViewSet


@hooks.register("register_admin_viewset")
def register_reports_viewset():
    return ReportsViewSet()


@hooks.register("register_log_actions")
def register_publication_log_actions(actions):
    # Published versions are `ReportPublication` rows now; versions published before that were
    # logged under this action, and Wagtail keeps showing those entries with its label.
    from django.utils.translation import gettext_lazy as _

    actions.register_action("reports.publish", _("Publish report"), _("Report published"))


@hooks.register("register_portal_dashboard_items")
def portal_dashboard_items(user):
    from .selectors.portal import dashboard_items

    return dashboard_items(user)


@hooks.register("construct_homepage_panels")
def add_report_panels(request, panels):
    panels.extend(home_panels.panels_for(request.user))
