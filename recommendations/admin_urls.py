"""Back-office URLs of recommendations, mounted at /admin/reports/ beside the report screens
(namespace "recommendations"; registered by wagtail_hooks.py, so the paths stay those of the
report they belong to)."""

from django.urls import path

from .views import editor, exports, followup

app_name = "recommendations"

urlpatterns = [
    # --- the recommendation in the report editor ---
    path("<int:pk>/recommendations/add/", editor.recommendation_add, name="recommendation_add"),
    path(
        "<int:pk>/recommendations/<int:recommendation_pk>/edit/",
        editor.recommendation_edit,
        name="recommendation_edit",
    ),
    # --- follow-up ---
    path("<int:pk>/follow-up/", followup.follow_up, name="follow_up"),
    path("recommendations/<int:pk>/", followup.recommendation, name="recommendation"),
    path("recommendations/<int:pk>/assess/", followup.assess, name="assess"),
    path("status/", followup.status_summary, name="status"),
    # --- exports and import ---
    path("recommendations/export/", exports.export_index, name="export_index"),
    path("recommendations.csv", exports.export_download, {"fmt": "csv"}, name="export_csv"),
    path("recommendations.xlsx", exports.export_download, {"fmt": "xlsx"}, name="export_xlsx"),
    path("recommendations.json", exports.export_download, {"fmt": "json"}, name="export_json"),
    path("recommendations/import/", exports.import_upload, name="import"),
    path("recommendations/import/preview/", exports.import_preview, name="import_preview"),
    path("recommendations/import/confirm/", exports.import_confirm, name="import_confirm"),
    path("recommendations/import/discard/", exports.import_discard, name="import_discard"),
]
