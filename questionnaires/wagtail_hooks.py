from wagtail import hooks

from . import admin_reading, home_panels  # noqa: F401
from .viewsets import QuestionnaireViewSetGroup


@hooks.register("register_admin_viewset")
def register_questionnaire_viewsets():
    return QuestionnaireViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_questionnaire_panels(request, panels):
    panels.extend(home_panels.panels_for(request.user))


@hooks.register("register_portal_dashboard_items")
def portal_dashboard_items(user):
    from .portal_dashboard import dashboard_items

    return dashboard_items(user)
