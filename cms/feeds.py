"""RSS and Atom feeds of the public site, per language (/<lang>/feeds/rss/, /<lang>/feeds/atom/):
the news and the published reports, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from monitoring.i18n import active_language

from . import selectors
from .models import CountryPage, NewsPage

FEED_LENGTH = 20


@dataclass(frozen=True)
class Entry:
    title: str
    description: str
    link: str
    published: datetime
    category: str


def _news(request: HttpRequest) -> list[Entry]:
    return [
        Entry(
            news.title,
            news.intro,
            news.get_url(request),
            timezone.make_aware(datetime.combine(news.date, time(12))),
            _("News"),
        )
        for news in NewsPage.latest(FEED_LENGTH)
    ]


def _reports(request: HttpRequest) -> list[Entry]:
    reports = list(selectors.public_reports()[:FEED_LENGTH])
    return [
        Entry(
            str(link.report.title),
            _("%(kind)s on %(country)s, evaluation round %(round)s.")
            % {
                "kind": link.report.get_kind_display(),
                "country": link.report.evaluation.country.name,
                "round": link.report.evaluation.round.number,
            },
            link.url,
            link.report.published_at,
            _("Publications"),
        )
        for link in CountryPage.report_links(reports, request)
    ]


class PublicationsFeed(Feed):
    def get_object(self, request, *args, **kwargs):
        return request

    def title(self):
        return _("THB Monitoring · Central Asia: news and publications")

    def link(self):
        return f"/{active_language()}/"

    def description(self):
        return _("News and published evaluation reports of the expert group.")

    def items(self, request):
        entries = _news(request) + _reports(request)
        return sorted(entries, key=lambda entry: entry.published, reverse=True)[:FEED_LENGTH]

    def item_title(self, item: Entry):
        return item.title

    def item_description(self, item: Entry):
        return item.description

    def item_link(self, item: Entry):
        return item.link

    def item_pubdate(self, item: Entry):
        return item.published

    def item_categories(self, item: Entry):
        return [item.category]


class AtomPublicationsFeed(PublicationsFeed):
    feed_type = Atom1Feed
    subtitle = PublicationsFeed.description
