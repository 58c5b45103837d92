from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from monitoring.search import index

        from . import system_messages  # noqa: F401 (declares the app's system sentences)
        from .models import Paragraph

        index.register(Paragraph, ("text_en", "text_ru"), html=True)
