"""Back-office URLs of accounts, mounted at /admin/invitations/ (namespace "accounts_admin")."""

from django.urls import path

from . import admin_views

app_name = "accounts_admin"

urlpatterns = [
    path("", admin_views.invitations, name="invitations"),
    path("<int:user_id>/resend/", admin_views.resend, name="resend"),
]
