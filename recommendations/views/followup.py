"""Follow-up of published recommendations for the expert group (back office): the report's
recommendations with status, progress and latest assessment; one recommendation with its
progress updates, the assessment form, the assessment history and the history across rounds;
and the status summary across countries and rounds.

Reads go through `followup_selectors` / `selectors` (scoped by `monitoring.access`, a fixed
number of queries per page); the only write, an assessment, goes through
`services.assessment_record`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evaluation_rounds.models import EvaluationRound
from monitoring import access
from monitoring.models import Country, Organisation
from recommendations import selectors, services
from recommendations.models import OPEN_STATUSES, AssessmentStatus, Recommendation
from reports import selectors as report_selectors
from reports.forms import attach_error
from reports.models import Report

from ..forms import AssessmentForm, FollowUpFilterForm, StatusSummaryForm
from ..selectors import followup as followup_selectors

PAGE_SIZE = 25


def _staff(user) -> None:
    if not access.principal_for(user).is_staff_reader:
        raise PermissionDenied(_("The follow-up screens are for the expert group."))


def _render(request, template: str, title: str, context: dict, *, status: int = 200):
    return TemplateResponse(
        request,
        f"recommendations/followup/{template}",
        {"header_title": title, "page_title": title, "header_icon": "tasks", **context},
        status=status,
    )


def follow_up(request, pk: int):
    _staff(request.user)
    try:
        report = report_selectors.report_for(request.user, pk)
    except Report.DoesNotExist:
        raise Http404 from None
    addressees = Organisation.objects.filter(recommendations__report=report).distinct()
    form = FollowUpFilterForm(request.GET or None, addressees=addressees)
    filters = form.cleaned_data if form.is_valid() else {}
    recommendations = followup_selectors.follow_up_recommendations(
        request.user,
        report,
        status=filters.get("status", ""),
        theme=filters.get("theme", ""),
        strength=filters.get("strength", ""),
        addressee=filters.get("addressee"),
        sort=filters.get("sort") or "number",
    )
    page = Paginator(recommendations, PAGE_SIZE).get_page(request.GET.get("page"))
    return _render(
        request,
        "follow_up.html",
        _("Follow-up: %(report)s") % {"report": report},
        {
            "report": report,
            "form": form,
            "page": page,
            "days_open": followup_selectors.days_open(report),
            "open_statuses": [str(s) for s in OPEN_STATUSES],
            "status_labels": dict(AssessmentStatus.choices),
        },
    )


def recommendation(request, pk: int, *, form: AssessmentForm | None = None, status: int = 200):
    _staff(request.user)
    try:
        item = followup_selectors.recommendation_for(request.user, pk)
    except Recommendation.DoesNotExist:
        raise Http404 from None
    if form is None:
        latest = item.assessments.order_by("-cycle").values("cycle").first()
        form = AssessmentForm(initial={"cycle": latest["cycle"] if latest else 1})
    return _render(
        request,
        "recommendation.html",
        _("Recommendation %(number)s: %(country)s")
        % {"number": item.number, "country": item.report.evaluation.country.name},
        {
            "recommendation": item,
            "report": item.report,
            "status_label": dict(AssessmentStatus.choices).get(item.current_status),
            "days_open": followup_selectors.days_open(item.report),
            "form": form,
            "can_assess": item.report.is_published,
            "history": followup_selectors.assessment_history(request.user, item),
            "rounds": followup_selectors.history_across_rounds(request.user, item),
            "status_labels": dict(AssessmentStatus.choices),
        },
        status=status,
    )


@require_POST
def assess(request, pk: int):
    _staff(request.user)
    try:
        item = followup_selectors.recommendation_for(request.user, pk)
    except Recommendation.DoesNotExist:
        raise Http404 from None
    form = AssessmentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.assessment_record(
                recommendation=item,
                status=data["status"],
                reasoning_en=data["reasoning_en"],
                reasoning_ru=data["reasoning_ru"],
                cycle=data["cycle"],
                assessed_on=data["assessed_on"],
                actor=request.user,
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                _("Assessment of recommendation %(number)s recorded (cycle %(cycle)s).")
                % {"number": item.number, "cycle": data["cycle"]},
            )
            return redirect("recommendations:recommendation", pk=item.pk)
    return recommendation(request, pk, form=form, status=400)


def status_summary(request):
    _staff(request.user)
    countries = Country.objects.order_by("name_en")
    rounds = EvaluationRound.objects.order_by("number")
    form = StatusSummaryForm(request.GET or None, countries=countries, rounds=rounds)
    data = form.cleaned_data if form.is_valid() else {}
    by = data.get("by") or "country"
    country = next((c for c in countries if c.pk == data.get("country")), None)
    round_ = next((r for r in rounds if r.pk == data.get("round")), None)
    # Follow-up concerns published recommendations only: the set the public reads, whereas
    # the expert group's own scope would count every draft recommendation as "not assessed".
    published = AnonymousUser()
    rows = selectors.status_summary(user=published, by=by, country=country, round=round_)
    per_addressee = selectors.status_summary(
        user=published, by="addressee", country=country, round=round_
    )
    ageing = selectors.open_recommendations(user=request.user).filter(
        report__published_at__isnull=False
    )
    if country is not None:
        ageing = ageing.filter(report__evaluation__country=country)
    if round_ is not None:
        ageing = ageing.filter(report__evaluation__round=round_)
    page = Paginator(ageing.select_related("report__evaluation__round"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    aged = [(r, (today - timezone.localdate(r.report.published_at)).days) for r in page]
    statuses = AssessmentStatus.choices
    return _render(
        request,
        "status.html",
        _("Status of recommendations"),
        {
            "form": form,
            "by": by,
            "statuses": statuses,
            "rows": [(row, [row.counts.get(value, 0) for value, _l in statuses]) for row in rows],
            "per_addressee": sorted(
                (row for row in per_addressee if row.open), key=lambda row: -row.open
            ),
            "page": page,
            "aged": aged,
            "status_labels": dict(statuses),
        },
    )
