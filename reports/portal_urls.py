"""Portal URLs of reports, appended to `portal/urls.py` (namespace "portal", names "report_*")."""

from django.urls import path

from .views import pdf as pdf_views
from .views import portal as portal_views

urlpatterns = [
    # --- the government's draft, comments and submission (follow-up: recommendations) ---
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
    path("reports/<int:pk>/pdf/", pdf_views.portal_pdf, name="report_pdf"),
]
