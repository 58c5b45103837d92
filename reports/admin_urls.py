"""Back-office URLs of reports, mounted at /admin/reports/ (namespace "reports")."""

from django.urls import path  # noqa: F401

app_name = "reports"

urlpatterns = [
    # --- editor, comment responses, diff, publication, assessments (editor views) ---
    # --- PDF (pdf views) ---
    # --- exports and import (export views) ---
]
