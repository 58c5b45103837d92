"""Portal URLs of the follow-up, appended to `portal/urls.py` (namespace "portal", names
"report_follow_up*" and "report_evidence", under the report they belong to)."""

from django.urls import path

from .views import portal

urlpatterns = [
    path("reports/<int:pk>/follow-up/", portal.follow_up, name="report_follow_up"),
    path(
        "reports/<int:pk>/follow-up/submit/",
        portal.follow_up_submit,
        name="report_follow_up_submit",
    ),
    path(
        "reports/<int:pk>/follow-up/updates/<int:update_pk>/delete/",
        portal.follow_up_update_delete,
        name="report_follow_up_update_delete",
    ),
    path("evidence/<int:file_pk>/", portal.evidence_download, name="report_evidence"),
]
