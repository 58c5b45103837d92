from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from monitoring.admin_menu import SecretariatMenuItem

from . import admin_urls


@hooks.register("register_admin_urls")
def register_invitation_urls():
    return [path("invitations/", include(admin_urls, namespace="accounts_admin"))]


@hooks.register("register_secretariat_menu_item")
def register_invitations_menu_item():
    return SecretariatMenuItem(
        _("Invitations"), reverse("accounts_admin:invitations"), icon_name="mail", order=850
    )


@hooks.register("register_account_menu_item")
def sign_in_security_account_item(request):
    """On the back office's account page: the authenticator and the recovery codes."""
    return {
        "url": reverse("accounts:security"),
        "label": _("Sign-in security"),
        "help_text": _("Your authenticator app and your recovery codes."),
    }
