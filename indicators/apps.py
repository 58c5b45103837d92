from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indicators"
    verbose_name = _("Harmonised statistics")

    def ready(self) -> None:
        from questionnaires.types import register_config_check

        from . import (
            receivers,  # noqa: F401 - connects the submission receiver
            system_messages,  # noqa: F401 - declares the app's system sentences
        )
        from .binding import binding_errors

        # A statistics table may be bound to an indicator: the builder refuses a binding that
        # could never give an observation (questionnaires knows nothing of indicators).
        register_config_check(binding_errors)
