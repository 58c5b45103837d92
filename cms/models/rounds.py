from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from monitoring.i18n import active_language
from monitoring.languages import language_versions
from questionnaires.blank_pdf import questionnaire_pdf

from .. import selectors
from .base import PublicPage
from .countries import CountryPage


class RoundIndexPage(PublicPage):
    """The evaluation rounds (/en/rounds/)."""

    intro = models.TextField(gettext_lazy("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.RoundPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = gettext_lazy("round index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = RoundPage.objects.child_of(self).live().public().select_related("round")
        context["round_pages"] = sorted(pages, key=lambda page: page.round.number)
        return context


class RoundPage(RoutablePageMixin, PublicPage):
    """One evaluation round (/en/rounds/round-1/): its theme, its questionnaire once adopted,
    and how far each country has gone."""

    round = models.ForeignKey(
        "evaluation_rounds.EvaluationRound",
        verbose_name=gettext_lazy("evaluation round"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    intro = models.TextField(gettext_lazy("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("round"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.RoundIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = gettext_lazy("round page")

    def clean(self) -> None:
        super().clean()
        others = RoundPage.objects.filter(round_id=self.round_id, locale_id=self.locale_id)
        if self.round_id and others.exclude(pk=self.pk).exists():
            raise ValidationError({"round": _("This round already has its page.")})

    @path("", name="overview")
    def overview(self, request):
        return self.render(request, context_overrides=self._overview(request))

    @path("questionnaires/<int:questionnaire_pk>/", name="questionnaire")
    def questionnaire(self, request, questionnaire_pk: int):
        questionnaire = self._questionnaire(questionnaire_pk)
        subpath = self.reverse_subpage(
            "questionnaire", kwargs={"questionnaire_pk": questionnaire.pk}
        )
        return self.render(
            request,
            template="cms/questionnaire_page.html",
            context_overrides={
                "questionnaire": questionnaire,
                "sections": selectors.questionnaire_sections(questionnaire),
                "pdf_url": self._pdf_url(questionnaire.pk, request),
                "canonical_url": f"{self.get_full_url(request)}{subpath}",
                "languages": language_versions(request, page=self, suffix=subpath),
            },
        )

    @path("questionnaires/<int:questionnaire_pk>/pdf/", name="questionnaire_pdf")
    def questionnaire_download(self, request, questionnaire_pk: int):
        questionnaire = self._questionnaire(questionnaire_pk)
        data = questionnaire_pdf(questionnaire, selectors.questionnaire_sections(questionnaire))
        name = slugify(
            f"round-{self.round.number}-{questionnaire.audience}-v{questionnaire.version}"
        )
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}-{active_language()}.pdf"'
        return response

    def _questionnaire(self, pk: int):
        questionnaire = selectors.adopted_questionnaire(self.round, pk)
        if questionnaire is None:
            raise Http404
        return questionnaire

    def _pdf_url(self, questionnaire_pk: int, request) -> str:
        subpath = self.reverse_subpage(
            "questionnaire_pdf", kwargs={"questionnaire_pk": questionnaire_pk}
        )
        return f"{self.get_url(request)}{subpath}"

    def _overview(self, request) -> dict:
        stages = selectors.evaluation_stages(round=self.round)
        countries = list(selectors.evaluated_countries())
        pages = {
            page.country_id: page
            for page in CountryPage.objects.live().filter(locale__language_code=active_language())
        }
        questionnaires = [
            (
                questionnaire,
                f"{self.get_url(request)}"
                + self.reverse_subpage(
                    "questionnaire", kwargs={"questionnaire_pk": questionnaire.pk}
                ),
                self._pdf_url(questionnaire.pk, request),
            )
            for questionnaire in selectors.adopted_questionnaires(self.round)
        ]
        return {
            "questionnaires": questionnaires,
            "progress": [
                (country, pages.get(country.pk), stages.get((country.pk, self.round_id)))
                for country in sorted(countries, key=lambda country: str(country.name))
            ],
        }
