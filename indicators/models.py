"""The indicator catalogue and the national observations it harmonises.

A breakdown dimension left blank ("") means "all": the observation with every dimension blank is
the total of its country x indicator x year table, and an observation with exactly one dimension
set is one cell of that dimension's breakdown. Blank strings (not NULL) keep the uniqueness
constraint effective on every database.
"""

from __future__ import annotations

import reversion
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from monitoring.i18n import TranslatedField
from monitoring.models import Country


class LegalBasis(models.TextChoices):
    TRAFFICKING_ARTICLE = "trafficking_article", _("Cases under the trafficking article")
    RELATED_ARTICLES = "related_articles", _("Cases under trafficking-related articles")
    NRM = "nrm", _("Victims identified under the national referral mechanism")
    CRIMINAL_PROCEEDINGS = (
        "criminal_proceedings",
        _("Persons recognised as victims in criminal proceedings"),
    )
    SERVICES = "services", _("Persons served by assistance providers")
    ADMINISTRATIVE = "administrative", _("Administrative records")


class SourceType(models.TextChoices):
    POLICE = "police", _("Police")
    PROSECUTION = "prosecution", _("Prosecution")
    COURTS = "courts", _("Courts")
    SOCIAL_SERVICES = "social_services", _("Social services")
    NGOS = "ngos", _("NGOs")
    MIGRATION = "migration", _("Migration authorities")


class Unit(models.TextChoices):
    PERSONS = "persons", _("persons")
    CASES = "cases", _("cases")
    CALLS = "calls", _("calls")
    PERMITS = "permits", _("permits")
    AMOUNT = "amount", _("amount in national currency")


class Sex(models.TextChoices):
    FEMALE = "F", _("female")
    MALE = "M", _("male")


class AgeGroup(models.TextChoices):
    CHILD = "child", _("child (under 18)")
    ADULT = "adult", _("adult")


class ExploitationForm(models.TextChoices):
    SEXUAL = "sexual", _("sexual exploitation")
    LABOUR = "labour", _("labour exploitation")
    CRIMINALITY = "criminality", _("forced criminality")
    BEGGING = "begging", _("forced begging")
    ORGAN_REMOVAL = "organ_removal", _("organ removal")
    OTHER = "other", _("other forms")


class Citizenship(models.TextChoices):
    NATIONAL = "national", _("nationals")
    FOREIGN = "foreign", _("foreign nationals")


class ProceedingsStage(models.TextChoices):
    INVESTIGATION = "investigation", _("investigation")
    PROSECUTION = "prosecution", _("prosecution")
    CONVICTION = "conviction", _("conviction")


# Breakdown dimension: (Observation field, Indicator flag allowing it, its vocabulary)
DIMENSIONS: dict[str, tuple[str, type[models.TextChoices]]] = {
    "sex": ("by_sex", Sex),
    "age_group": ("by_age_group", AgeGroup),
    "exploitation_form": ("by_exploitation_form", ExploitationForm),
    "citizenship": ("by_citizenship", Citizenship),
    "proceedings_stage": ("by_proceedings_stage", ProceedingsStage),
}


@reversion.register()
class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    definition_en = models.TextField(_("definition (English)"))
    definition_ru = models.TextField(_("definition (Russian)"))
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.PERSONS)
    legal_basis = models.CharField(
        _("legal basis counted"),
        max_length=30,
        choices=LegalBasis.choices,
        help_text=_(
            "What the harmonised definition counts; a country counting otherwise is flagged."
        ),
    )
    legal_basis_note = models.TextField(_("note on the legal basis"), blank=True)
    source_type = models.CharField(_("source type"), max_length=20, choices=SourceType.choices)
    by_sex = models.BooleanField(_("by sex"), default=False)
    by_age_group = models.BooleanField(_("by age group"), default=False)
    by_exploitation_form = models.BooleanField(_("by form of exploitation"), default=False)
    by_citizenship = models.BooleanField(_("by citizenship"), default=False)
    by_proceedings_stage = models.BooleanField(_("by stage of proceedings"), default=False)
    suppress_small_counts = models.BooleanField(
        _("suppress small counts"),
        default=True,
        help_text=_("Counts of persons below the threshold are published as “< threshold”."),
    )
    suppression_threshold = models.PositiveSmallIntegerField(_("suppression threshold"), default=5)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    name = TranslatedField("name")
    definition = TranslatedField("definition")

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def suppresses(self) -> bool:
        """Small counts are hidden only for counts of persons, and only when switched on."""
        return self.suppress_small_counts and self.unit == Unit.PERSONS

    def allows(self, dimension: str) -> bool:
        return getattr(self, DIMENSIONS[dimension][0])


class ObservationQuerySet(models.QuerySet):
    def totals(self):
        return self.filter(**dict.fromkeys(DIMENSIONS, ""))


@reversion.register()
class Observation(models.Model):
    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("Unverified")
        VERIFIED = "verified", _("Verified")
        QUESTIONED = "questioned", _("Questioned")
        ESTIMATED = "estimated", _("Estimated")

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="observations"
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    age_group = models.CharField(
        _("age group"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    exploitation_form = models.CharField(
        _("form of exploitation"), max_length=20, choices=ExploitationForm.choices, blank=True
    )
    citizenship = models.CharField(
        _("citizenship"), max_length=10, choices=Citizenship.choices, blank=True
    )
    proceedings_stage = models.CharField(
        _("stage of proceedings"), max_length=20, choices=ProceedingsStage.choices, blank=True
    )
    value = models.PositiveBigIntegerField(_("value"))
    counted_under = models.CharField(
        _("counted under"),
        max_length=30,
        choices=LegalBasis.choices,
        blank=True,
        help_text=_("Leave blank when the country counts as the indicator defines."),
    )
    definition_note = models.TextField(_("national definition note"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    response = models.ForeignKey(
        "questionnaires.Response",
        verbose_name=_("questionnaire response"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observations",
    )
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("verification"), max_length=20, choices=Status.choices, default=Status.UNVERIFIED
    )
    query = models.TextField(
        _("query to the contact person"),
        blank=True,
        help_text=_("Why the expert group questions the figure."),
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_demonstration = models.BooleanField(_("demonstration figure"), default=False)

    objects = ObservationQuerySet.as_manager()

    # Figures are saved by the thousand (imports, submissions) and nothing refers to one; Wagtail's
    # reference index would otherwise queue a task per saved figure to record its foreign keys.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["indicator__position", "country__name_en", "year"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "indicator", "year", *DIMENSIONS],
                name="one_observation_per_cell",
                violation_error_message=_("This cell already has a value."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100), name="observation_year_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.indicator.code} {self.year}: {self.value}"

    @property
    def breakdown(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in DIMENSIONS if getattr(self, name)}
