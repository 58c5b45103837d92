"""Portal URLs of reports, appended to `portal/urls.py` (namespace "portal", names "report_*")."""

from django.urls import path

from . import pdf_views, portal_views

urlpatterns = [
    # --- the government's draft, comments and submission; progress updates (portal views) ---
    path("reports/<int:pk>/", portal_views.report_detail, name="report"),
    path("reports/<int:pk>/comments/", portal_views.comment_add, name="report_comment_add"),
    path(
        "reports/<int:pk>/comments/<int:comment_pk>/edit/",
        portal_views.comment_edit,
        name="report_comment_edit",
    ),
    path(
        "reports/<int:pk>/comments/<int:comment_pk>/delete/",
        portal_views.comment_delete,
        name="report_comment_delete",
    ),
    path("reports/<int:pk>/submit/", portal_views.comments_submit, name="report_comments_submit"),
    path("reports/<int:pk>/follow-up/", portal_views.follow_up, name="report_follow_up"),
    path(
        "reports/<int:pk>/follow-up/submit/",
        portal_views.follow_up_submit,
        name="report_follow_up_submit",
    ),
    path(
        "reports/<int:pk>/follow-up/updates/<int:update_pk>/delete/",
        portal_views.follow_up_update_delete,
        name="report_follow_up_update_delete",
    ),
    path("evidence/<int:file_pk>/", portal_views.evidence_download, name="report_evidence"),
    path("reports/<int:pk>/pdf/", pdf_views.portal_pdf, name="report_pdf"),
]
