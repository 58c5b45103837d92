"""The government's follow-up in the portal: report progress on the published recommendations
with evidence files, submit the follow-up report, download evidence. Views parse input and call
selectors and services; every rule lives in the services and `monitoring.access`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from evaluation_rounds.procedure import State
from monitoring import access
from reports.models import Report
from reports.views.portal import government_report_or_404, refusal_message

from .. import services
from ..forms import ProgressUpdateForm
from ..models import AssessmentStatus
from ..selectors import portal as selectors


def _published_or_404(user, pk: int) -> Report:
    report = government_report_or_404(user, pk)
    if not report.is_published:
        raise Http404
    return report


@login_required
def follow_up(request, pk: int):
    report = _published_or_404(request.user, pk)
    bodies = selectors.responsible_bodies(report)
    recommendations = selectors.follow_up_recommendations(user=request.user, report=report)
    bound, status = None, 200
    if request.method == "POST":
        wanted = request.POST.get("recommendation", "")
        recommendation = next((r for r in recommendations if str(r.pk) == wanted), None)
        if recommendation is None:
            raise Http404
        bound = ProgressUpdateForm(request.POST, bodies=bodies, prefix=f"r{recommendation.pk}")
        if bound.is_valid():
            data = bound.cleaned_data
            try:
                services.progress_update_report(
                    recommendation=recommendation,
                    text=data["text"],
                    reported_on=data["reported_on"],
                    links=data["links"],
                    responsible_body=data["responsible_body"],
                    files=request.FILES.getlist(f"r{recommendation.pk}-files"),
                    actor=request.user,
                )
            except ValidationError as error:
                bound.add_service_error(error)
            except PermissionDenied as error:
                bound.add_error(None, refusal_message(error))
            else:
                messages.success(
                    request,
                    _("Progress update on recommendation %(number)s saved.")
                    % {"number": recommendation.number},
                )
                return redirect(
                    f"{reverse('portal:report_follow_up', args=[pk])}#rec-{recommendation.pk}"
                )
        status = 400
        messages.error(request, _("The update was not saved; see the message beside it."))
    body_choices = [("", ProgressUpdateForm.base_fields["responsible_body"].empty_label)]
    body_choices += [(body.pk, body.name) for body in bodies]
    for recommendation in recommendations:
        recommendation.update_form = (
            bound
            if bound is not None and bound.prefix == f"r{recommendation.pk}"
            else ProgressUpdateForm(
                bodies=bodies, body_choices=body_choices, prefix=f"r{recommendation.pk}"
            )
        )
    return TemplateResponse(
        request,
        "recommendations/portal/follow_up.html",
        {
            "report": report,
            "recommendations": recommendations,
            "statuses": AssessmentStatus.choices,
            "unsubmitted": sum(
                1 for r in recommendations for u in r.progress_updates.all() if not u.submitted
            ),
            "can_submit": access.can_submit_follow_up(request.user, report),
            "follow_up_requested": report.evaluation.state == State.FOLLOW_UP_REQUESTED,
            "deadline": selectors.follow_up_deadline(report),
        },
        status=status,
    )


@login_required
def follow_up_submit(request, pk: int):
    report = _published_or_404(request.user, pk)
    if request.method == "POST":
        try:
            count = services.follow_up_submit(report=report, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, refusal_message(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s progress update submitted as the government's follow-up report.",
                    "%(count)s progress updates submitted as the government's follow-up report.",
                    count,
                )
                % {"count": count},
            )
        return redirect("portal:report_follow_up", pk=pk)
    recommendations = selectors.follow_up_recommendations(user=request.user, report=report)
    return TemplateResponse(
        request,
        "recommendations/portal/follow_up_submit.html",
        {
            "report": report,
            "pending": [
                (r, update)
                for r in recommendations
                for update in r.progress_updates.all()
                if not update.submitted
            ],
            "can_submit": access.can_submit_follow_up(request.user, report),
            "follow_up_requested": report.evaluation.state == State.FOLLOW_UP_REQUESTED,
        },
    )


@login_required
def follow_up_update_delete(request, pk: int, update_pk: int):
    report = _published_or_404(request.user, pk)
    update = selectors.progress_update(request.user, report, update_pk)
    if update is None:
        raise Http404
    if request.method == "POST":
        try:
            services.progress_update_delete(update=update, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, refusal_message(error))
        else:
            messages.success(request, _("The progress update is deleted."))
        return redirect("portal:report_follow_up", pk=pk)
    return TemplateResponse(
        request,
        "recommendations/portal/follow_up_delete.html",
        {"report": report, "update": update},
    )


@login_required
def evidence_download(request, file_pk: int):
    stored = selectors.evidence_file(request.user, file_pk)
    if stored is None:
        raise Http404
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
