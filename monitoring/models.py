"""The core everyone shares: countries, organisations, experts and who works where."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import system_text
from .i18n import TranslatedField


class CountryQuerySet(models.QuerySet):
    def evaluated(self):
        return self.filter(is_evaluated=True)


class Country(models.Model):
    iso_code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        help_text=_("ISO 3166-1 alpha-2, for example KZ."),
    )
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100)
    is_evaluated = models.BooleanField(
        _("evaluated"), default=True, help_text=_("Goes through the evaluation rounds.")
    )

    name = TranslatedField("name")
    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=Q(iso_code__regex=r"^[A-Z]{2}$"), name="country_iso_code_two_capitals"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government body")
        NGO = "ngo", _("Non-governmental organisation")
        INTERNATIONAL = "international", _("International organisation")
        EXPERT_BODY = "expert_body", _("Expert body")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
        help_text=_("Empty only for international organisations and the expert body."),
    )
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255)
    is_national_government = models.BooleanField(
        _("national government"),
        default=False,
        help_text=_("The government as a whole, which submits the one official reply."),
    )
    website = models.URLField(_("website"), blank=True)

    name = TranslatedField("name")

    class Meta:
        ordering = ["country__iso_code", "kind", "name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["country", "name_en"], name="organisation_unique_name"),
            models.CheckConstraint(
                condition=Q(kind__in=["international", "expert_body"]) | Q(country__isnull=False),
                name="organisation_national_kinds_have_country",
            ),
            models.UniqueConstraint(
                fields=["country"],
                condition=Q(is_national_government=True),
                name="one_national_government_per_country",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind in (self.Kind.GOVERNMENT, self.Kind.NGO) and self.country_id is None:
            raise ValidationError({"country": _("A government body or NGO needs a country.")})
        if self.is_national_government and self.kind != self.Kind.GOVERNMENT:
            raise ValidationError(
                {"is_national_government": _("Only a government body can be the government.")}
            )


class ExpertMember(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

    class Office(models.TextChoices):
        MEMBER = "member", _("Member")
        PRESIDENT = "president", _("President")
        FIRST_VICE_PRESIDENT = "first_vice_president", _("First Vice-President")
        SECOND_VICE_PRESIDENT = "second_vice_president", _("Second Vice-President")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="expert_member",
    )
    nationality = models.ForeignKey(
        Country, verbose_name=_("nationality"), on_delete=models.PROTECT, related_name="experts"
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"))
    office = models.CharField(
        _("office"), max_length=30, choices=Office.choices, default=Office.MEMBER
    )

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = _("expert member")
        verbose_name_plural = _("expert members")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gt=models.F("term_start")),
                name="expert_term_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["office"],
                condition=~Q(office="member"),
                name="one_expert_per_office",
                violation_error_message=_("Another expert already holds this office."),
            ),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    def clean(self) -> None:
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            raise ValidationError({"term_end": _("The term must end after it starts.")})

    def is_serving_on(self, day) -> bool:
        return self.term_start <= day <= self.term_end


class Membership(models.Model):
    """A respondent's place in an organisation: what they may answer, comment and submit."""

    class Role(models.TextChoices):
        CONTACT_PERSON = "contact_person", _("Contact person")
        GOVERNMENT_RESPONDENT = "government_respondent", _("Government respondent")
        NGO_RESPONDENT = "ngo_respondent", _("NGO respondent")

    ROLE_ORGANISATION_KINDS = {
        Role.CONTACT_PERSON: Organisation.Kind.GOVERNMENT,
        Role.GOVERNMENT_RESPONDENT: Organisation.Kind.GOVERNMENT,
        Role.NGO_RESPONDENT: Organisation.Kind.NGO,
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name_en", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(role="contact_person", is_active=True),
                name="one_active_contact_person_per_organisation",
                violation_error_message=_("This organisation already has a contact person."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"

    def clean(self) -> None:
        expected_kind = self.ROLE_ORGANISATION_KINDS.get(self.role)
        if expected_kind and self.organisation_id and self.organisation.kind != expected_kind:
            message = (
                _("An NGO respondent must belong to an NGO.")
                if expected_kind == Organisation.Kind.NGO
                else _("A government official must belong to a government body.")
            )
            raise ValidationError({"organisation": message})
        is_contact = self.role == self.Role.CONTACT_PERSON
        if is_contact and self.organisation_id and not self.organisation.is_national_government:
            raise ValidationError(
                {"organisation": _("The contact person represents the national government.")}
            )


class AppendOnlyQuerySet(models.QuerySet):
    """The audit log is written once and never changed, not even in bulk."""

    def update(self, **kwargs):
        raise PermissionError(_("The audit log cannot be changed."))

    def delete(self):
        raise PermissionError(_("The audit log cannot be deleted."))


class AuditEvent(models.Model):
    """One sensitive event: who, when, from where, on what. Append-only (`monitoring.audit`)."""

    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", _("sign-in")
        SIGN_IN_FAILED = "sign_in_failed", _("failed sign-in")
        VIEW_CONFIDENTIAL = "view_confidential", _("confidential content viewed")
        VIEW_DRAFT = "view_draft", _("draft report viewed")
        EXPORT = "export", _("export")
        SUBMISSION = "submission", _("submission")
        REOPENING = "reopening", _("reopening")
        PUBLICATION = "publication", _("publication")
        PERMISSION_CHANGE = "permission_change", _("permission change")

    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("time"), editable=False)
    # The actor's name is kept as written at the time: the record outlives the account.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    objects = AppendOnlyQuerySet.as_manager()
    # Wagtail's reference index would cost queries on every insert; nothing links to an event.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        default_permissions = ("view",)
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        indexes = [
            models.Index(fields=["kind", "occurred_at"], name="audit_kind_time"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.actor_name}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError(_("The audit log cannot be changed."))
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(_("The audit log cannot be deleted."))

    def get_detail_display(self) -> str:
        """The detail in the reader's language (a system sentence is stored as its code); the
        back office's list, inspect view and export show this."""
        return system_text.render(self.detail)

    get_detail_display.short_description = _("detail")


class SearchText(models.Model):
    """The stems of one indexed text (`monitoring.search.index`): the field `field` of the
    object `object_id` of the model `target` (`app_label.model_name`). Written only by the
    index; SQLite also keeps an FTS5 table over `stems` in step (triggers of migration 0004)."""

    target = models.CharField(_("model"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("object id"))
    field = models.CharField(_("field"), max_length=64)
    stems = models.TextField(_("stems"))

    wagtail_reference_index_ignore = True

    class Meta:
        default_permissions = ()
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "object_id", "field"], name="search_text_one_per_field"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} {self.object_id} {self.field}"


class DataVersion(models.Model):
    """A few rows whose numbers sum to the version of the public data: every write of public
    data raises one in its own transaction (`monitoring.data_version`), so caches and the
    API's validators follow the data in the database that every worker reads, not a process's
    memory."""

    number = models.PositiveBigIntegerField(_("number"), default=0)
    changed_at = models.DateTimeField(_("changed at"))

    wagtail_reference_index_ignore = True

    class Meta:
        default_permissions = ()
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self) -> str:
        return str(self.number)
