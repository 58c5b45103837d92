from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring core")

    def ready(self) -> None:
        from . import data_version
        from .audit import connect_signals
        from .groups import grant_after_migrate
        from .wagtail_dates import connect as reader_date_pickers

        connect_signals()
        data_version.connect()
        reader_date_pickers()

        post_migrate.connect(grant_after_migrate, dispatch_uid="monitoring.staff_groups")
