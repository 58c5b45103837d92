"""What the published report page shows: the frozen text (`cms.report_text`) with each
recommendation's current status and assessment history, the government's final comments,
the PDF and a citation. A fixed number of queries whatever the length of the report."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from monitoring.i18n import active_language
from monitoring.languages import language_versions
from recommendations.models import AssessmentStatus, Recommendation
from reports.models import Report

from . import selectors
from .report_text import TextRecommendation, report_text

STRENGTH_LABELS = dict(Recommendation.Strength.choices)


@dataclass(frozen=True)
class RecommendationView:
    text: TextRecommendation
    strength_label: str
    status: str
    status_label: str
    history: list[selectors.AssessmentEntry]


@dataclass(frozen=True)
class Citation:
    author: str
    title: str
    year: int
    url: str


def report_context(page: Page, request: HttpRequest, report: Report) -> dict:
    subpath = page.reverse_subpage("report", kwargs={"report_pk": report.pk})
    url = f"{page.get_full_url(request)}{subpath}"
    text = report_text(report, active_language())
    statuses = selectors.recommendation_statuses(report)
    history = selectors.assessment_history(report)
    recommendations = []
    for recommendation in text.recommendations:
        status = statuses.get(recommendation.number, AssessmentStatus.NOT_ASSESSED.value)
        recommendations.append(
            RecommendationView(
                text=recommendation,
                strength_label=str(STRENGTH_LABELS.get(recommendation.strength, "")),
                status=status,
                status_label=str(selectors.STATUS_LABELS.get(status, "")),
                history=history.get(recommendation.number, []),
            )
        )
    published_on = timezone.localdate(report.published_at)
    # The recommendations' block changes only with an assessment: its rendering is cached
    # under a fingerprint of every status and history entry it shows.
    shown = [(r.status, [vars(entry) for entry in r.history]) for r in recommendations]
    fingerprint = hashlib.sha256(repr(shown).encode()).hexdigest()[:32]
    return {
        "recommendations_fingerprint": fingerprint,
        "report": report,
        "text": text,
        "recommendations": recommendations,
        "published_on": published_on,
        "pdf_url": reverse("report_pdf", args=[report.pk]),
        "canonical_url": url,
        "languages": language_versions(request, page=page, suffix=subpath),
        "citation": Citation(
            author=_("Expert Group on Action against Trafficking in Human Beings in Central Asia"),
            title=text.title or str(report.title),
            year=published_on.year,
            url=url,
        ),
    }
