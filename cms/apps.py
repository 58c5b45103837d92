from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import page_index, page_titles, receivers  # noqa: F401 (connects the receivers)

        page_index.connect()
        page_titles.connect()
        post_migrate.connect(page_index.index_unindexed, sender=self)
