from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from monitoring.i18n import active_language
from monitoring.languages import language_versions
from recommendations import charts
from recommendations.models import AssessmentStatus
from reports.models import ReplyPublication, Report
from reports.replies import reply_reading
from reports.reply_pdf import reply_pdf

from .. import selectors
from ..report_page import report_context
from .base import PublicPage

CHART_WIDTH = 480


@dataclass(frozen=True)
class ReplyLink:
    reply: ReplyPublication
    url: str


@dataclass(frozen=True)
class ReportLink:
    report: Report
    url: str  # the report's page; its PDF while the country has no page in this language
    pdf_url: str
    replies: tuple[ReplyLink, ...] = ()  # the replies to the questionnaire published with it


@dataclass(frozen=True)
class StatusChart:
    """The chart and, for those who do not see it, the table with the same figures."""

    svg: str
    statuses: list[tuple[str, str]]  # (value, label) of the columns
    rows: list[tuple[str, list[int], int]]  # (label, count per status, total)


class CountryIndexPage(PublicPage):
    """The five countries and where each stands in every round (/en/countries/)."""

    intro = models.TextField(gettext_lazy("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CountryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = gettext_lazy("country index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = CountryPage.objects.child_of(self).live().public().select_related("country")
        rounds = list(selectors.rounds())
        stages = selectors.evaluation_stages()
        context["rounds"] = rounds
        context["rows"] = [
            (page, [(r, stages.get((page.country_id, r.pk))) for r in rounds])
            for page in sorted(pages, key=lambda page: str(page.country.name))
        ]
        return context


class CountryPage(RoutablePageMixin, PublicPage):
    """One evaluated country (/en/countries/kazakhstan/): its stage in every round, its
    published reports, which are served below it (/en/countries/kazakhstan/reports/<id>/),
    the status of its recommendations, and its key laws and institutions."""

    country = models.ForeignKey(
        "monitoring.Country",
        verbose_name=gettext_lazy("country"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    intro = models.TextField(gettext_lazy("introduction"), blank=True)
    key_laws = RichTextField(
        gettext_lazy("key laws and policies"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("country"),
        FieldPanel("intro"),
        FieldPanel("key_laws"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("key_laws"),
    ]
    parent_page_types = ["cms.CountryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = gettext_lazy("country page")

    def clean(self) -> None:
        super().clean()
        others = CountryPage.objects.filter(country_id=self.country_id, locale_id=self.locale_id)
        if self.country_id and others.exclude(pk=self.pk).exists():
            raise ValidationError({"country": _("This country already has its page.")})

    @path("", name="overview")
    def overview(self, request):
        return self.render(request, context_overrides=self._overview(request))

    @path("reports/<int:report_pk>/", name="report")
    def report(self, request, report_pk: int):
        report = selectors.published_report(country=self.country, pk=report_pk)
        if report is None:
            raise Http404
        return self.render(
            request,
            template="cms/report_page.html",
            context_overrides=report_context(self, request, report),
        )

    @path("replies/<int:reply_pk>/", name="reply")
    def reply(self, request, reply_pk: int):
        reply = selectors.published_reply(country=self.country, pk=reply_pk)
        if reply is None:
            raise Http404
        subpath = self.reverse_subpage("reply", kwargs={"reply_pk": reply.pk})
        report = reply.report
        return self.render(
            request,
            template="cms/reply_page.html",
            context_overrides={
                "reply": reply,
                "report": report,
                "report_url": self.report_url(report.pk, request),
                "pdf_url": f"{self.get_url(request)}"
                + self.reverse_subpage("reply_pdf", kwargs={"reply_pk": reply.pk}),
                "sections": reply_reading(reply.content),
                "submitted_on": (reply.content or {}).get("submitted_at"),
                "languages": language_versions(request, page=self, suffix=subpath),
            },
        )

    @path("replies/<int:reply_pk>/pdf/", name="reply_pdf")
    def reply_pdf(self, request, reply_pk: int):
        reply = selectors.published_reply(country=self.country, pk=reply_pk)
        if reply is None:
            raise Http404
        language = active_language()
        # The snapshot never changes: printed once per reply and language.
        key = f"published-reply-pdf:{reply.pk}:{reply.decided_at.timestamp()}:{language}"
        content = cache.get(key)
        if content is None:
            content = reply_pdf(reply)
            cache.set(key, content, 86400)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="reply-{reply.pk}-{language}.pdf"'
        return response

    def reply_url(self, reply_pk: int, request=None) -> str:
        subpath = self.reverse_subpage("reply", kwargs={"reply_pk": reply_pk})
        return f"{self.get_url(request)}{subpath}"

    def report_url(self, report_pk: int, request=None) -> str:
        subpath = self.reverse_subpage("report", kwargs={"report_pk": report_pk})
        return f"{self.get_url(request)}{subpath}"

    @classmethod
    def report_urls(cls, country_ids: set[int], request=None) -> Callable[[int, int], str]:
        """A function giving the address of a report's page, from its country and its pk, in
        the active language (one query for all of them); the PDF where a country has no page."""
        pages = {
            page.country_id: page
            for page in cls.objects.live().filter(
                locale__language_code=active_language(), country_id__in=country_ids
            )
        }

        def url(country_id: int, report_pk: int) -> str:
            page = pages.get(country_id)
            if page is None:
                return reverse("report_pdf", args=[report_pk])
            return page.report_url(report_pk, request)

        return url

    @classmethod
    def reply_urls(cls, country_ids: set[int], request=None) -> Callable[[int, int], str]:
        """A function giving the address of a published reply's page from its country and its
        pk, in the active language (one query); empty where the country has no page
        in this language (no query for no country)."""
        pages = (
            {
                page.country_id: page
                for page in cls.objects.live().filter(
                    locale__language_code=active_language(), country_id__in=country_ids
                )
            }
            if country_ids
            else {}
        )

        def url(country_id: int, reply_pk: int) -> str:
            page = pages.get(country_id)
            return page.reply_url(reply_pk, request) if page else ""

        return url

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        for report in selectors.public_reports(country=self.country):
            location = self.get_full_url(request) + self.reverse_subpage(
                "report", kwargs={"report_pk": report.pk}
            )
            urls.append({"location": location, "lastmod": report.published_at})
        return urls

    @classmethod
    def report_links(cls, reports: list[Report], request) -> list[ReportLink]:
        """Each report with the address of its page in the active language (one query)."""
        pages = {
            page.country_id: page
            for page in cls.objects.live().filter(
                locale__language_code=active_language(),
                country_id__in={report.evaluation.country_id for report in reports},
            )
        }
        links = []
        for report in reports:
            pdf_url = reverse("report_pdf", args=[report.pk])
            page = pages.get(report.evaluation.country_id)
            url = page.report_url(report.pk, request) if page else pdf_url
            links.append(ReportLink(report, url, pdf_url))
        return links

    def _overview(self, request) -> dict:
        rounds = list(selectors.rounds())
        stages = selectors.evaluation_stages(country=self.country)
        reports = list(selectors.public_reports(country=self.country))
        replies: dict[int, list[ReplyLink]] = {}
        for reply in selectors.published_replies(country=self.country):
            link = ReplyLink(reply, self.reply_url(reply.pk, request))
            replies.setdefault(reply.report_id, []).append(link)
        return {
            "round_stages": [(r, stages.get((self.country_id, r.pk))) for r in rounds],
            "reports": [
                ReportLink(
                    report,
                    self.report_url(report.pk, request),
                    reverse("report_pdf", args=[report.pk]),
                    tuple(replies.get(report.pk, ())),
                )
                for report in reports
            ],
            "chart": self._status_chart(),
            "bodies": list(selectors.government_bodies(self.country)),
        }

    def _status_chart(self) -> StatusChart | None:
        rows = selectors.status_by_round(self.country)
        if not rows:
            return None
        statuses = [
            (value, str(label))
            for value, label in AssessmentStatus.choices
            if any(row.counts.get(value) for row in rows)
        ]
        title = _("Recommendations by current status")
        svg = charts.status_chart_markup(
            rows,
            width=CHART_WIDTH,
            element_id="chart-status",
            title=title,
            description=_(
                "Stacked bars, one per evaluation round: the published recommendations to "
                "%(country)s by their current status. The table below gives the same figures."
            )
            % {"country": self.country.name},
        )
        return StatusChart(
            svg=svg,
            statuses=statuses,
            rows=[
                (row.label, [row.counts.get(value, 0) for value, _label in statuses], row.total)
                for row in rows
            ],
        )
