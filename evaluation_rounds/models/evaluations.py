import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from monitoring import display
from monitoring.i18n import TranslatedField
from monitoring.models import Country, ExpertMember
from monitoring.system_text import render_code

from ..procedure import ORDER, DeadlineKind, State

MONTHS = [MinValueValidator(1), MaxValueValidator(60)]


@reversion.register()
class EvaluationRound(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_ru = models.CharField(_("title (Russian)"), max_length=255)
    theme_en = models.TextField(_("theme (English)"), blank=True)
    theme_ru = models.TextField(_("theme (Russian)"), blank=True)
    launch_date = models.DateField(_("launch date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREPARING
    )
    reply_period_months = models.PositiveSmallIntegerField(
        _("questionnaire reply period (months)"), default=4, validators=MONTHS
    )
    comment_period_months = models.PositiveSmallIntegerField(
        _("comment period on the draft (months)"), default=2, validators=MONTHS
    )
    final_comments_period_months = models.PositiveSmallIntegerField(
        _("final comments period (months)"), default=1, validators=MONTHS
    )
    follow_up_period_months = models.PositiveSmallIntegerField(
        _("follow-up report period (months)"), default=24, validators=MONTHS
    )
    reference_first_year = models.PositiveSmallIntegerField(
        _("reference period: first year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The years the round's statistics cover; figures for other years are refused."),
    )
    reference_last_year = models.PositiveSmallIntegerField(
        _("reference period: last year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )

    title = TranslatedField("title")
    theme = TranslatedField("theme")

    class Meta:
        ordering = ["number"]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")

    def __str__(self) -> str:
        return _("Round %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def clean(self) -> None:
        first, last = self.reference_first_year, self.reference_last_year
        if (first is None) != (last is None):
            raise ValidationError(
                {"reference_last_year": _("Give both years of the reference period, or neither.")}
            )
        if first is not None and first > last:
            raise ValidationError(
                {"reference_last_year": _("The reference period ends after it starts.")}
            )

    @property
    def reference_years(self) -> range | None:
        if self.reference_first_year is None or self.reference_last_year is None:
            return None
        return range(self.reference_first_year, self.reference_last_year + 1)


@reversion.register()
class Plenary(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place_en = models.CharField(_("place (English)"), max_length=200)
    place_ru = models.CharField(_("place (Russian)"), max_length=200)

    place = TranslatedField("place")

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("plenary meeting")
        verbose_name_plural = _("plenary meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="plenary_ends_after_it_starts",
                violation_error_message=_("A plenary cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return _("Plenary %(number)s (%(place)s)") % {"number": self.number, "place": self.place}


@reversion.register(follow=["rapporteurs"])
class CountryEvaluation(models.Model):
    """One country's evaluation in one round (or an out-of-cycle urgent procedure)."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular evaluation")
        URGENT = "urgent", _("Urgent procedure")

    round = models.ForeignKey(
        EvaluationRound,
        verbose_name=_("round"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="evaluations"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    state = models.CharField(
        _("state"), max_length=30, choices=State.choices, default=State.PREPARING, editable=False
    )
    state_since = models.DateField(_("in this state since"), null=True, blank=True, editable=False)
    urgent_reason = models.TextField(_("reason for the urgent procedure"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["round__number", "country__name_en"]
        verbose_name = _("country evaluation")
        verbose_name_plural = _("country evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "country"],
                condition=Q(kind="regular"),
                name="one_regular_evaluation_per_country_and_round",
                violation_error_message=_("This country already has an evaluation in this round."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} — {self.round}"

    def clean(self) -> None:
        if self.kind == self.Kind.URGENT and not self.urgent_reason.strip():
            raise ValidationError({"urgent_reason": _("Say why the urgent procedure is opened.")})

    @property
    def progress_percent(self) -> int:
        return round(100 * ORDER[self.state] / (len(ORDER) - 1))

    @property
    def next_deadline(self):
        deadlines = getattr(self, "open_deadlines", None)
        if deadlines is None:
            deadlines = list(self.deadlines.filter(closed_on__isnull=True).order_by("due_on"))
        return min(deadlines, key=lambda deadline: deadline.due_on, default=None)


class Transition(models.Model):
    """One step of an evaluation's timeline: who moved it, when, and why."""

    evaluation = models.ForeignKey(
        CountryEvaluation, on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(_("from"), max_length=30, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=30, choices=State.choices)
    occurred_on = models.DateField(_("date of the step"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True
    )
    comment = models.TextField(_("comment"), blank=True)
    # The system's own sentence for the step, as a code rendered in the reader's language
    # (`monitoring.system_text`); `comment` holds only what a person wrote.
    message_code = models.CharField(_("system message"), max_length=80, blank=True)
    message_params = models.JSONField(_("system message parameters"), default=dict, blank=True)
    waiver_reason = models.TextField(
        _("why a precondition was waived"),
        blank=True,
        help_text=_("Required when a draft is approved before replies or a visit exist."),
    )
    plenary = models.ForeignKey(
        Plenary,
        verbose_name=_("plenary"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )

    class Meta:
        ordering = ["occurred_on", "recorded_at", "pk"]
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.get_from_state_display()} → {self.get_to_state_display()}"

    @property
    def comment_text(self) -> str:
        """What the timeline shows: the system's sentence in the reader's language, then what
        a person wrote, as written."""
        system = self.message_code and (
            render_code(self.message_code, self.message_params) or self.message_code
        )
        return "\n".join(part for part in (system, self.comment) if part)


class Deadline(models.Model):
    evaluation = models.ForeignKey(
        CountryEvaluation, on_delete=models.CASCADE, related_name="deadlines"
    )
    kind = models.CharField(_("deadline"), max_length=30, choices=DeadlineKind.choices)
    starts_on = models.DateField(_("starts"))
    original_due_on = models.DateField(_("originally due"))
    due_on = models.DateField(_("due"))
    closed_on = models.DateField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "kind"], name="one_deadline_of_each_kind_per_evaluation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {display.day(self.due_on)}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def days_left(self, today) -> int:
        return (self.due_on - today).days


class DeadlineExtension(models.Model):
    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="extensions")
    previous_due_on = models.DateField(_("previously due"))
    new_due_on = models.DateField(_("new due date"))
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["granted_at"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")

    def __str__(self) -> str:
        return f"{display.day(self.previous_due_on)} → {display.day(self.new_due_on)}"


@reversion.register()
class Rapporteur(models.Model):
    evaluation = models.ForeignKey(
        CountryEvaluation, on_delete=models.CASCADE, related_name="rapporteurs"
    )
    expert = models.ForeignKey(
        ExpertMember, on_delete=models.PROTECT, related_name="rapporteurships"
    )

    class Meta:
        verbose_name = _("rapporteur")
        verbose_name_plural = _("rapporteurs")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "expert"], name="rapporteur_once_per_evaluation"
            )
        ]

    def __str__(self) -> str:
        return str(self.expert)


class ReminderLog(models.Model):
    """A reminder that was sent: the unique key makes `send_reminders` safe to run hourly."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    threshold = models.CharField(max_length=10)  # "30", "7", "1" or "overdue"
    due_on = models.DateField()  # an extension starts a fresh series of reminders
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "threshold", "due_on", "recipient"],
                name="each_reminder_sent_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.deadline} / {self.threshold} / {self.recipient}"
