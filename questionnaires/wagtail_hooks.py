from wagtail import hooks

from . import admin_reading  # noqa: F401
from .viewsets import QuestionnaireViewSetGroup


@hooks.register("register_admin_viewset")
def register_questionnaire_viewsets():
    return QuestionnaireViewSetGroup()
