"""A questionnaire's structure: sections and typed questions, frozen once adopted."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from evaluation_rounds.models import EvaluationRound
from monitoring.i18n import TranslatedField
from monitoring.models import Country

FROZEN_MESSAGE = _("This questionnaire is frozen and cannot change; create a new version.")


class Questionnaire(models.Model):
    class Audience(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        CIVIL_SOCIETY = "civil_society", _("Civil society")

    round = models.ForeignKey(
        EvaluationRound,
        verbose_name=_("round"),
        on_delete=models.PROTECT,
        related_name="questionnaires",
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_ru = models.CharField(_("title (Russian)"), max_length=255)
    introduction_en = models.TextField(_("introduction (English)"), blank=True)
    introduction_ru = models.TextField(_("introduction (Russian)"), blank=True)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True, editable=False)
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="next_versions",
    )

    title = TranslatedField("title")
    introduction = TranslatedField("introduction")

    class Meta:
        ordering = ["round__number", "audience", "-version"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "audience", "version"],
                name="questionnaire_unique_version",
                violation_error_message=_("This round already has that version."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    def clean(self) -> None:
        if self.pk and Questionnaire.objects.filter(pk=self.pk, frozen_at__isnull=False).exists():
            raise ValidationError(FROZEN_MESSAGE)


class Section(models.Model):
    class Theme(models.TextChoices):
        PREVENTION = "prevention", _("Prevention")
        PROTECTION = "protection", _("Protection")
        PROSECUTION = "prosecution", _("Prosecution")
        PARTNERSHIP = "partnership", _("Partnership")
        GENERAL = "general", _("General and legal framework")

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    number = models.CharField(_("number"), max_length=10)
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_ru = models.CharField(_("title (Russian)"), max_length=255)
    introduction_en = models.TextField(_("introduction (English)"), blank=True)
    introduction_ru = models.TextField(_("introduction (Russian)"), blank=True)
    articles = models.CharField(
        _("Convention articles"), max_length=100, blank=True, help_text=_("For example: 10, 12")
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    sort_order = models.PositiveIntegerField(_("order"), default=0, db_index=True)

    title = TranslatedField("title")
    introduction = TranslatedField("introduction")

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def clean(self) -> None:
        if self.questionnaire_id and self.questionnaire.is_frozen:
            raise ValidationError(FROZEN_MESSAGE)


class QuestionType(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    YES_NO = "yes_no", _("Yes/no with explanation")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    NUMBER = "number", _("Number with unit")
    DATE = "date", _("Date")
    FILE = "file", _("File upload")
    TABLE = "table", _("Statistics table")
    REPEATING = "repeating", _("Repeating group")


class Question(models.Model):
    """A typed question. `config` holds what the type needs (see questionnaires/types/):
    choices, unit and bounds, a table's rows and columns, a repeating group's columns."""

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions"
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("For example: 3.2"))
    question_type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    text_en = models.TextField(_("question (English)"))
    text_ru = models.TextField(_("question (Russian)"))
    help_en = models.TextField(_("help (English)"), blank=True)
    help_ru = models.TextField(_("help (Russian)"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    config = models.JSONField(
        _("settings"),
        default=dict,
        blank=True,
        help_text=_(
            "The question type's settings as JSON (choices, table rows and columns). A table "
            'with years as rows may count an indicator: "indicator": "<code>" and '
            '"indicator_columns": {"<column>": {"sex": "F"}} ({} for the total).'
        ),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("only for country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Country-specific follow-up questions are asked of one country only."),
    )
    follow_up_of = models.CharField(
        _("follow-up of recommendation"), max_length=64, blank=True, editable=False
    )

    text = TranslatedField("text")
    help = TranslatedField("help")

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["section", "sort_order"])]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "code"],
                condition=Q(country__isnull=True),
                name="question_code_unique_in_section",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

    @property
    def is_statistics(self) -> bool:
        """A statistics table (a grid of counts): its type says so (questionnaires.types)."""
        from ..types import TYPES

        kind = TYPES.get(self.question_type)
        return bool(kind and kind.statistics)

    def clean(self) -> None:
        from ..types import config_errors

        if self.section_id and self.section.questionnaire.is_frozen and not self.follow_up_of:
            raise ValidationError(FROZEN_MESSAGE)
        errors = config_errors(self.question_type, self.config or {})
        if errors:
            raise ValidationError({"config": errors})
