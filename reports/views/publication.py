"""Publication of a report (secretariat only): the confirmation page summarising what becomes
public, the atomic publication, corrections as new versions, and the publication history.

The services decide (`report_publish`, `report_correction_open`) and write the published
version (a `ReportPublication` row); these views show their refusals and the versions.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from evaluation_rounds.procedure import ORDER, State

from .. import replies, services
from ..adoption_forms import StageApprovalForm
from ..forms import CorrectionForm, PublishForm, attach_error
from ..models import Report
from ..selectors import publication as publication_selectors
from .editor import secretariat_report


def _render(request, template: str, title: str, context: dict, *, status: int = 200):
    return TemplateResponse(
        request,
        f"reports/publication/{template}",
        {"header_title": title, "page_title": title, "header_icon": "doc-full", **context},
        status=status,
    )


def publish(request, pk: int):
    report = secretariat_report(request, pk)
    initial = {"correction_note": report.correction_note} if report.correction_open else {}
    plan = replies.reply_plan(report)
    form = PublishForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        correction=report.correction_open,
        government_reply=not report.is_published and any(p.is_government for p in plan),
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_publish(
                report=report,
                actor=request.user,
                correction_note=form.cleaned_data.get("correction_note", ""),
                hold_back_government_reply=form.cleaned_data.get(
                    "hold_back_government_reply", False
                ),
                hold_back_reason=form.cleaned_data.get("hold_back_reason", ""),
            )
        except ValidationError as error:
            attach_error(form, error)
            report.refresh_from_db()
        else:
            messages.success(
                request,
                _("The report is published (version %(version)s).") % {"version": report.version},
            )
            return redirect("reports:publish", pk=report.pk)
    evaluation = report.evaluation
    return _render(
        request,
        "publish.html",
        _("Publish: %(report)s") % {"report": report},
        {
            "report": report,
            "form": form,
            "summary": publication_selectors.publication_summary(request.user, report),
            "history": publication_selectors.publication_history(report),
            "replies": plan,
            "can_publish": not report.is_published or report.correction_open,
            "too_early": ORDER[evaluation.state] < ORDER[State.FINAL_COMMENTS],
        },
        status=400 if form.errors else 200,
    )


def correction_open(request, pk: int):
    report = secretariat_report(request, pk)
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_correction_open(
                report=report, note=form.cleaned_data["correction_note"], actor=request.user
            )
        except ValidationError as error:
            attach_error(form, error)
            report.refresh_from_db()
        else:
            messages.success(
                request,
                _(
                    "A correction is open. Edit the report, then publish the correction as a "
                    "new version."
                ),
            )
            return redirect("reports:publish", pk=report.pk)
    return _render(
        request,
        "correction.html",
        _("Open a correction: %(report)s") % {"report": report},
        {"report": report, "form": form},
        status=400 if form.errors else 200,
    )


_STEP_WORDS = {
    Report.Stage.APPROVED: (
        _lazy("Record the expert group's approval of this draft"),
        _lazy(
            "The draft stays inside the expert group. Record its approval once the plenary "
            "has approved it; then it can be sent to the government."
        ),
    ),
    Report.Stage.SENT_FOR_COMMENTS: (
        _lazy("Send this report to the government"),
        _lazy(
            "From now on the government's contact person and officials of %(country)s read "
            "this report in the portal. This cannot be undone."
        ),
    ),
}


def stage_advance(request, pk: int):
    """A report with a procedure of its own (a follow-up report) takes its next step: the
    confirmation page, then the step (the service refuses anything but the next one, so a
    second click of the same button changes nothing)."""
    report = secretariat_report(request, pk)
    if request.method == "POST":
        approval = StageApprovalForm(request.POST)
        decided = approval.cleaned_data if approval.is_valid() else {}
        try:
            services.report_stage_advance(
                report=report,
                to_stage=request.POST.get("to_stage", ""),
                actor=request.user,
                plenary=decided.get("plenary"),
                whole_report=decided.get("whole_report", False),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The report's stage is now: %(stage)s.")
                % {"stage": Report.Stage(report.own_stage).label},
            )
        return redirect("reports:editor", pk=report.pk)
    next_stage = (
        None
        if report.follows_procedure or report.is_published
        else services.OWN_STAGE_STEPS.get(report.own_stage)
    )
    button, explanation = _STEP_WORDS.get(next_stage, ("", ""))
    return _render(
        request,
        "stage.html",
        _("Stage: %(report)s") % {"report": report},
        {
            "report": report,
            "stage_label": Report.Stage(report.stage).label,
            "next_stage": next_stage,
            "button": button,
            "explanation": explanation % {"country": report.evaluation.country.name}
            if explanation
            else "",
            "approval_form": StageApprovalForm() if next_stage == Report.Stage.APPROVED else None,
        },
    )
