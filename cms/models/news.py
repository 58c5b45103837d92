from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from monitoring.i18n import active_language

from ..blocks import BodyBlock
from .base import PublicPage

NEWS_PER_PAGE = 10


class NewsIndexPage(PublicPage):
    """The news of the expert group (/en/news/), newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")
        context["page_obj"] = Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        return context


class NewsPage(PublicPage):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    @classmethod
    def latest(cls, limit: int):
        """The latest news in the active language (one query besides Wagtail's privacy check)."""
        news = cls.objects.live().public().filter(locale__language_code=active_language())
        return list(news.order_by("-date", "-pk")[:limit])
