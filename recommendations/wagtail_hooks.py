from django.urls import include, path
from wagtail import hooks

from . import admin_urls


@hooks.register("register_admin_urls")
def register_recommendation_urls():
    # Beside the report screens (reports' ViewSet, also at reports/): a report's follow-up is
    # /admin/reports/<pk>/follow-up/. Paths are tried in turn, so the two share the prefix.
    return [path("reports/", include(admin_urls, namespace="recommendations"))]
