"""Back-office screens of the procedure, grouped in one "Procedure" menu."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from monitoring import access
from monitoring.admin_menu import StaffReaderMenuItem
from monitoring.viewsets import GuardedDeleteView

from . import admin_urls, services
from .models import CountryEvaluation, EvaluationRound, Plenary


class DeadlineDashboardViewSet(ViewSet):
    name = "procedure"
    icon = "date"
    menu_label = _("Deadline dashboard")
    menu_item_class = StaffReaderMenuItem

    def get_urlpatterns(self):
        return admin_urls.urlpatterns


class EvaluationRoundViewSet(ModelViewSet):
    model = EvaluationRound
    delete_view_class = GuardedDeleteView
    icon = "calendar-alt"
    menu_label = _("Evaluation rounds")
    form_fields = [
        "number",
        "title_en",
        "title_ru",
        "theme_en",
        "theme_ru",
        "launch_date",
        "status",
        "reply_period_months",
        "comment_period_months",
        "final_comments_period_months",
        "follow_up_period_months",
        "reference_first_year",
        "reference_last_year",
    ]
    list_display = ["number", "title_en", "status", "launch_date"]
    list_filter = ["status"]
    inspect_view_enabled = True


class PlenaryViewSet(ModelViewSet):
    model = Plenary
    delete_view_class = GuardedDeleteView
    icon = "group"
    menu_label = _("Plenary meetings")
    form_fields = ["number", "start_date", "end_date", "place_en", "place_ru"]
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


class EvaluationCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.evaluation_create(
            round=data["round"],
            country=data["country"],
            kind=data["kind"],
            urgent_reason=data.get("urgent_reason", ""),
            actor=self.request.user,
        )


class EvaluationViewSet(ModelViewSet):
    model = CountryEvaluation
    delete_view_class = GuardedDeleteView
    icon = "tasks"
    menu_label = _("Country evaluations")
    add_view_class = EvaluationCreateView
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


class ProcedureViewSetGroup(ViewSetGroup):
    menu_label = _("Procedure")
    menu_icon = "tasks"
    menu_order = 100
    submenu_hook = "register_procedure_menu_item"
    items = (DeadlineDashboardViewSet, EvaluationViewSet, EvaluationRoundViewSet, PlenaryViewSet)
