"""Recommendations, their themes, and the follow-up: progress updates and assessments."""

from __future__ import annotations

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator, URLValidator
from django.db import models
from django.db.models import Case, F, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from monitoring import display
from monitoring.i18n import TranslatedField
from monitoring.models import Organisation
from monitoring.search import index
from questionnaires.models import Section
from reports.models import Paragraph, Report

from .. import articles

sdg_target_validator = RegexValidator(
    r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-c])$",
    _("Give an SDG target such as 5.2, 8.7 or 16.2."),
)

Theme = Section.Theme  # the 4P taxonomy the questionnaires already use

# One bit per theme in `Recommendation.theme_mask`. Stored masks depend on these: a theme keeps
# its bit for good, and a new theme takes the next free one (migration 0006 fills the masks).
THEME_BITS = {
    Theme.PREVENTION: 1,
    Theme.PROTECTION: 2,
    Theme.PROSECUTION: 4,
    Theme.PARTNERSHIP: 8,
    Theme.GENERAL: 16,
}


def theme_mask_of(themes) -> int:
    """The bit mask of a set of theme values."""
    mask = 0
    for theme in set(themes):
        mask |= THEME_BITS[theme]
    return mask


def themes_of_mask(mask: int) -> list[str]:
    """The theme values of a bit mask, in the taxonomy's order."""
    return [theme.value for theme, bit in THEME_BITS.items() if mask & bit]


