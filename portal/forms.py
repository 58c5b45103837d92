from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class PortalAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The username and password do not match an account. Both are case-sensitive."
        ),
        "inactive": _("This account is not active. Ask the secretariat to restore it."),
    }
