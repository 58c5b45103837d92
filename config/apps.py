from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectConfig(AppConfig):
    """Installed only for the project's own management commands (backup, restore)."""

    name = "config"
    verbose_name = _("Project")
