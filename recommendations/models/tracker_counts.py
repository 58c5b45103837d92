from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackerCount(models.Model):
    """How many public recommendations of one report share one combination of the tracker's
    facets (published strength, current status, published themes and SDG target, published
    addressees): the tracker's counts sum these rows instead of counting recommendations.
    Written only by `recommendations.tracker_counts.refresh`."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="+", verbose_name=_("report")
    )
    strength = models.CharField(_("strength"), max_length=10)
    status = models.CharField(_("status"), max_length=20)
    theme_mask = models.PositiveSmallIntegerField(_("themes"))
    sdg_target = models.CharField(_("SDG target"), max_length=6)
    # The addressees' ids, sorted, between commas (",3,17,"; "," for none), so a selection of
    # addressees matches a row whatever the other addressees of its recommendations.
    addressees = models.CharField(_("addressees"), max_length=1000)
    count = models.PositiveIntegerField(_("count"))

    wagtail_reference_index_ignore = True

    class Meta:
        default_permissions = ()
        verbose_name = _("tracker count")
        verbose_name_plural = _("tracker counts")

    def __str__(self) -> str:
        return f"{self.report_id} {self.strength} {self.status}: {self.count}"
