"""Back office for questionnaires: the builder (questionnaires, sections, questions) and the
responses, grouped in one menu."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from monitoring import access
from monitoring.viewsets import GuardedDeleteView, ServiceModelViewSet, localised_accessor

from . import admin_views, structure_services
from .models import Question, Questionnaire, Response, Section
from .models.structure import FROZEN_MESSAGE


class FrozenGuardDeleteView(GuardedDeleteView):
    """Deleting part of a frozen questionnaire (or one that has answers) is refused clearly."""

    def dispatch(self, request, *args, **kwargs):
        instance = self.model.objects.filter(pk=kwargs.get("pk")).first()
        questionnaire = (
            getattr(instance, "questionnaire", None)
            or getattr(getattr(instance, "section", None), "questionnaire", None)
            or instance
        )
        if isinstance(questionnaire, Questionnaire) and questionnaire.is_frozen:
            messages.error(request, FROZEN_MESSAGE)
            return redirect("questionnaire_builder:detail", pk=questionnaire.pk)
        return super().dispatch(request, *args, **kwargs)


class QuestionnaireViewSet(ServiceModelViewSet):
    def create_instance(self, *, actor, fields):
        return structure_services.questionnaire_create(actor=actor, **fields)

    def update_instance(self, *, instance, actor, fields):
        return structure_services.questionnaire_update(
            questionnaire=instance, actor=actor, **fields
        )

    model = Questionnaire
    icon = "form"
    menu_label = _("Questionnaires")
    form_fields = list(structure_services.QUESTIONNAIRE_FIELDS)  # what the service writes
    list_filter = ["round", "audience"]
    copy_view_enabled = False
    delete_view_class = FrozenGuardDeleteView

    @cached_property
    def list_display(self):
        return [
            TitleColumn(
                "title_en",
                label=_("Title"),
                accessor=localised_accessor("title"),
                get_url=lambda q: reverse("questionnaire_builder:detail", args=[q.pk]),
            ),
            "round",
            "audience",
            "version",
            Column("frozen_at", label=_("Frozen")),
        ]


class SectionViewSet(ServiceModelViewSet):
    def create_instance(self, *, actor, fields):
        return structure_services.section_create(actor=actor, **fields)

    def update_instance(self, *, instance, actor, fields):
        return structure_services.section_update(section=instance, actor=actor, **fields)

    model = Section
    icon = "list-ol"
    menu_label = _("Sections")
    form_fields = list(structure_services.SECTION_FIELDS)  # what the service writes
    list_display = ["number", "title_en", "questionnaire", "theme"]
    list_filter = ["questionnaire"]
    sort_order_field = "sort_order"
    copy_view_enabled = False
    delete_view_class = FrozenGuardDeleteView


class QuestionViewSet(ServiceModelViewSet):
    def create_instance(self, *, actor, fields):
        return structure_services.question_create(actor=actor, **fields)

    def update_instance(self, *, instance, actor, fields):
        return structure_services.question_update(question=instance, actor=actor, **fields)

    model = Question
    icon = "help"
    menu_label = _("Questions")
    form_fields = list(structure_services.QUESTION_FIELDS)  # what the service writes
    list_display = ["code", "text_en", "question_type", "required", "section"]
    list_filter = ["section__questionnaire", "question_type", "required"]
    search_fields = ["code", "text_en", "text_ru"]
    sort_order_field = "sort_order"
    delete_view_class = FrozenGuardDeleteView

    def get_queryset(self, request):
        return Question.objects.select_related("section__questionnaire")


class ResponseViewSet(ServiceModelViewSet):
    def update_instance(self, *, instance, actor, fields):
        return structure_services.response_due_on_set(
            response=instance, due_on=fields["due_on"], actor=actor
        )

    model = Response
    delete_view_class = GuardedDeleteView
    icon = "doc-full"
    menu_label = _("Responses")
    add_view_enabled = False
    copy_view_enabled = False
    form_fields = ["due_on"]
    list_filter = [
        "questionnaire__round",
        "evaluation__country",
        "status",
        "questionnaire__audience",
    ]

    @cached_property
    def list_display(self):
        return [
            TitleColumn(
                "organisation",
                label=_("Organisation"),
                get_url=lambda r: reverse("questionnaire_builder:response", args=[r.pk]),
            ),
            Column("country", label=_("Country"), accessor="evaluation.country"),
            "questionnaire",
            Column("status", label=_("Status"), accessor="get_status_display"),
            "due_on",
        ]

    def get_queryset(self, request):
        return access.visible(request.user, Response).select_related(
            "organisation", "evaluation__country", "questionnaire"
        )


class BuilderViewSet(ViewSet):
    """The builder's own pages: structure overview, preview, freeze, versions, dispatch."""

    name = "questionnaire_builder"
    icon = "form"
    menu_label = _("Dispatch and deadlines")

    def get_urlpatterns(self):
        return [
            path("dispatch/", admin_views.dispatch, name="dispatch"),
            path("<int:pk>/", admin_views.questionnaire_detail, name="detail"),
            path("<int:pk>/preview/<int:section_pk>/", admin_views.preview, name="preview"),
            path("<int:pk>/freeze/", admin_views.freeze, name="freeze"),
            path("<int:pk>/new-version/", admin_views.new_version, name="new_version"),
            path("<int:pk>/clone/", admin_views.clone, name="clone"),
            path("<int:pk>/follow-up/", admin_views.follow_up_generate, name="follow_up"),
            path("responses/<int:pk>/", admin_views.response_admin, name="response"),
            path("responses/<int:pk>/reopen/", admin_views.reopen, name="reopen"),
            path(
                "responses/<int:pk>/answers/<int:question_pk>/history/",
                admin_views.answer_history,
                name="answer_history",
            ),
            path(
                "extensions/<int:pk>/decide/", admin_views.extension_decide, name="extension_decide"
            ),
        ]


class QuestionnaireViewSetGroup(ViewSetGroup):
    menu_label = _("Questionnaires")
    menu_icon = "form"
    menu_order = 110
    items = (QuestionnaireViewSet, SectionViewSet, QuestionViewSet, ResponseViewSet, BuilderViewSet)
