"""Back-office screens: the secretariat keeps the indicator catalogue; the expert group reads the
national figures and marks each one verified, questioned (with a query) or estimated."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from monitoring import access
from monitoring.admin_menu import SecretariatMenuItem
from monitoring.viewsets import GuardedDeleteView, ServiceModelViewSet

from . import import_views, services
from .models import Indicator, Observation


class IndicatorViewSet(ServiceModelViewSet):
    model = Indicator
    delete_view_class = GuardedDeleteView
    icon = "list-ul"
    menu_label = _("Indicator catalogue")
    form_fields = list(services.INDICATOR_FIELDS)  # what the service writes
    list_display = ["code", "name_en", "name_ru", "unit", "legal_basis", "source_type"]
    list_filter = ["unit", "legal_basis", "source_type"]
    list_export = ["code", "name_en", "name_ru", "unit", "legal_basis", "source_type"]
    search_fields = ["code", "name_en", "name_ru"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def create_instance(self, *, actor, fields):
        return services.indicator_create(actor=actor, **fields)

    def update_instance(self, *, instance, actor, fields):
        return services.indicator_update(indicator=instance, actor=actor, **fields)


class ObservationMarkForm(WagtailAdminModelForm):
    """Only the verification can be changed here; the viewset saves it through the service (its
    rules, its revision). The figures themselves come from validated tables."""

    class Meta:
        model = Observation
        fields = ["status", "query"]


class MarkOnlyPermissionPolicy(ModelPermissionPolicy):
    """Figures are neither added nor deleted one by one, not even by a superuser."""

    def user_has_permission(self, user, action):
        return action not in {"add", "delete"} and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Observation, MarkOnlyPermissionPolicy(Observation))


class ObservationViewSet(ServiceModelViewSet):
    model = Observation
    icon = "table"
    menu_label = _("National figures")
    list_display = ["country", "indicator", "year", "value", "status", "is_demonstration"]
    list_filter = ["country", "indicator", "year", "status", "is_demonstration"]
    list_export = [
        "country",
        "indicator",
        "year",
        "sex",
        "age_group",
        "exploitation_form",
        "citizenship",
        "proceedings_stage",
        "value",
        "counted_under",
        "source",
        "status",
        "query",
        "note",
    ]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_form_class(self, for_update: bool = False):
        return ObservationMarkForm

    def update_instance(self, *, instance, actor, fields):
        return services.observation_mark(
            observation=instance, status=fields["status"], user=actor, query=fields["query"] or ""
        )

    def get_queryset(self, request):
        return access.visible(request.user, Observation).select_related("country", "indicator")

    def get_urlpatterns(self):
        # Figures enter through validated tables (services.observations_save), never one by one,
        # and are not deleted from here: only listing, reading and marking.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("edit/<str:pk>/", self.edit_view, name="edit"),
            path("inspect/<str:pk>/", self.inspect_view, name="inspect"),
            path("history/<str:pk>/", self.history_view, name="history"),
            path("history-results/<str:pk>/", self.history_results_view, name="history_results"),
            path("usage/<str:pk>/", self.usage_view, name="usage"),
        ]


class ObservationImportViewSet(ViewSet):
    """The secretariat's import of a table of national figures (indicators.imports)."""

    name = "observation_import"
    icon = "upload"
    menu_label = _("Import figures")
    menu_item_class = SecretariatMenuItem

    @cached_property
    def menu_url(self):
        return reverse("observation_import:upload")

    def get_urlpatterns(self):
        return [
            path("", import_views.import_upload, name="upload"),
            path("preview/", import_views.import_preview, name="preview"),
            path("confirm/", import_views.import_confirm, name="confirm"),
            path("discard/", import_views.import_discard, name="discard"),
        ]


class StatisticsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Statistics")
    menu_icon = "table"
    menu_order = 260
    items = (IndicatorViewSet, ObservationViewSet, ObservationImportViewSet)
