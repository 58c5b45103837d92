"""The report itself: chapters, continuously numbered paragraphs, and the government's comments."""

from __future__ import annotations

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from evaluation_rounds.models import CountryEvaluation
from evaluation_rounds.procedure import ORDER, State
from monitoring.i18n import TranslatedField

from ..html import sanitise


class Report(models.Model):
    """A report on one country evaluation.

    The evaluation's own report (kind evaluation or urgent) has no stage column: its stage is
    read from the evaluation's procedure state (`evaluation_rounds.procedure`), which
    `evaluation_transition` alone moves. Any other report on the evaluation (a follow-up report)
    has a procedure of its own, recorded in `own_stage` and moved by
    `services.report_stage_advance`; the evaluation's state says nothing about it. Publication
    is recorded for every report, because corrections of a published report happen after the
    procedure has moved on: one `ReportPublication` row per published version, the latest one
    pointed to by `publication`, and the date of the first in `published_at` (what lists filter
    and sort on).
    """

    class Kind(models.TextChoices):
        EVALUATION = "evaluation", _("Evaluation report")
        FOLLOW_UP = "follow_up", _("Follow-up report")
        URGENT = "urgent", _("Urgent-procedure report")

    class Language(models.TextChoices):
        RUSSIAN = "ru", _("Russian")
        ENGLISH = "en", _("English")

    class Stage(models.TextChoices):
        DRAFTING = "drafting", _("Drafting")
        APPROVED = "approved", _("Draft approved")
        SENT_FOR_COMMENTS = "sent_for_comments", _("Sent to the government for comments")
        FINAL_ADOPTED = "final_adopted", _("Final report adopted")
        FINAL_COMMENTS = "final_comments", _("Final comments period")
        PUBLISHED = "published", _("Published")

    # The kinds that follow their evaluation's procedure; any other kind has its own stage.
    PROCEDURE_KINDS = (Kind.EVALUATION, Kind.URGENT)

    evaluation = models.ForeignKey(
        CountryEvaluation,
        verbose_name=_("evaluation"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EVALUATION)
    own_stage = models.CharField(
        _("stage of its own procedure"),
        max_length=20,
        choices=Stage.choices,
        default=Stage.DRAFTING,
        editable=False,
        help_text=_(
            "Only for a report outside the evaluation's procedure (a follow-up report); "
            "an evaluation report's stage is its evaluation's state."
        ),
    )
    language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    published_at = models.DateTimeField(
        _("first published"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The date of the first published version; each version keeps its own."),
    )
    publication = models.ForeignKey(
        "reports.ReportPublication",
        verbose_name=_("latest published version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    correction_note = models.TextField(
        _("note on the open correction"),
        blank=True,
        help_text=_("Published with the next version; each version keeps its own note."),
    )
    correction_open = models.BooleanField(
        _("correction in progress"), default=False, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    title = TranslatedField("title")

    class Meta:
        ordering = ["evaluation__round__number", "evaluation__country__name_en", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation"],
                condition=Q(kind="evaluation"),
                name="one_evaluation_report_per_evaluation",
                violation_error_message=_("This evaluation already has its report."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        is_urgent_evaluation = (
            self.evaluation_id and self.evaluation.kind == CountryEvaluation.Kind.URGENT
        )
        if self.kind == self.Kind.URGENT and not is_urgent_evaluation:
            raise ValidationError(
                {"kind": _("An urgent-procedure report belongs to an urgent procedure.")}
            )

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def version(self) -> int:
        """The latest published version (0 until published). Select `publication` with the
        report (deferring its `content`) wherever reports are listed."""
        return self.publication.version if self.publication_id else 0

    @property
    def published_content(self) -> dict | None:
        """What the public reads: the latest published version's frozen content."""
        return self.publication.content if self.publication_id else None

    @property
    def follows_procedure(self) -> bool:
        return self.kind in self.PROCEDURE_KINDS

    @property
    def stage(self) -> str:
        """The report's stage: published, or else its evaluation's procedure state (the
        evaluation's own report) or the stage of its own procedure (any other report)."""
        if self.is_published:
            return self.Stage.PUBLISHED
        if self.follows_procedure:
            return stage_for(self.evaluation.state)
        return self.own_stage

    # The stage as a query, for monitoring.access, which reads every model by its label and
    # imports none of the apps above it.
    @staticmethod
    def stages_from(stage: str) -> list[str]:
        return stages_from(stage)

    @staticmethod
    def stage_query(stages: list[str], *, prefix: str = "") -> Q:
        return stage_in(stages, prefix=prefix)


OWN_STAGE_KINDS = [kind for kind in Report.Kind.values if kind not in Report.PROCEDURE_KINDS]
STAGE_ORDER = {stage: index for index, stage in enumerate(Report.Stage.values)}


def stages_from(stage: str) -> list[str]:
    """`stage` and every later one."""
    return [s for s in Report.Stage.values if STAGE_ORDER[s] >= STAGE_ORDER[stage]]


def stage_in(stages: list[str], *, prefix: str = "") -> Q:
    """A filter for the reports (through `prefix`, e.g. "chapter__report__") whose `stage`
    is one of `stages`: the property above, written as a query."""
    unpublished = [stage for stage in stages if stage != Report.Stage.PUBLISHED]
    states = [state for state in State.values if stage_for(state) in unpublished]
    condition = Q(
        **{f"{prefix}kind__in": Report.PROCEDURE_KINDS, f"{prefix}evaluation__state__in": states}
    ) | Q(**{f"{prefix}kind__in": OWN_STAGE_KINDS, f"{prefix}own_stage__in": unpublished})
    condition &= Q(**{f"{prefix}published_at__isnull": True})
    if Report.Stage.PUBLISHED in stages:
        condition |= Q(**{f"{prefix}published_at__isnull": False})
    return condition


def stage_for(evaluation_state: str) -> str:
    position = ORDER[evaluation_state]
    for state, stage in (
        (State.FINAL_COMMENTS, Report.Stage.FINAL_COMMENTS),
        (State.FINAL_ADOPTED, Report.Stage.FINAL_ADOPTED),
        (State.DRAFT_WITH_GOVERNMENT, Report.Stage.SENT_FOR_COMMENTS),
        (State.DRAFT_APPROVED, Report.Stage.APPROVED),
    ):
        if position >= ORDER[state]:
            return stage
    return Report.Stage.DRAFTING


class Chapter(models.Model):
    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="chapters"
    )
    number = models.CharField(_("number"), max_length=10)
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    title = TranslatedField("title")

    class Meta:
        ordering = ["report", "sort_order", "pk"]
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="chapter_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Section(models.Model):
    """A part of a chapter (A, B, C …). A paragraph of the chapter belongs to one of its
    sections, or to none when it comes before the first section (the chapter's introduction)."""

    chapter = models.ForeignKey(
        Chapter, verbose_name=_("chapter"), on_delete=models.CASCADE, related_name="sections"
    )
    letter = models.CharField(_("letter"), max_length=5)
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)
    sort_order = models.PositiveIntegerField(_("order within the chapter"), default=0)

    title = TranslatedField("title")

    class Meta:
        ordering = ["chapter", "sort_order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return f"{self.letter}. {self.title}"


class ChapterAdoption(models.Model):
    """A chapter's place in one of the report's two plenary decisions: submitted to a plenary,
    then adopted there. No row means the chapter is still being drafted for that decision. A
    whole-report decision adopts every chapter not yet adopted in one step (`whole_report`)."""

    class Decision(models.TextChoices):
        DRAFT = "draft", _("Approval of the draft")
        FINAL = "final", _("Adoption of the final report")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted to a plenary")
        ADOPTED = "adopted", _("Adopted")

    chapter = models.ForeignKey(
        Chapter, verbose_name=_("chapter"), on_delete=models.CASCADE, related_name="adoptions"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    plenary = models.ForeignKey(
        "evaluation_rounds.Plenary",
        verbose_name=_("plenary"),
        on_delete=models.PROTECT,
        related_name="chapter_adoptions",
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    whole_report = models.BooleanField(_("by a whole-report decision"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        ordering = ["chapter", "decision"]
        verbose_name = _("chapter adoption")
        verbose_name_plural = _("chapter adoptions")
        constraints = [
            models.UniqueConstraint(
                fields=["chapter", "decision"], name="one_adoption_per_chapter_and_decision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.chapter}: {self.get_decision_display()} ({self.get_status_display()})"


@reversion.register()
class Paragraph(models.Model):
    """One numbered paragraph. `number` runs through the whole report (1, 2, 3 …).

    The number is stored, and rewritten by `services._renumber` after every insert, move or
    delete (only the changed rows, in one bulk UPDATE). Stored rather than computed with a
    window function because every reader needs it (recommendations cite "para. 45", the PDF,
    exports, the published snapshot, comments on a paragraph), edits are rare and happen only
    while drafting, and a stored number can be filtered and indexed on any database.
    """

    chapter = models.ForeignKey(
        Chapter, verbose_name=_("chapter"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="paragraphs",
    )
    sort_order = models.PositiveIntegerField(_("order within the chapter"), default=0)
    number = models.PositiveIntegerField(_("number"), default=0, editable=False)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    # Optimistic locking: an edit names the version it read; a save of an older one is refused
    # and shown beside the newer text to merge.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # When each language's text last changed: a translation older than its counterpart is
    # marked in the editor.
    text_en_changed_at = models.DateTimeField(
        _("English text changed"), null=True, blank=True, editable=False
    )
    text_ru_changed_at = models.DateTimeField(
        _("Russian text changed"), null=True, blank=True, editable=False
    )

    text = TranslatedField("text")

    class Meta:
        ordering = ["number", "pk"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")

    def __str__(self) -> str:
        return _("Paragraph %(number)s") % {"number": self.number}

    def clean(self) -> None:
        self.text_en = sanitise(self.text_en)
        self.text_ru = sanitise(self.text_ru)
        if not (self.text_en or self.text_ru):
            raise ValidationError(_("Write the paragraph in at least one language."))


class GovernmentComment(models.Model):
    """The government's comment on the draft (or final) report, a paragraph or a recommendation.

    Final comments are published with the report; comments on the draft stay confidential.
    """

    class Kind(models.TextChoices):
        DRAFT = "draft", _("Comments on the draft report")
        FINAL = "final", _("Final comments")

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    class Response(models.TextChoices):
        NONE = "", _("No response yet")
        TAKEN_INTO_ACCOUNT = "taken_into_account", _("Taken into account")
        PARTLY = "partly", _("Partly taken into account")
        NOT_TAKEN = "not_taken", _("Not taken into account")

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="comments"
    )
    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("paragraph"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        verbose_name=_("recommendation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="report_comments",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rapporteur_response = models.CharField(
        _("rapporteurs' response"), max_length=20, choices=Response.choices, blank=True
    )
    rapporteur_reply = models.TextField(_("rapporteurs' reply"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("government comment")
        verbose_name_plural = _("government comments")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def clean(self) -> None:
        if not self.text.strip():
            raise ValidationError({"text": _("Write the comment.")})
        if self.paragraph_id and self.paragraph.chapter.report_id != self.report_id:
            raise ValidationError({"paragraph": _("This paragraph belongs to another report.")})
        if self.recommendation_id and self.recommendation.report_id != self.report_id:
            raise ValidationError(
                {"recommendation": _("This recommendation belongs to another report.")}
            )


class PlaceholderAcceptance(models.Model):
    """The secretariat's explicit decision to let a placeholder (text in square brackets, or
    marked "to be completed") through: it no longer blocks the report's sending to the
    government or its publication. Its text as written identifies it in its paragraph or
    recommendation."""

    report = models.ForeignKey(
        Report,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="placeholder_acceptances",
    )
    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("paragraph"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="placeholder_acceptances",
    )
    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="placeholder_acceptances",
    )
    language = models.CharField(_("language"), max_length=2, choices=Report.Language.choices)
    text = models.CharField(_("placeholder"), max_length=500)
    reason = models.TextField(_("reason"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted"), auto_now_add=True)

    class Meta:
        ordering = ["accepted_at", "pk"]
        verbose_name = _("accepted placeholder")
        verbose_name_plural = _("accepted placeholders")

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if not self.reason.strip():
            raise ValidationError({"reason": _("Say why this placeholder may stay.")})
