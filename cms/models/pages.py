from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .. import selectors
from ..blocks import BodyBlock
from .base import PublicPage
from .countries import CountryPage
from .news import NewsPage

LATEST_PUBLICATIONS = 5
LATEST_NEWS = 3


class HomePage(PublicPage):
    """The root of each locale's public site (/en/, /ru/): key figures, the latest
    publications and news."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StandardPage",
        "cms.CountryIndexPage",
        "cms.RoundIndexPage",
        "cms.NewsIndexPage",
        "cms.SearchPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        publications = list(selectors.public_reports()[:LATEST_PUBLICATIONS])
        context["figures"] = selectors.key_figures()
        context["publications"] = CountryPage.report_links(publications, request)
        context["news"] = NewsPage.latest(LATEST_NEWS)
        return context


class StandardPage(PublicPage):
    """About, procedure and other plain pages."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
