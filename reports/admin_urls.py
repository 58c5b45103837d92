"""Back-office URLs of reports, mounted at /admin/reports/ (namespace "reports")."""

from django.urls import path

from . import editor_views, export_views, followup_views, pdf_views, publication_views

app_name = "reports"

urlpatterns = [
    # --- editor, comment responses, diff, publication, assessments (editor views) ---
    path("", editor_views.index, name="index"),
    path("new/", editor_views.report_add, name="add"),
    path("<int:pk>/", editor_views.editor, name="editor"),
    path("<int:pk>/chapters/add/", editor_views.chapter_add, name="chapter_add"),
    path("<int:pk>/paragraphs/add/", editor_views.paragraph_add, name="paragraph_add"),
    path(
        "<int:pk>/paragraphs/<int:paragraph_pk>/edit/",
        editor_views.paragraph_edit,
        name="paragraph_edit",
    ),
    path(
        "<int:pk>/paragraphs/<int:paragraph_pk>/move/",
        editor_views.paragraph_move,
        name="paragraph_move",
    ),
    path(
        "<int:pk>/paragraphs/<int:paragraph_pk>/delete/",
        editor_views.paragraph_delete,
        name="paragraph_delete",
    ),
    path(
        "<int:pk>/recommendations/add/",
        editor_views.recommendation_add,
        name="recommendation_add",
    ),
    path(
        "<int:pk>/recommendations/<int:recommendation_pk>/edit/",
        editor_views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "<int:pk>/comments/<int:comment_pk>/respond/",
        editor_views.comment_respond,
        name="comment_respond",
    ),
    path("<int:pk>/compare/", editor_views.compare, name="compare"),
    # --- publication and follow-up (follow-up views) ---
    path("<int:pk>/publish/", publication_views.publish, name="publish"),
    path("<int:pk>/correction/", publication_views.correction_open, name="correction_open"),
    path("<int:pk>/stage/", publication_views.stage_advance, name="stage"),
    path("<int:pk>/follow-up/", followup_views.follow_up, name="follow_up"),
    path("recommendations/<int:pk>/", followup_views.recommendation, name="recommendation"),
    path("recommendations/<int:pk>/assess/", followup_views.assess, name="assess"),
    path("status/", followup_views.status_summary, name="status"),
    path("<int:pk>/pdf/", pdf_views.back_office_pdf, name="pdf"),
    # --- exports and import (export views) ---
    path("recommendations/export/", export_views.export_index, name="export_index"),
    path("recommendations.csv", export_views.export_download, {"fmt": "csv"}, name="export_csv"),
    path("recommendations.xlsx", export_views.export_download, {"fmt": "xlsx"}, name="export_xlsx"),
    path("recommendations.json", export_views.export_download, {"fmt": "json"}, name="export_json"),
    path("recommendations/import/", export_views.import_upload, name="import"),
    path("recommendations/import/confirm/", export_views.import_confirm, name="import_confirm"),
]
