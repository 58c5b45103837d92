from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = _("Recommendations and follow-up")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from monitoring.search import index

        from . import (
            system_messages,  # noqa: F401 (declares the app's system sentences)
            tracker_counts,
        )
        from .models import Recommendation

        tracker_counts.connect()
        post_migrate.connect(tracker_counts.fill_after_migrate, sender=self)

        # The published wording is written only by `copy_to_published`, which refreshes it.
        index.register(
            Recommendation, ("published_text_en", "published_text_ru"), html=False, saves=False
        )
