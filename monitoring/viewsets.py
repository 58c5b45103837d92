"""Back-office screens for the core records (secretariat)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import access, services
from .i18n import active_language, in_its_language, language_codes, localised
from .models import AuditEvent, Country, ExpertMember, Membership, Organisation


class GuardedDeleteView(generic.DeleteView):
    """Wagtail's deletion, refused with a message when other records still hold the object
    through a protecting foreign key (a rapporteur its expert, a figure its indicator): Wagtail
    looks only at its reference index, which does not follow the project's own relations, and
    the database's refusal would be a server error."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except (ProtectedError, RestrictedError) as error:
            held_by = getattr(error, "protected_objects", None) or error.restricted_objects
            kinds = sorted({str(row._meta.verbose_name_plural) for row in held_by})
            messages.error(
                self.request,
                gettext("“%(object)s” cannot be deleted: %(records)s still refer to it.")
                % {"object": self.object, "records": ", ".join(kinds)},
            )
            return redirect(reverse(self.edit_url_name, args=(quote(self.object.pk),)))


# --- Read in the reader's language: translated fields, yes/no, empty values ------------------

EMPTY = "—"
_LANGUAGE_SUFFIX = re.compile(r"^(?P<base>\w+)_(?P<code>[a-z]{2})$")


def translated_base(model: type[models.Model], field_name: str) -> str | None:
    """`name` for `name_en` when the model has one `name_<code>` column per language."""
    match = _LANGUAGE_SUFFIX.match(field_name)
    if not match or match["code"] not in language_codes():
        return None
    base = match["base"]
    columns = {field.name for field in model._meta.get_fields()}
    return base if all(f"{base}_{code}" in columns for code in language_codes()) else None


def reader_value(value: Any) -> Any:
    """Booleans as a translated yes/no and nothing as a dash, not Python's True/False/None."""
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return value


def base_label(model: type[models.Model], base: str) -> str:
    # The columns are labelled "name (English)" / "name (Russian)": one column drops the part
    # in brackets, in whichever language the label is read.
    label = str(model._meta.get_field(f"{base}_{language_codes()[0]}").verbose_name)
    return capfirst(re.sub(r"\s*\([^)]*\)$", "", label))


class ReaderIndexView(generic.IndexView):
    """A listing whose `name_en`, `name_ru` columns are one column in the reader's language
    (marked with its `lang` where the text fell back), and whose booleans read yes/no."""

    @cached_property
    def columns(self):
        columns, seen = [], set()
        for index, field in enumerate(self.list_display):
            base = translated_base(self.model, field) if isinstance(field, str) else None
            if base and base in seen:
                continue  # the other language's column of a field already shown
            seen.add(base)
            columns.append(self._reader_column(index, field, base))
        return columns

    def _reader_column(self, index: int, field, base: str | None):
        if not isinstance(field, str):
            return field
        make = self._get_title_column if index == 0 else self._get_custom_column
        if base:
            # Sorted by the reader's column; shown in the reader's language, else the fallback.
            column = make(f"{base}_{active_language()}")
            column.label = base_label(self.model, base)
            column.accessor = localised_accessor(base)
            return column
        column = make(field)
        if isinstance(column, Column) and not callable(column.accessor):
            accessor = column.accessor
            # A field's display (a choice's label, an audit detail in the reader's language).
            display = f"get_{accessor}_display"
            free_text = _is_free_text(self.model, accessor)
            column.accessor = lambda obj: _shown(
                _attribute(obj, display if hasattr(obj, display) else accessor), free_text
            )
        return column


def _is_free_text(model: type[models.Model], name: str) -> bool:
    """A one-column text a person (or the writer's language) wrote: an object's name as
    recorded, a note; not a code with choices."""
    try:
        field = model._meta.get_field(name)
    except Exception:
        return False
    return isinstance(field, (models.CharField, models.TextField)) and not field.choices


def _shown(value: Any, free_text: bool) -> Any:
    if free_text and isinstance(value, str) and value:
        return in_its_language(value)
    return reader_value(value)


def localised_accessor(base: str):
    """A column's accessor: `obj.<base>` in the reader's language, marked where it fell back."""

    def accessor(obj):
        text = localised(obj, base)
        return in_its_language(text.text, text.language)

    return accessor


def _attribute(obj, accessor: str):
    value = obj
    for part in accessor.split("."):
        value = getattr(value, part, None)
        if callable(value):
            value = value()
        if value is None:
            return None
    return value


def _usage_label(row: dict) -> Any:
    locale = getattr(row["object"], "locale", None)
    if row["edit_url"] is None or locale is None:
        return row["label"]
    return in_its_language(row["label"], locale.language_code)


