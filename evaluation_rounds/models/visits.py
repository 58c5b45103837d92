import reversion
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from monitoring import display
from monitoring.models import Organisation
from monitoring.storage import private_storage

from .evaluations import CountryEvaluation


@reversion.register()
class CountryVisit(models.Model):
    evaluation = models.ForeignKey(
        CountryEvaluation,
        verbose_name=_("evaluation"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    delegation = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegation"),
        related_name="visit_delegations",
        help_text=_("The rapporteurs and the secretariat staff who travel."),
    )

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("country visit")
        verbose_name_plural = _("country visits")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="visit_ends_after_it_starts",
                violation_error_message=_("A visit cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return _("Visit to %(country)s, %(start)s–%(end)s") % {
            "country": self.evaluation.country,
            "start": display.day(self.start_date),
            "end": display.day(self.end_date),
        }


@reversion.register()
class VisitMeeting(models.Model):
    class Type(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
        JUDICIARY = "judiciary", _("Judiciary")
        PARLIAMENT = "parliament", _("Parliament")
        OMBUDSMAN = "ombudsman", _("Ombudsman")
        NGO = "ngo", _("NGO")
        INTERNATIONAL = "international", _("International organisation")
        TRADE_UNION = "trade_union", _("Trade union")
        PLACE = "place", _("Shelter or other place visited")

    visit = models.ForeignKey(CountryVisit, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("date and time"))
    meeting_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation met"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    counterpart = models.CharField(
        _("counterpart or place"),
        max_length=255,
        blank=True,
        help_text=_("When the organisation is not in the register, or for a place visited."),
    )
    location = models.CharField(_("location"), max_length=255, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("visit meeting")
        verbose_name_plural = _("visit meetings")

    def __str__(self) -> str:
        who = self.organisation.name if self.organisation_id else self.counterpart
        return f"{self.starts_at:%d.%m %H:%M} {who}"


@reversion.register()
class MeetingNote(models.Model):
    """Confidential notes of one meeting, a row of their own so that monitoring.access can
    filter them out of every list, export and index before anything renders them."""

    meeting = models.OneToOneField(VisitMeeting, on_delete=models.CASCADE, related_name="note")
    text = models.TextField(_("confidential notes"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("confidential meeting note")
        verbose_name_plural = _("confidential meeting notes")

    def __str__(self) -> str:
        return str(_("Notes: %(meeting)s") % {"meeting": self.meeting})


class VisitAttachment(models.Model):
    visit = models.ForeignKey(CountryVisit, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="visits/%Y/", storage=private_storage)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("visit attachment")
        verbose_name_plural = _("visit attachments")

    def __str__(self) -> str:
        return self.title
