"""Responses to a questionnaire and their answers: autosaved, versioned, confidential if asked."""

import reversion
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from evaluation_rounds.models import CountryEvaluation
from monitoring.models import Organisation
from monitoring.storage import private_storage

from .structure import Question, Questionnaire, Section


class Response(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        REOPENED = "reopened", _("Reopened")

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    evaluation = models.ForeignKey(
        CountryEvaluation,
        verbose_name=_("country evaluation"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    due_on = models.DateField(_("due"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_confidential = models.BooleanField(
        _("whole response confidential"),
        default=False,
        help_text=_("Shown to the expert group only, never to any government."),
    )
    # When the NGO last opened a response it had kept confidential: what its answers said up
    # to then stays hidden from experts who stand aside from the country.
    confidential_until = models.DateTimeField(
        _("confidential until"), null=True, blank=True, editable=False
    )
    # GRETA's practice: an NGO's reply is published with the report only if it agreed. It
    # consents when it submits and may withdraw until publication; a government's reply needs
    # no consent. Set by `services.response_submit` and `response_withdraw_consent`.
    publication_consent = models.BooleanField(
        _("consents to publication"), default=False, editable=False
    )
    consent_withdrawn_at = models.DateTimeField(
        _("consent withdrawn"), null=True, blank=True, editable=False
    )
    # When the reply was published with the report (`reports.services.report_publish`, in the
    # report's transaction): from then on consent can no longer be withdrawn.
    reply_published_at = models.DateTimeField(
        _("reply published"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["evaluation__country__name_en", "organisation__name_en"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "evaluation", "organisation"],
                name="one_response_per_organisation",
                violation_error_message=_("This organisation already received the questionnaire."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.questionnaire}"

    @property
    def is_civil_society(self) -> bool:
        return self.questionnaire.audience == Questionnaire.Audience.CIVIL_SOCIETY

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.SUBMITTED


class SectionAssignment(models.Model):
    """The contact person shares a section with a colleague of their government."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="assignments")
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="section_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("section assignment")
        verbose_name_plural = _("section assignments")
        constraints = [
            models.UniqueConstraint(fields=["response", "section"], name="one_assignee_per_section")
        ]

    def __str__(self) -> str:
        return f"{self.section} → {self.assignee}"


@reversion.register(fields=["value", "is_confidential", "version", "is_late"])
class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(_("value"), default=dict)
    version = models.PositiveIntegerField(_("version"), default=0)
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Shown to the expert group only, never to any government."),
    )
    is_answered = models.BooleanField(default=False, editable=False)
    is_late = models.BooleanField(_("saved after the deadline"), default=False)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]
        indexes = [models.Index(fields=["response", "is_answered"])]

    def __str__(self) -> str:
        return f"{self.question.code} ({self.response})"


class AnswerFile(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="answers/%Y/%m/", storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Published with the reply only when the respondent said so on upload.
    is_public = models.BooleanField(_("may be published"), default=False)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("answer file")
        verbose_name_plural = _("answer files")

    def __str__(self) -> str:
        return self.original_name


class ExtensionRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="extension_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    requested_due_on = models.DateField(_("requested new date"))
    reason = models.TextField(_("reason"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    granted_due_on = models.DateField(_("granted new date"), null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        constraints = [
            models.UniqueConstraint(
                fields=["response"],
                condition=Q(status="pending"),
                name="one_pending_extension_request",
                violation_error_message=_(
                    "An extension request is already waiting for a decision."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.response}: {self.requested_due_on}"
