from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = _("Recommendations and follow-up")

    def ready(self) -> None:
        from . import system_messages  # noqa: F401 (declares the app's system sentences)