def reader_str(obj: models.Model) -> str:
    """The object's name in the reader's language. Wagtail's `get_latest_str` reads the name
    its latest revision stored, in the language of whoever saved it."""
    latest = getattr(obj, "get_latest_revision_as_object", None)
    return str(latest() if latest and getattr(obj, "latest_revision_id", None) else obj)


class ReaderInspectView(generic.InspectView):
    """Each language's column marked with its language, single-language free text with the
    language it is written in; booleans yes/no; nothing a dash."""

    def get_page_subtitle(self):
        return reader_str(self.object)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        match = _LANGUAGE_SUFFIX.match(field_name)
        if match and translated_base(self.model, field_name):
            return in_its_language(value, match["code"]) if value else EMPTY
        free_text = isinstance(field, (models.CharField, models.TextField)) and not field.choices
        if free_text and isinstance(value, str) and value:
            return in_its_language(value)
        return reader_value(value)


class ReaderUsageView(generic.UsageView):
    """Wagtail's usage screen, the object named in the reader's language and the pages that use
    it marked with their locale's language (an English country page's title is English)."""

    @cached_property
    def columns(self):
        columns = super().columns
        columns[0].accessor = _usage_label
        return columns

    def get_page_subtitle(self):
        return reader_str(self.object)

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        for item in items:
            if item.get("url") and item.get("label") == get_latest_str(self.object):
                item["label"] = reader_str(self.object)
        return items


def mark_field_languages(form) -> None:
    """Each language's input carries its `lang`: the English column's text is English."""
    for name, field in form.fields.items():
        match = _LANGUAGE_SUFFIX.match(name)
        if match and translated_base(form._meta.model, name):
            field.widget.attrs["lang"] = match["code"]


class ReaderViewSetMixin:
    index_view_class = ReaderIndexView
    inspect_view_class = ReaderInspectView
    usage_view_class = ReaderUsageView


# --- One write path: the back office's create and edit screens save through the services ------


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names when the form has that
    field, otherwise above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, ValidationError(errors))


class ServiceSaveMixin:
    """Wagtail's create/edit view whose `save_instance()` calls the viewset's service method
    instead of `form.save()`: the revision, the audit and the rules are the service's, the same
    as from any other caller. A `ValidationError` from the service is a form error, not a 500.
    Wagtail's own log entry (its history screen) is still written."""

    viewset: ServiceModelViewSet | None = None
    log_action_name = ""

    def service_fields(self) -> dict[str, Any]:
        """The form's cleaned values of the model fields it edits."""
        data = self.form.cleaned_data
        names = self.form._meta.fields or list(self.form.fields)
        return {name: data[name] for name in names if name in data}

    def call_service(self) -> models.Model:
        raise NotImplementedError

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        mark_field_languages(form)
        return form

    def save_instance(self) -> models.Model:
        instance = self.call_service()
        log(
            instance=instance,
            action=self.log_action_name,
            user=self.request.user,
            content_changed=True,
        )
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ServiceCreateView(ServiceSaveMixin, generic.CreateView):
    log_action_name = "wagtail.create"

    def call_service(self) -> models.Model:
        return self.viewset.create_instance(actor=self.request.user, fields=self.service_fields())


class ServiceCopyView(generic.CopyViewMixin, ServiceCreateView):
    pass


class ServiceEditView(ServiceSaveMixin, generic.EditView):
    log_action_name = "wagtail.edit"

    def call_service(self) -> models.Model:
        return self.viewset.update_instance(
            instance=self.object, actor=self.request.user, fields=self.service_fields()
        )


class ServiceModelViewSet(ReaderViewSetMixin, ModelViewSet):
    """A ModelViewSet whose add, copy and edit screens go through the app's services: a subclass
    implements `create_instance` and `update_instance` by calling them."""

    add_view_class = ServiceCreateView
    copy_view_class = ServiceCopyView
    edit_view_class = ServiceEditView

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(viewset=self, **kwargs)

    def create_instance(self, *, actor, fields: dict[str, Any]) -> models.Model:
        raise NotImplementedError

    def update_instance(self, *, instance: models.Model, actor, fields: dict[str, Any]):
        raise NotImplementedError


class CountryViewSet(ServiceModelViewSet):
    def create_instance(self, *, actor, fields):
        return services.country_create(**fields)

    def update_instance(self, *, instance, actor, fields):
        return services.country_update(country=instance, **fields)

    model = Country
    delete_view_class = GuardedDeleteView
    icon = "site"
    menu_label = _("Countries")
    form_fields = list(services.COUNTRY_FIELDS)  # what the service writes
    list_display = ["name_en", "name_ru", "iso_code", "is_evaluated"]
    list_filter = ["is_evaluated"]
    search_fields = ["name_en", "name_ru", "iso_code"]
    inspect_view_enabled = True


