"""Back-office screens of the procedure: the deadline dashboard, an evaluation's page with its
timeline and actions, and a plenary's agenda. Views parse input and call services/selectors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from monitoring import access

from . import procedure_hooks, selectors, services
from .forms import DashboardFilterForm, DeadlineExtensionForm, RapporteursForm, TransitionForm
from .models import CountryEvaluation, Deadline, EvaluationRound, Plenary
from .procedure import State, next_step

DASHBOARD_PAGE_SIZE = 50


def dashboard(request):
    access.require_staff_reader(request.user)
    today = timezone.localdate()
    form = DashboardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    chosen_round = filters.get("round")
    evaluations = selectors.dashboard_queryset(
        request.user,
        today=today,
        round_id=chosen_round.pk if chosen_round else None,
        country_id=filters["country"].pk if filters.get("country") else None,
        state=filters.get("state") or None,
    )
    counts = selectors.urgency_counts(evaluations, today)
    if filters.get("urgency"):
        evaluations = evaluations.filter(selectors.urgency_filter(filters["urgency"], today))
    page = Paginator(evaluations, DASHBOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "evaluation_rounds/dashboard.html",
        {
            "header_title": _("Deadlines"),
            "page_title": _("Deadline dashboard"),
            "header_icon": "date",
            "form": form,
            "page": page,
            "rows": selectors.dashboard_rows(page.object_list, today),
            "counts": counts,
            "filter_query": query.urlencode(),
            "rounds": EvaluationRound.objects.exclude(status=EvaluationRound.Status.PREPARING),
            "today": today,
        },
    )


def round_timeline(request, round_pk: int):
    access.require_staff_reader(request.user)
    evaluation_round = get_object_or_404(EvaluationRound, pk=round_pk)
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "evaluation_rounds/round_timeline.html",
        {
            "header_title": str(evaluation_round),
            "page_title": _("Timeline"),
            "page_subtitle": str(evaluation_round),
            "header_icon": "calendar-alt",
            "timeline": selectors.round_timeline(
                request.user, round_id=evaluation_round.pk, today=today
            ),
            "timeline_round": evaluation_round,
        },
    )


def _evaluation_or_404(user, pk: int) -> CountryEvaluation:
    try:
        return selectors.evaluation_detail(user, pk)
    except CountryEvaluation.DoesNotExist:
        raise Http404 from None


def evaluation_detail(
    request,
    pk: int,
    *,
    transition_form=None,
    rapporteurs_form=None,
    extension_forms=None,
    status=200,
):
    access.require_staff_reader(request.user)
    evaluation = _evaluation_or_404(request.user, pk)
    is_secretariat = access.principal_for(request.user).is_secretariat
    rapporteurs = [r.expert for r in evaluation.rapporteurs.all()]
    extension_forms = extension_forms or {}
    deadlines = [
        (
            deadline,
            extension_forms.get(deadline.pk) or DeadlineExtensionForm(prefix=f"d{deadline.pk}"),
        )
        for deadline in evaluation.deadlines.all()
    ]
    return TemplateResponse(
        request,
        "evaluation_rounds/evaluation_detail.html",
        {
            "header_title": str(evaluation),
            "page_title": evaluation.country.name,
            "page_subtitle": evaluation.round.title,
            "header_icon": "tasks",
            "evaluation": evaluation,
            "timeline": selectors.evaluation_timeline_entries(evaluation),
            "history": selectors.evaluation_history(evaluation),
            "deadlines": deadlines,
            "rapporteurs": rapporteurs,
            "rapporteur_warnings": selectors.rapporteur_warnings(evaluation, rapporteurs),
            "can_act": is_secretariat,
            "next_step": next_step(evaluation.state),
            "transition_form": transition_form
            or (TransitionForm(evaluation=evaluation) if next_step(evaluation.state) else None),
            "rapporteurs_form": rapporteurs_form
            or RapporteursForm(initial={"experts": rapporteurs}),
            "states": [(value, label, value == evaluation.state) for value, label in State.choices],
        },
        status=status,
    )


def _add_service_error(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_POST
def evaluation_transition(request, pk: int):
    access.require_secretariat(request.user)
    evaluation = _evaluation_or_404(request.user, pk)
    form = TransitionForm(request.POST, evaluation=evaluation)
    if form.is_valid():
        try:
            step = services.evaluation_transition(
                evaluation=evaluation,
                to_state=form.cleaned_data["to_state"],
                actor=request.user,
                occurred_on=form.cleaned_data["occurred_on"],
                expected_state=form.cleaned_data["expected_state"],
                comment=form.cleaned_data["comment"],
                waiver_reason=form.cleaned_data["waiver_reason"],
                plenary=form.cleaned_data.get("plenary"),
                whole_report=form.cleaned_data.get("whole_report", True),
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(country)s moved to “%(state)s”.")
                % {"country": evaluation.country.name, "state": step.get_to_state_display()},
            )
            return redirect("procedure:evaluation", pk=pk)
    return evaluation_detail(request, pk, transition_form=form, status=400)


@require_POST
def deadline_extend(request, pk: int, deadline_pk: int):
    access.require_secretariat(request.user)
    evaluation = _evaluation_or_404(request.user, pk)
    deadline = get_object_or_404(Deadline, pk=deadline_pk, evaluation=evaluation)
    form = DeadlineExtensionForm(request.POST, prefix=f"d{deadline.pk}")
    if form.is_valid():
        try:
            services.deadline_extend(
                deadline=deadline,
                new_due_on=form.cleaned_data["new_due_on"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Deadline extended."))
            return redirect("procedure:evaluation", pk=pk)
    return evaluation_detail(request, pk, extension_forms={deadline.pk: form}, status=400)


@require_POST
def rapporteurs_update(request, pk: int):
    access.require_secretariat(request.user)
    evaluation = _evaluation_or_404(request.user, pk)
    form = RapporteursForm(request.POST)
    if form.is_valid():
        experts = list(form.cleaned_data["experts"])
        try:
            services.rapporteurs_assign(evaluation=evaluation, experts=experts, actor=request.user)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Rapporteurs saved."))
            for warning in selectors.rapporteur_warnings(evaluation, experts):
                messages.warning(request, warning)
            return redirect("procedure:evaluation", pk=pk)
    return evaluation_detail(request, pk, rapporteurs_form=form, status=400)


def plenary_agenda(request, pk: int):
    access.require_staff_reader(request.user)
    plenary = get_object_or_404(Plenary, pk=pk)
    return TemplateResponse(
        request,
        "evaluation_rounds/plenary_agenda.html",
        {
            "header_title": str(plenary),
            "page_title": _("Agenda"),
            "page_subtitle": str(plenary),
            "header_icon": "list-ul",
            "plenary": plenary,
            "items": selectors.plenary_agenda(request.user, plenary),
            "further_items": procedure_hooks.agenda_entries(request.user, plenary),
        },
    )


def procedure_guide(request):
    """The procedure step by step, read from the procedure itself, and who does what."""
    access.require_staff_reader(request.user)
    return TemplateResponse(
        request,
        "evaluation_rounds/procedure_guide.html",
        {
            "header_title": _("Procedure guide"),
            "page_title": _("Procedure guide"),
            "header_icon": "help",
            "steps": selectors.procedure_steps(),
        },
    )
