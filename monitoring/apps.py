from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring core")

    def ready(self) -> None:
        from .groups import grant_after_migrate

        post_migrate.connect(grant_after_migrate, dispatch_uid="monitoring.staff_groups")