class OrganisationViewSet(ServiceModelViewSet):
    def create_instance(self, *, actor, fields):
        return services.organisation_create(**fields)

    def update_instance(self, *, instance, actor, fields):
        return services.organisation_update(organisation=instance, **fields)

    model = Organisation
    delete_view_class = GuardedDeleteView
    icon = "group"
    menu_label = _("Organisations")
    form_fields = list(services.ORGANISATION_FIELDS)  # what the service writes
    list_display = ["name_en", "name_ru", "kind", "country"]
    list_filter = ["kind", "country"]
    list_export = ["name_en", "name_ru", "kind", "country", "website"]
    search_fields = ["name_en", "name_ru"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Organisation.objects.select_related("country")


class ExpertMemberViewSet(ServiceModelViewSet):
    def create_instance(self, *, actor, fields):
        return services.expert_member_create(**fields)

    def update_instance(self, *, instance, actor, fields):
        return services.expert_member_update(expert=instance, **fields)

    model = ExpertMember
    delete_view_class = GuardedDeleteView
    icon = "user"
    menu_label = _("Expert group")
    form_fields = list(services.EXPERT_MEMBER_FIELDS)  # what the service writes
    list_display = ["__str__", "nationality", "gender", "office", "term_start", "term_end"]
    list_filter = ["nationality", "gender", "office"]
    list_export = ["__str__", "nationality", "gender", "office", "term_start", "term_end"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return ExpertMember.objects.select_related("user", "nationality")


class MembershipViewSet(ServiceModelViewSet):
    def create_instance(self, *, actor, fields):
        return services.membership_create(**fields)

    def update_instance(self, *, instance, actor, fields):
        return services.membership_update(membership=instance, **fields)

    model = Membership
    delete_view_class = GuardedDeleteView
    icon = "link"
    menu_label = _("Memberships")
    form_fields = list(services.MEMBERSHIP_FIELDS)  # what the service writes
    list_display = ["user", "organisation", "role", "is_active"]
    list_filter = ["role", "is_active", "organisation__country"]
    search_fields = ["user__username", "user__last_name", "organisation__name_en"]

    def get_queryset(self, request):
        return Membership.objects.select_related("user", "organisation")


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Viewing only, for everyone including superusers (who otherwise pass every check)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(AuditEvent, ReadOnlyPermissionPolicy(AuditEvent))


class AuditEventInspectView(ReaderInspectView):
    def get_object_type_display_value(self):
        # A model label ("auth.user"), an identifier: shown as code, not as a word.
        return (
            format_html("<code>{}</code>", self.object.object_type)
            if self.object.object_type
            else EMPTY
        )


class AuditIndexView(ReaderIndexView):
    def stream_csv(self, queryset):
        # The CSV streams after the request has ended and its language was deactivated: the
        # rows are written in the reader's language all the same.
        language = translation.get_language()
        rows = super().stream_csv(queryset)

        def in_language():
            with translation.override(language):
                yield from rows

        return in_language()


class AuditEventViewSet(ReaderViewSetMixin, ModelViewSet):
    """The audit log: the secretariat filters, inspects and exports it; nobody edits it."""

    model = AuditEvent
    index_view_class = AuditIndexView
    icon = "history"
    menu_label = _("Audit log")
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["occurred_at", "kind", "actor_name", "object_repr", "ip_address", "detail"]
    list_filter = ["kind", "occurred_at", "object_type"]
    list_export = [
        "occurred_at",
        "kind",
        "actor_name",
        "object_type",
        "object_id",
        "object_repr",
        "ip_address",
        "get_detail_display",
    ]
    export_headings = {"get_detail_display": _("detail")}
    export_filename = "audit-log"
    inspect_view_class = AuditEventInspectView
    search_fields = ["actor_name", "object_repr", "ip_address", "detail"]
    ordering = ["-occurred_at", "-pk"]

    def get_queryset(self, request):
        return access.visible(request.user, AuditEvent)

    def get_urlpatterns(self):
        # Only reading: no add, edit, delete, copy or history routes exist at all.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<str:pk>/", self.inspect_view, name="inspect"),
        ]


class CoreViewSetGroup(ModelViewSetGroup):
    menu_label = _("Expert group & partners")
    menu_icon = "globe"
    menu_order = 200
    items = (
        CountryViewSet,
        OrganisationViewSet,
        ExpertMemberViewSet,
        MembershipViewSet,
    )


class SecretariatViewSetGroup(ModelViewSetGroup):
    """The secretariat's own screens: the audit log here, and what other apps add through
    the `register_secretariat_menu_item` hook (the invitations)."""

    menu_label = _("Secretariat")
    menu_icon = "key"
    menu_order = 800
    submenu_hook = "register_secretariat_menu_item"
    items = (AuditEventViewSet,)
