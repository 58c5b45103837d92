from types import SimpleNamespace

from django.urls import include, path
from wagtail import hooks

from . import admin_urls, home_panels


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
