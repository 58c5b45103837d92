"""Placeholders left in a report's text, where they are, and the secretariat's acceptances.

A placeholder (`placeholders.find_placeholders`) blocks sending the draft to the government and
publishing the report until it is resolved (edited away) or explicitly accepted with a reason
(a `PlaceholderAcceptance`, matched by its paragraph or recommendation, language and text as
written): an accepted one is declared intended text and blocks nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from monitoring import access

from .models import Paragraph, PlaceholderAcceptance, Report
from .placeholders import find_placeholders

LANGUAGES = ("en", "ru")


@dataclass(frozen=True)
class Placeholder:
    chapter_id: int
    language: str
    text: str
    paragraph: Paragraph | None = None
    recommendation: object | None = None  # a recommendations.Recommendation
    accepted: PlaceholderAcceptance | None = None

    @property
    def anchor(self) -> str:
        if self.recommendation is not None:
            return f"recommendation-{self.recommendation.pk}"
        return f"paragraph-{self.paragraph.pk}"

    @property
    def where(self) -> str:
        language = Report.Language(self.language).label
        if self.recommendation is not None:
            return _("Recommendation %(number)s (%(language)s)") % {
                "number": self.recommendation.number,
                "language": language,
            }
        return _("Paragraph %(number)s (%(language)s)") % {
            "number": self.paragraph.number,
            "language": language,
        }


def _key(*, paragraph_id, recommendation_id, language: str, text: str) -> tuple:
    return (paragraph_id, recommendation_id, language, text)


def report_placeholders(
    report: Report, *, paragraphs: list | None = None, recommendations: list | None = None
) -> list[Placeholder]:
    """Every placeholder of the report's paragraphs and recommendations, in reading order, each
    with its acceptance if any. Three queries, whatever the report's size; one when the caller
    has read the report's `paragraphs` (in reading order) and `recommendations` already."""
    accepted = {
        _key(
            paragraph_id=row.paragraph_id,
            recommendation_id=row.recommendation_id,
            language=row.language,
            text=row.text,
        ): row
        for row in PlaceholderAcceptance.objects.filter(report=report).select_related("accepted_by")
    }
    found = []
    if paragraphs is None:
        paragraphs = (
            Paragraph.objects.filter(chapter__report=report)
            .only("pk", "chapter_id", "number", "text_en", "text_ru")
            .order_by("number", "pk")
        )
    if recommendations is None:
        recommendations = (
            report.recommendations.select_related("paragraph")
            .only(
                "pk", "number", "text_en", "text_ru", "paragraph__chapter_id", "paragraph__number"
            )
            .order_by("number")
        )
    by_paragraph: dict[int, list] = {}
    for recommendation in recommendations:
        by_paragraph.setdefault(recommendation.paragraph_id, []).append(recommendation)
    for paragraph in paragraphs:
        for language in LANGUAGES:
            for text in find_placeholders(getattr(paragraph, f"text_{language}")):
                key = _key(
                    paragraph_id=paragraph.pk, recommendation_id=None, language=language, text=text
                )
                found.append(
                    Placeholder(
                        paragraph.chapter_id, language, text, paragraph, None, accepted.get(key)
                    )
                )
        for recommendation in by_paragraph.get(paragraph.pk, []):
            for language in LANGUAGES:
                for text in find_placeholders(getattr(recommendation, f"text_{language}")):
                    key = _key(
                        paragraph_id=None,
                        recommendation_id=recommendation.pk,
                        language=language,
                        text=text,
                    )
                    found.append(
                        Placeholder(
                            paragraph.chapter_id,
                            language,
                            text,
                            paragraph,
                            recommendation,
                            accepted.get(key),
                        )
                    )
    return found


def unresolved_placeholders(report: Report) -> list[Placeholder]:
    return [placeholder for placeholder in report_placeholders(report) if not placeholder.accepted]


def require_resolved(report: Report, *, action: str) -> None:
    """Refuse `action` (e.g. "The draft cannot be sent to the government") while a placeholder
    is neither resolved nor accepted, saying where each one is."""
    unresolved = unresolved_placeholders(report)
    if unresolved:
        summary = _(
            "%(action)s: placeholders are left in the text. Complete the text, or accept a "
            "placeholder as intended text, with a reason, in the editor's checklist."
        ) % {"action": action}
        raise ValidationError([summary, *(f"{p.where}: “{p.text}”" for p in unresolved)])


def placeholder_accept(
    *,
    report: Report,
    language: str,
    text: str,
    reason: str,
    actor,
    paragraph: Paragraph | None = None,
    recommendation=None,
) -> PlaceholderAcceptance:
    """The secretariat declares a placeholder intended text (e.g. "[emphasis added]"), with a
    reason: it no longer blocks the report's sending or publication."""
    access.require_secretariat(actor)
    if (paragraph is None) == (recommendation is None):
        raise ValidationError(_("Name the paragraph or the recommendation of the placeholder."))
    if report.is_published and not report.correction_open:
        raise ValidationError(
            _("This report is published and frozen. Open a correction to change it.")
        )
    with transaction.atomic():
        Report.objects.select_for_update().filter(pk=report.pk).first()
        target = paragraph or recommendation
        owner = paragraph.chapter.report_id if paragraph else recommendation.report_id
        if owner != report.pk:
            raise ValidationError(_("This text belongs to another report."))
        if language not in LANGUAGES:
            raise ValidationError({"language": _("Choose the language of the placeholder.")})
        target.refresh_from_db(fields=["text_en", "text_ru"])
        if text not in find_placeholders(getattr(target, f"text_{language}")):
            raise ValidationError(_("This placeholder is no longer in the text."))
        existing = PlaceholderAcceptance.objects.filter(
            report=report,
            paragraph=paragraph,
            recommendation=recommendation,
            language=language,
            text=text,
        )
        if existing.exists():
            raise ValidationError(_("This placeholder is already accepted."))
        acceptance = PlaceholderAcceptance(
            report=report,
            paragraph=paragraph,
            recommendation=recommendation,
            language=language,
            text=text,
            reason=reason.strip(),
            accepted_by=actor,
        )
        acceptance.full_clean()
        acceptance.save()
    return acceptance
