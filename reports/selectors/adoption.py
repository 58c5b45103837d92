"""Reads for the editor's "Chapters and adoption" panel: each chapter's stage for the decision at
hand, its adoptions so far and its placeholders, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from monitoring import display

from ..adoption import decision_at_hand
from ..models import Chapter, ChapterAdoption, Report
from ..placeholder_review import Placeholder, report_placeholders
from .editor import EditorPage


def adoption_label(row: ChapterAdoption | None) -> str:
    if row is None:
        return _("Being drafted")
    if row.status == ChapterAdoption.Status.SUBMITTED:
        return _("Submitted to %(plenary)s") % {"plenary": row.plenary}
    label = _("Adopted at %(plenary)s on %(date)s") % {
        "plenary": row.plenary,
        "date": display.day(row.adopted_on),
    }
    if row.whole_report:
        label = _("%(label)s (whole-report decision)") % {"label": label}
    return label


@dataclass
class ChapterStage:
    chapter: Chapter
    decision: str | None  # the decision at hand, if any
    current: ChapterAdoption | None  # the chapter's row for that decision
    history: list[ChapterAdoption] = field(default_factory=list)  # every decision's row
    placeholders: list[Placeholder] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.decision is None:
            return _("No plenary decision at hand")
        return adoption_label(self.current)

    @property
    def history_labels(self) -> list[tuple[str, str]]:
        """(decision, its stage) for every decision the chapter went through."""
        return [(row.get_decision_display(), adoption_label(row)) for row in self.history]

    @property
    def is_adopted(self) -> bool:
        return self.current is not None and self.current.status == ChapterAdoption.Status.ADOPTED

    @property
    def unresolved(self) -> list[Placeholder]:
        return [placeholder for placeholder in self.placeholders if not placeholder.accepted]


@dataclass
class AdoptionPanel:
    decision: str | None
    chapters: list[ChapterStage]

    @property
    def decision_label(self) -> str:
        return ChapterAdoption.Decision(self.decision).label if self.decision else ""

    @property
    def unresolved_count(self) -> int:
        return sum(len(stage.unresolved) for stage in self.chapters)

    @property
    def missing(self) -> list[Chapter]:
        return [stage.chapter for stage in self.chapters if not stage.is_adopted]


def adoption_panel(
    report: Report, chapters: list[Chapter], *, page: EditorPage | None = None
) -> AdoptionPanel:
    """The panel for `chapters` (the editor's, already read); each chapter also gets its stage
    as `chapter.adoption_stage` for its heading. With the editor's `page`, the placeholders are
    found in the paragraphs and recommendations it read, rather than read again."""
    decision = decision_at_hand(report)
    rows = ChapterAdoption.objects.filter(chapter__report=report).select_related("plenary")
    by_chapter: dict[int, list[ChapterAdoption]] = {}
    for row in rows.order_by("decision"):
        by_chapter.setdefault(row.chapter_id, []).append(row)
    placeholders: dict[int, list[Placeholder]] = {}
    rows = {"paragraphs": page.paragraphs, "recommendations": page.recommendations} if page else {}
    for placeholder in report_placeholders(report, **rows):
        placeholders.setdefault(placeholder.chapter_id, []).append(placeholder)
    stages = []
    for chapter in chapters:
        history = by_chapter.get(chapter.pk, [])
        current = next((row for row in history if row.decision == decision), None)
        stage = ChapterStage(chapter, decision, current, history, placeholders.get(chapter.pk, []))
        chapter.adoption_stage = stage
        stages.append(stage)
    return AdoptionPanel(decision, stages)
