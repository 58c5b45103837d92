"""Portal URLs of reports, appended to `portal/urls.py` (namespace "portal", names "report_*")."""

from django.urls import path  # noqa: F401

urlpatterns = [
    # --- the government's draft, comments and submission; progress updates (portal views) ---
    # --- PDF (pdf views) ---
]