class AssessmentStatus(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("Not yet assessed")
    NOT_IMPLEMENTED = "not_implemented", _("Not implemented")
    PARTLY_IMPLEMENTED = "partly_implemented", _("Partly implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    NO_LONGER_RELEVANT = "no_longer_relevant", _("No longer relevant")


OPEN_STATUSES = (
    AssessmentStatus.NOT_ASSESSED,
    AssessmentStatus.NOT_IMPLEMENTED,
    AssessmentStatus.PARTLY_IMPLEMENTED,
)


def latest_status_of_each() -> Subquery:
    """The status of the latest assessment of the recommendation in the outer query."""
    latest = Assessment.objects.filter(recommendation=OuterRef("pk")).order_by(
        "-cycle", "-assessed_on", "-pk"
    )
    return Subquery(latest.values("status")[:1])


class RecommendationQuerySet(models.QuerySet):
    def refresh_current_status(self) -> int:
        """Set `current_status` from the latest assessments, in one UPDATE.

        The assessment service does this for the recommendation it assesses; code writing
        assessments in bulk (imports, generated data) calls it on what it wrote. The tracker's
        counts of their reports follow (`tracker_counts.refresh`).
        """
        from recommendations import tracker_counts

        count = self.update(
            current_status=Coalesce(
                latest_status_of_each(),
                Value(AssessmentStatus.NOT_ASSESSED.value),
                output_field=models.CharField(),
            )
        )
        tracker_counts.refresh(self.values_list("report_id", flat=True).distinct())
        return count

    def refresh_theme_mask(self) -> int:
        """Set `theme_mask` from the theme rows, in one UPDATE.

        The recommendation services do this for what they write; code writing themes in bulk
        (generated data, tests) calls it on what it wrote.
        """
        # (recommendation, theme) is unique, so the sum of the bits is their bitwise OR.
        bits = (
            RecommendationTheme.objects.filter(recommendation=OuterRef("pk"))
            .order_by()
            .values("recommendation")
            .annotate(
                mask=Sum(
                    Case(
                        *(When(theme=theme, then=Value(bit)) for theme, bit in THEME_BITS.items()),
                        default=Value(0),
                    )
                )
            )
            .values("mask")
        )
        return self.update(
            theme_mask=Coalesce(Subquery(bits), Value(0), output_field=models.IntegerField())
        )

    def copy_to_published(self) -> int:
        """Make the working fields the published ones (PUBLISHED_FIELDS), in one UPDATE and a
        copy of the addressees. Publication does this for its report's recommendations; code
        writing published recommendations in bulk (generated data, tests) calls it on them.
        The search index and the tracker's counts of their reports follow."""
        paragraph_number = Paragraph.objects.filter(pk=OuterRef("paragraph_id")).values("number")
        count = self.update(
            **{published: F(working) for working, published in PUBLISHED_FIELDS.items()},
            published_paragraph_number=Subquery(paragraph_number[:1]),
        )
        chosen = self.values("pk")
        working = Recommendation.addressees.through.objects.filter(recommendation__in=chosen)
        published = Recommendation.published_addressees.through
        published.objects.filter(recommendation__in=chosen).delete()
        published.objects.bulk_create(
            published(recommendation_id=recommendation_id, organisation_id=organisation_id)
            for recommendation_id, organisation_id in working.values_list(
                "recommendation_id", "organisation_id"
            )
        )
        index.refresh(Recommendation, chosen)  # the published wording is what the public searches
        from recommendations import tracker_counts

        tracker_counts.refresh(self.values_list("report_id", flat=True).distinct())
        return count

    def open(self):
        return self.filter(current_status__in=OPEN_STATUSES)


# Working field: the field holding its published value, which the public reads (search, filters,
# counts, rows, downloads, API) while a correction edits the working one. Written only by
# `copy_to_published`, at publication; the addressees and paragraph number are copied with them.
PUBLISHED_FIELDS = {
    "strength": "published_strength",
    "text_en": "published_text_en",
    "text_ru": "published_text_ru",
    "theme_mask": "published_theme_mask",
    "convention_articles": "published_convention_articles",
    "sdg_target": "published_sdg_target",
    "reiterates_id": "published_reiterates_id",
}


# Derived fields, not versions of the text: `current_status` from the assessments, `theme_mask`
# from the theme rows, the published copy from the text at publication.
@reversion.register(
    exclude=[
        "current_status",
        "theme_mask",
        *(name.removesuffix("_id") for name in PUBLISHED_FIELDS.values()),
        "published_paragraph_number",
        "published_addressees",
    ]
)
class Recommendation(models.Model):
    class Strength(models.TextChoices):
        URGES = "urges", _("urges")
        CONSIDERS = "considers", _("considers")
        INVITES = "invites", _("invites")

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="recommendations"
    )
    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("paragraph"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    strength = models.CharField(_("strength"), max_length=10, choices=Strength.choices)
    text_en = models.TextField(_("text (English)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    # Optimistic locking and translation freshness, as on a paragraph.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    text_en_changed_at = models.DateTimeField(
        _("English text changed"), null=True, blank=True, editable=False
    )
    text_ru_changed_at = models.DateTimeField(
        _("Russian text changed"), null=True, blank=True, editable=False
    )
    convention_articles = models.CharField(
        _("Convention articles"),
        max_length=200,
        blank=True,
        help_text=_("The article numbers, for example: 10, 12, 15."),
    )
    addressees = models.ManyToManyField(
        Organisation,
        verbose_name=_("addressees"),
        related_name="recommendations",
        blank=True,
    )
    sdg_target = models.CharField(
        _("SDG target"), max_length=6, blank=True, validators=[sdg_target_validator]
    )
    reiterates = models.ForeignKey(
        "self",
        verbose_name=_("reiterates"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reiterated_by",
        help_text=_("The same recommendation made in an earlier report."),
    )
    # Set when the report carrying it is published: one added by a correction stays out of the
    # public's sight until the correction is published.
    public_since = models.DateTimeField(_("public since"), null=True, blank=True, editable=False)
    # The latest assessment's status, kept here so the tracker filters and counts by a column
    # (20,000 recommendations: a correlated subquery per row cost 0.8 s on PostgreSQL).
    current_status = models.CharField(
        _("current status"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.NOT_ASSESSED,
        editable=False,
        db_index=True,
    )
    # Its themes as bits (THEME_BITS), kept here so the tracker counts by theme without joining
    # the theme rows (20,000 recommendations: the join cost 38 ms of the tracker page).
    theme_mask = models.PositiveSmallIntegerField(_("themes"), default=0, editable=False)

    # The recommendation as published (PUBLISHED_FIELDS): what the public reads, searches,
    # filters and counts, whatever a correction in progress changes above. Empty until the
    # report carrying it is published; set again when a correction is published.
    published_strength = models.CharField(
        _("published strength"),
        max_length=10,
        choices=Strength.choices,
        blank=True,
        editable=False,
    )
    published_text_en = models.TextField(_("published text (English)"), blank=True, editable=False)
    published_text_ru = models.TextField(_("published text (Russian)"), blank=True, editable=False)
    published_theme_mask = models.PositiveSmallIntegerField(
        _("published themes"), default=0, editable=False
    )
    published_convention_articles = models.CharField(
        _("published Convention articles"), max_length=200, blank=True, editable=False
    )
    published_sdg_target = models.CharField(
        _("published SDG target"), max_length=6, blank=True, editable=False
    )
    published_reiterates = models.ForeignKey(
        "self",
        verbose_name=_("published reiterated recommendation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    published_paragraph_number = models.PositiveIntegerField(
        _("published paragraph number"), null=True, blank=True, editable=False
    )
    published_addressees = models.ManyToManyField(
        Organisation,
        verbose_name=_("published addressees"),
        related_name="published_recommendations",
        blank=True,
        editable=False,
    )

    text = TranslatedField("text")
    published_text = TranslatedField("published_text")
    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["report", "number"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="recommendation_number_unique_in_report"
            )
        ]

    def __str__(self) -> str:
        return _("Recommendation %(number)s") % {"number": self.number}

    @property
    def convention_articles_label(self) -> str:
        """ "Articles 29 and 35" / «Статьи 29 и 35» in the reader's language."""
        return articles.label(self.convention_articles)

    @property
    def published_convention_articles_label(self) -> str:
        return articles.label(self.published_convention_articles)

    def clean(self) -> None:
        self.text_en, self.text_ru = self.text_en.strip(), self.text_ru.strip()
        if not (self.text_en or self.text_ru):
            raise ValidationError(_("Write the recommendation in at least one language."))
        try:  # stored as the numbers, whatever words were typed around them
            self.convention_articles = articles.parse(self.convention_articles)
        except ValidationError as error:
            raise ValidationError({"convention_articles": error.messages}) from None
        if (
            self.paragraph_id
            and self.report_id
            and self.paragraph.chapter.report_id != (self.report_id)
        ):
            raise ValidationError({"paragraph": _("This paragraph belongs to another report.")})
        if self.reiterates_id and self.report_id:
            earlier = self.reiterates
            if earlier.report_id == self.report_id:
                raise ValidationError(
                    {"reiterates": _("A recommendation reiterates one from an earlier report.")}
                )
            if earlier.report.evaluation.country_id != self.report.evaluation.country_id:
                raise ValidationError(
                    {"reiterates": _("The earlier recommendation concerns another country.")}
                )

    @property
    def theme_values(self) -> list[str]:
        return [row.theme for row in self.themes.all()]

    @property
    def theme_labels(self) -> list[str]:
        """Its themes' labels read off `theme_mask` (no query), ordered as the theme rows."""
        return _theme_labels(self.theme_mask)

    @property
    def published_theme_labels(self) -> list[str]:
        """The published themes' labels, read off `published_theme_mask` (no query)."""
        return _theme_labels(self.published_theme_mask)


def _theme_labels(mask: int) -> list[str]:
    labels = dict(Theme.choices)
    return [str(labels[theme]) for theme in sorted(themes_of_mask(mask))]


class RecommendationTheme(models.Model):
    """One theme of a recommendation (a row per theme, so statistics can group by it)."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="themes"
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)

    class Meta:
        ordering = ["recommendation", "theme"]
        verbose_name = _("recommendation theme")
        verbose_name_plural = _("recommendation themes")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "theme"], name="recommendation_theme_once"
            )
        ]

    def __str__(self) -> str:
        return self.get_theme_display()


def validate_links(value: str) -> None:
    check = URLValidator(schemes=["http", "https"])
    for line in value.splitlines():
        if line.strip():
            check(line.strip())


class ProgressUpdate(models.Model):
    """The government's report on what it has done about one recommendation."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="progress_updates",
    )
    text = models.TextField(_("measures taken"))
    reported_on = models.DateField(_("date"))
    links = models.TextField(
        _("links to evidence"),
        blank=True,
        validators=[validate_links],
        help_text=_("One web address per line."),
    )
    responsible_body = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="progress_updates",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="progress_updates",
    )
    submitted = models.BooleanField(_("submitted"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.recommendation} — {display.day(self.reported_on)}"

    def clean(self) -> None:
        if not self.text.strip():
            raise ValidationError({"text": _("Describe the measures taken.")})
        if self.responsible_body_id and self.recommendation_id:
            country_id = self.recommendation.report.evaluation.country_id
            if self.responsible_body.country_id != country_id:
                raise ValidationError(
                    {"responsible_body": _("Choose a body of the evaluated country.")}
                )


@reversion.register()
class Assessment(models.Model):
    """The expert group's assessment of one recommendation in one follow-up cycle.

    The latest assessment (highest cycle, then latest date) is the recommendation's status.
    """

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    cycle = models.PositiveSmallIntegerField(
        _("follow-up cycle"), default=1, validators=[MinValueValidator(1)]
    )
    status = models.CharField(_("status"), max_length=20, choices=AssessmentStatus.choices)
    reasoning_en = models.TextField(_("reasoning (English)"), blank=True)
    reasoning_ru = models.TextField(_("reasoning (Russian)"), blank=True)
    assessed_on = models.DateField(_("date"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )

    class Meta:
        ordering = ["-cycle", "-assessed_on", "-pk"]
        get_latest_by = ["cycle", "assessed_on", "pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "cycle"], name="one_assessment_per_cycle"
            )
        ]

    reasoning = TranslatedField("reasoning")

    def __str__(self) -> str:
        return f"{self.recommendation}: {self.get_status_display()} ({self.cycle})"

    def clean(self) -> None:
        self.reasoning_en, self.reasoning_ru = self.reasoning_en.strip(), self.reasoning_ru.strip()
        if not (self.reasoning_en or self.reasoning_ru):
            raise ValidationError(
                {"reasoning_en": _("Give the reasoning in at least one language.")}
            )
