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


class TrackerEntry(models.Model):
    """One public recommendation in the tracker: its combination (`TrackerCount`), so that a
    search counts its hits per combination in one pass over the matching ids, and the columns
    of the tracker's sorts, indexed together, so that a page of results is cut from an index
    instead of sorting every match across joins. Written only by `tracker_counts.refresh`."""

    recommendation = models.OneToOneField(
        "recommendations.Recommendation",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("recommendation"),
    )
    combination = models.ForeignKey(
        TrackerCount, on_delete=models.CASCADE, related_name="+", verbose_name=_("combination")
    )
    country = models.CharField(_("country"), max_length=3)
    round = models.PositiveSmallIntegerField(_("round"))
    number = models.PositiveIntegerField(_("number"))
    published_at = models.DateTimeField(_("published"))
    strength_rank = models.PositiveSmallIntegerField(_("strength rank"))

    wagtail_reference_index_ignore = True

    class Meta:
        default_permissions = ()
        verbose_name = _("tracker entry")
        verbose_name_plural = _("tracker entries")
        # One per sort of `tracker.SORTS`, in its order, ending with the tie-breaker.
        indexes = [
            models.Index(
                fields=["country", "round", "number", "recommendation"], name="tracker_by_country"
            ),
            models.Index(
                fields=["-published_at", "country", "number", "recommendation"],
                name="tracker_by_newest",
            ),
            models.Index(
                fields=["strength_rank", "published_at", "number", "recommendation"],
                name="tracker_by_strength",
            ),
            models.Index(fields=["number", "country", "recommendation"], name="tracker_by_number"),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.round} {self.number}"
