"""The replies to the round's questionnaire published with a report (GRETA's practice): one row
per submitted response, written only by `services.report_publish` in the report's transaction."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from monitoring.i18n import TranslatedField


class ReplyPublication(models.Model):
    """What the publication of a report decided for one submitted reply to the questionnaire.

    `published`: `content` holds the frozen snapshot (`reports.replies.reply_snapshot`:
    questions, answers and tables as submitted, confidential answers withheld, only the files
    the respondent marked public); later edits of the response never change it. `held_back`:
    the secretariat kept the government's reply back, `reason` says why. `no_consent`: an NGO
    did not consent or withdrew its consent. `confidential`: an NGO's whole reply is
    confidential. Only `published` rows reach the public (`monitoring.access`).
    """

    class Outcome(models.TextChoices):
        PUBLISHED = "published", _("Published")
        HELD_BACK = "held_back", _("Held back")
        NO_CONSENT = "no_consent", _("Left out: no consent")
        CONFIDENTIAL = "confidential", _("Left out: confidential")

    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="reply_publications",
    )
    response = models.ForeignKey(
        "questionnaires.Response",
        verbose_name=_("response"),
        on_delete=models.PROTECT,
        related_name="reply_publications",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"))
    # Copied at publication, so the public page never reads the live response.
    organisation_name_en = models.CharField(_("organisation (English)"), max_length=255)
    organisation_name_ru = models.CharField(_("organisation (Russian)"), max_length=255)
    is_government = models.BooleanField(_("government's reply"), default=False)
    content = models.JSONField(_("published reply"), null=True, blank=True)

    organisation_name = TranslatedField("organisation_name")

    class Meta:
        ordering = ["report", "-is_government", "organisation_name_en", "pk"]
        verbose_name = _("published reply")
        verbose_name_plural = _("published replies")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "response"], name="one_reply_publication_per_report"
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="held_back") | ~models.Q(reason=""),
                name="held_back_reply_has_reason",
                violation_error_message=_("Say why the reply is held back."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name_en} ({self.get_outcome_display()})"

    @property
    def is_published(self) -> bool:
        return self.outcome == self.Outcome.PUBLISHED
