"""Back-office screens of the procedure, grouped in one "Procedure" menu."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from monitoring import access
from monitoring.admin_menu import StaffReaderMenuItem
from monitoring.viewsets import GuardedDeleteView, ServiceModelViewSet

from . import admin_urls, services
from .models import CountryEvaluation, EvaluationRound, Plenary


class DeadlineDashboardViewSet(ViewSet):
    name = "procedure"
    icon = "date"
    menu_label = _("Deadline dashboard")
    menu_item_class = StaffReaderMenuItem

    def get_urlpatterns(self):
        return admin_urls.urlpatterns


class EvaluationRoundViewSet(ServiceModelViewSet):
    model = EvaluationRound
    delete_view_class = GuardedDeleteView
    icon = "calendar-alt"
    menu_label = _("Evaluation rounds")
    form_fields = list(services.ROUND_FIELDS)  # what the service writes
    list_display = ["number", "title_en", "status", "launch_date"]
    list_filter = ["status"]
    inspect_view_enabled = True

    def create_instance(self, *, actor, fields):
        return services.round_create(actor=actor, **fields)

    def update_instance(self, *, instance, actor, fields):
        return services.round_update(evaluation_round=instance, actor=actor, **fields)


class PlenaryViewSet(ServiceModelViewSet):
    model = Plenary
    delete_view_class = GuardedDeleteView
    icon = "group"
    menu_label = _("Plenary meetings")
    form_fields = list(services.PLENARY_FIELDS)  # what the service writes
    list_display = [
        "number",
        "start_date",
        "end_date",
        "place_en",
        TitleColumn(
            "agenda",
            label=_("Agenda"),
            accessor=lambda plenary: _("Agenda"),
            get_url=lambda plenary: reverse("procedure:agenda", args=[plenary.pk]),
        ),
    ]

    def create_instance(self, *, actor, fields):
        return services.plenary_create(actor=actor, **fields)

    def update_instance(self, *, instance, actor, fields):
        return services.plenary_update(plenary=instance, actor=actor, **fields)


class EvaluationViewSet(ServiceModelViewSet):
    model = CountryEvaluation
    delete_view_class = GuardedDeleteView
    icon = "tasks"
    menu_label = _("Country evaluations")
    form_fields = ["round", "country", "kind", "urgent_reason"]
    list_filter = ["round", "country", "state", "kind"]
    copy_view_enabled = False

    @cached_property
    def list_display(self):
        return [
            TitleColumn(
                "country",
                label=_("Country"),
                get_url=lambda evaluation: reverse("procedure:evaluation", args=[evaluation.pk]),
            ),
            "round",
            "kind",
            Column("state", label=_("Current step"), accessor="get_state_display"),
        ]

    def get_queryset(self, request):
        return access.visible(request.user, CountryEvaluation).select_related("round", "country")

    def create_instance(self, *, actor, fields):
        return services.evaluation_create(actor=actor, **fields)

    def update_instance(self, *, instance, actor, fields):
        return services.evaluation_update(evaluation=instance, actor=actor, **fields)


class ProcedureViewSetGroup(ViewSetGroup):
    menu_label = _("Procedure")
    menu_icon = "tasks"
    menu_order = 100
    submenu_hook = "register_procedure_menu_item"
    items = (DeadlineDashboardViewSet, EvaluationViewSet, EvaluationRoundViewSet, PlenaryViewSet)
