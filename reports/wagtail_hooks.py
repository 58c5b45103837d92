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


# --- Adoption chapter by chapter and placeholders, asked by the procedure (evaluation_rounds)


@hooks.register("register_transition_check")
def adoption_transition_check(evaluation, to_state, **step):
    from .adoption import check_transition

    check_transition(evaluation, to_state, **step)


@hooks.register("register_transition_recorded")
def adoption_transition_recorded(step, **context):
    from .adoption import transition_recorded

    transition_recorded(step, **context)


@hooks.register("register_plenary_agenda_entries")
def adoption_agenda_entries(user, plenary):
    from .adoption import agenda_entries

    return agenda_entries(user, plenary)


@hooks.register("register_evaluation_timeline_entries")
def adoption_timeline_entries(evaluation):
    from .adoption import timeline_entries

    return timeline_entries(evaluation)
