from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationRoundsConfig(AppConfig):
    name = "evaluation_rounds"
    verbose_name = _("Evaluation rounds")

    def ready(self) -> None:
        from . import system_messages  # noqa: F401 (declares the app's system sentences)
