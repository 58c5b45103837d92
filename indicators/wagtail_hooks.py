from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from monitoring.home_panels import IMPORTS_HOOK, KeptImport

from . import import_views
from .viewsets import StatisticsViewSetGroup


@hooks.register("register_admin_viewset")
def register_statistics_viewsets():
    return StatisticsViewSetGroup()


@hooks.register(IMPORTS_HOOK)
def figures_import_awaiting_confirmation():
    """The secretariat's home lists a previewed table of figures until it is confirmed."""
    return KeptImport(
        session_key=import_views.SESSION_KEY,
        name=_("National figures"),
        preview_url=reverse("observation_import:preview"),
    )
