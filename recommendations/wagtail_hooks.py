from types import SimpleNamespace

from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from monitoring.home_panels import IMPORTS_HOOK, KeptImport

from . import admin_urls, home_panels
from .views import exports


@hooks.register("register_admin_urls")
def register_recommendation_urls():
    # Beside the report screens (reports' ViewSet, also at reports/): a report's follow-up is
    # /admin/reports/<pk>/follow-up/. Paths are tried in turn, so the two share the prefix.
    return [path("reports/", include(admin_urls, namespace="recommendations"))]


@hooks.register("register_follow_up_items")
def open_recommendations_to_follow_up(country, round):
    from .selectors import follow_up_items

    return follow_up_items(country, round)


@hooks.register("register_report_pdf_recommendations")
def recommendations_in_the_report_pdf():
    """What the report's PDF (reports.pdf) needs to print its recommendations."""
    from .charts import STRENGTH_COLOURS, theme_strength_chart
    from .models import Recommendation

    return SimpleNamespace(
        strengths=Recommendation.Strength, colours=STRENGTH_COLOURS, chart=theme_strength_chart
    )


@hooks.register("construct_homepage_panels")
def add_recommendation_panels(request, panels):
    panels.extend(home_panels.panels_for(request.user))


@hooks.register(IMPORTS_HOOK)
def recommendations_import_awaiting_confirmation():
    """The secretariat's home lists a previewed file of recommendations until it is confirmed."""
    return KeptImport(
        session_key=exports.SESSION_KEY,
        name=_("Recommendations"),
        preview_url=reverse("recommendations:import_preview"),
    )
