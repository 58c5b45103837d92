"""Back-office pages of the questionnaire builder and of responses (secretariat actions)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from evaluation_rounds.models import CountryEvaluation, EvaluationRound
from evaluation_rounds.procedure import State
from monitoring import access
from monitoring.form_fields import BoundedModelMultipleChoiceField
from monitoring.models import Organisation
from monitoring.params import whole_number

from . import history, selectors, services, structure_services
from .forms import ReopenForm
from .models import Answer, ExtensionRequest, Question, Questionnaire, Response, Section
from .portal_views import question_rows_for_preview


def _staff(user) -> None:
    if not access.principal_for(user).is_staff_reader:
        raise PermissionDenied


def _secretariat(user) -> None:
    if not access.principal_for(user).is_secretariat:
        raise PermissionDenied


def _run(request, action, success: str) -> bool:
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True


def questionnaire_detail(request, pk: int):
    _staff(request.user)
    questionnaire = get_object_or_404(access.visible(request.user, Questionnaire), pk=pk)
    sections = questionnaire.sections.prefetch_related("questions__country")
    return TemplateResponse(
        request,
        "questionnaires/admin/detail.html",
        {
            "header_title": str(questionnaire),
            "page_title": questionnaire.title,
            "page_subtitle": _("version %(version)s") % {"version": questionnaire.version},
            "header_icon": "form",
            "questionnaire": questionnaire,
            "sections": sections,
            "question_count": Question.objects.filter(section__questionnaire=questionnaire).count(),
            "rounds": EvaluationRound.objects.exclude(pk=questionnaire.round_id),
            "responses": selectors.responses_for(request.user).filter(questionnaire=questionnaire),
            "can_act": access.principal_for(request.user).is_secretariat,
        },
    )


def preview(request, pk: int, section_pk: int):
    """The section exactly as a respondent sees it in the portal, with no answers."""
    _staff(request.user)
    questionnaire = get_object_or_404(access.visible(request.user, Questionnaire), pk=pk)
    section = get_object_or_404(Section, pk=section_pk, questionnaire=questionnaire)
    return TemplateResponse(
        request,
        "questionnaires/admin/preview.html",
        {
            "questionnaire": questionnaire,
            "section": section,
            "sections": questionnaire.sections.all(),
            "rows": question_rows_for_preview(section),
            "can_edit": False,
        },
    )


@require_POST
def freeze(request, pk: int):
    _secretariat(request.user)
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    _run(
        request,
        lambda: structure_services.questionnaire_freeze(
            questionnaire=questionnaire, actor=request.user
        ),
        _("The questionnaire is frozen: it can now be sent, and no longer changes."),
    )
    return redirect("questionnaire_builder:detail", pk=pk)


@require_POST
def new_version(request, pk: int):
    _secretariat(request.user)
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    copy = structure_services.questionnaire_new_version(
        questionnaire=questionnaire, actor=request.user
    )
    messages.success(
        request,
        _("Version %(version)s created; edit it, then freeze it.") % {"version": copy.version},
    )
    return redirect("questionnaire_builder:detail", pk=copy.pk)


@require_POST
def clone(request, pk: int):
    _secretariat(request.user)
    source = get_object_or_404(Questionnaire, pk=pk)
    round_id = request.POST.get("round", "")
    target = EvaluationRound.objects.filter(pk=whole_number(round_id) or 0).first()
    if target is None:
        messages.error(request, _("Choose the round to copy the questionnaire into."))
        return redirect("questionnaire_builder:detail", pk=pk)
    result = {}

    def copy():
        result["copy"] = structure_services.questionnaire_clone(
            source=source, round=target, actor=request.user
        )

    if _run(request, copy, _("Questionnaire copied into %(round)s.") % {"round": target}):
        return redirect("questionnaire_builder:detail", pk=result["copy"].pk)
    return redirect("questionnaire_builder:detail", pk=pk)


class DispatchForm(forms.Form):
    evaluation = forms.ModelChoiceField(
        CountryEvaluation.objects.filter(
            state__in=[State.PREPARING, State.QUESTIONNAIRE_SENT]
        ).select_related("country", "round"),
        label=gettext_lazy("Country evaluation"),
    )
    questionnaire = forms.ModelChoiceField(
        Questionnaire.objects.filter(audience="government", frozen_at__isnull=False),
        label=gettext_lazy("Government questionnaire"),
    )
    civil_society_questionnaire = forms.ModelChoiceField(
        Questionnaire.objects.filter(audience="civil_society", frozen_at__isnull=False),
        label=gettext_lazy("Civil-society questionnaire"),
        required=False,
    )
    ngos = BoundedModelMultipleChoiceField(
        Organisation.objects.filter(kind="ngo").select_related("country"),
        label=gettext_lazy("NGOs invited"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def dispatch(request):
    _secretariat(request.user)
    form = DispatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            responses = structure_services.questionnaire_dispatch(
                evaluation=data["evaluation"],
                questionnaire=data["questionnaire"],
                civil_society_questionnaire=data["civil_society_questionnaire"],
                ngos=data["ngos"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Questionnaire sent: %(count)s responses are open.") % {"count": len(responses)},
            )
            return redirect("response:index")
    return TemplateResponse(
        request,
        "questionnaires/admin/dispatch.html",
        {
            "header_title": _("Send a questionnaire"),
            "page_title": _("Send a questionnaire"),
            "header_icon": "mail",
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def response_admin(request, pk: int):
    _staff(request.user)
    response = get_object_or_404(selectors.responses_for(request.user), pk=pk)
    progress, overall = selectors.response_progress(response)
    return TemplateResponse(
        request,
        "questionnaires/admin/response.html",
        {
            "header_title": str(response),
            "page_title": response.organisation.name,
            "page_subtitle": response.questionnaire.title,
            "header_icon": "doc-full",
            "response": response,
            "progress": progress,
            "overall": overall,
            "answers": access.visible(request.user, Answer)
            .filter(response=response)
            .select_related("question", "updated_by")
            .order_by("question__section__sort_order", "question__sort_order"),
            "extension_requests": response.extension_requests.select_related(
                "requested_by", "decided_by"
            ),
            "reopen_form": ReopenForm(),
            "can_act": access.principal_for(request.user).is_secretariat,
        },
    )


@require_POST
def reopen(request, pk: int):
    _secretariat(request.user)
    response = get_object_or_404(Response, pk=pk)
    _run(
        request,
        lambda: services.response_reopen(
            response=response, actor=request.user, reason=request.POST.get("reason", "")
        ),
        _("The response is reopened; the respondents can change it and submit again."),
    )
    return redirect("questionnaire_builder:response", pk=pk)


@require_POST
def extension_decide(request, pk: int):
    _secretariat(request.user)
    extension = get_object_or_404(ExtensionRequest, pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("grant", "refuse"):  # no button pressed: no refusal by default
        messages.error(request, _("Choose whether to grant or refuse the extension."))
        return redirect("questionnaire_builder:response", pk=extension.response_id)
    grant = decision == "grant"
    _run(
        request,
        lambda: services.extension_decide(
            request=extension, grant=grant, actor=request.user, note=request.POST.get("note", "")
        ),
        _("Extension granted.") if grant else _("Extension refused."),
    )
    return redirect("questionnaire_builder:response", pk=extension.response_id)


def answer_history(request, pk: int, question_pk: int):
    _staff(request.user)
    response = get_object_or_404(selectors.responses_for(request.user), pk=pk)
    answer = get_object_or_404(
        access.visible(request.user, Answer).select_related(
            "question", "response__organisation", "response__evaluation"
        ),
        response=response,
        question_id=question_pk,
    )
    if request.method == "POST":
        _secretariat(request.user)
        version_id = request.POST.get("version", "")
        _run(
            request,
            lambda: history.answer_restore(
                answer=answer,
                version_id=whole_number(version_id) or 0,
                actor=request.user,
            ),
            _("The earlier version is restored as a new version."),
        )
        return redirect("questionnaire_builder:answer_history", pk=pk, question_pk=question_pk)
    return TemplateResponse(
        request,
        "questionnaires/admin/answer_history.html",
        {
            "header_title": _("History of answer %(code)s") % {"code": answer.question.code},
            "page_title": _("History of answer %(code)s") % {"code": answer.question.code},
            "page_subtitle": response.organisation.name,
            "header_icon": "history",
            "response": response,
            "answer": answer,
            "entries": history.answer_history(answer, request.user),
            "can_restore": access.principal_for(request.user).is_secretariat,
        },
    )


@require_POST
def follow_up_generate(request, pk: int):
    _secretariat(request.user)
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    section_id = request.POST.get("section", "")
    section = get_object_or_404(
        Section, pk=whole_number(section_id) or 0, questionnaire=questionnaire
    )
    result = {}

    def generate():
        result["created"] = structure_services.follow_up_questions_from_reports(
            questionnaire=questionnaire, section=section, actor=request.user
        )

    _run(request, generate, _("Follow-up questions generated."))
    if "created" in result:
        messages.info(request, _("%(count)s new questions.") % {"count": len(result["created"])})
    return redirect("questionnaire_builder:detail", pk=pk)
