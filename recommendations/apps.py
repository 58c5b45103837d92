from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = _("Recommendations and follow-up")

    def ready(self) -> None:
        from monitoring.search import index

        from . import system_messages  # noqa: F401 (declares the app's system sentences)
        from .models import Recommendation

        # The published wording is written only by `copy_to_published`, which refreshes it.
        index.register(
            Recommendation, ("published_text_en", "published_text_ru"), html=False, saves=False
        )
