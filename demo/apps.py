from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Installed for the `seed_demo` command; it has no models."""

    name = "demo"
    verbose_name = _("Demonstration data")
