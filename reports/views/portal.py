"""The government's side of reports in the portal: read the draft, comment on it, submit the
comments (progress on the recommendations: recommendations.views.portal). Views parse input and
call selectors and services; every rule lives in the services and `monitoring.access`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from monitoring import access, audit

from .. import services
from ..forms import CommentForm
from ..models import GovernmentComment, Paragraph, Report
from ..selectors import portal as selectors

FINAL_STAGES = (Report.Stage.FINAL_ADOPTED, Report.Stage.FINAL_COMMENTS)


def government_report_or_404(user, pk: int) -> Report:
    report = selectors.government_report(user, pk)
    if report is None:
        raise Http404
    return report


def refusal_message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not do this.")


@login_required
def report_detail(request, pk: int):
    report = government_report_or_404(request.user, pk)
    if not report.is_published:
        audit.record(audit.Kind.VIEW_DRAFT, actor=request.user, target=report)
    return TemplateResponse(
        request,
        "reports/portal/report.html",
        {
            "report": report,
            "stage": Report.Stage(report.stage).label,
            # Adopted, awaiting the government's final comments: no longer a draft, not yet
            # public.
            "is_final": report.stage in FINAL_STAGES,
            "page": selectors.report_page(user=request.user, report=report),
            "period": selectors.comment_period(report),
            "can_submit": access.can_submit_comments(request.user, report),
        },
    )


def _target(user, report: Report, form: CommentForm) -> dict:
    """The paragraph or recommendation commented on, looked up within the report."""
    target = {}
    if form.cleaned_data.get("recommendation"):
        target["recommendation"] = (
            access.visible(user, report.recommendations.all())
            .filter(pk=form.cleaned_data["recommendation"])
            .first()
        )
        if target["recommendation"] is None:
            raise ValidationError(_("This recommendation is not in the report."))
    elif form.cleaned_data.get("paragraph"):
        target["paragraph"] = (
            access.visible(user, Paragraph)
            .filter(chapter__report=report, pk=form.cleaned_data["paragraph"])
            .first()
        )
        if target["paragraph"] is None:
            raise ValidationError(_("This paragraph is not in the report."))
    return target


def _comment_form_page(request, report, form, *, comment=None, status=400):
    return TemplateResponse(
        request,
        "reports/portal/comment_form.html",
        {"report": report, "form": form, "comment": comment},
        status=status,
    )


@login_required
@require_POST
def comment_add(request, pk: int):
    report = government_report_or_404(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_add(
                report=report,
                text=form.cleaned_data["text"],
                actor=request.user,
                **_target(request.user, report, form),
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, refusal_message(error))
        else:
            messages.success(request, _("Your comment is saved. It is not yet submitted."))
            return redirect(f"{reverse('portal:report', args=[pk])}#comment-{comment.pk}")
    return _comment_form_page(request, report, form)


def _comment_or_404(request, report: Report, comment_pk: int) -> GovernmentComment:
    comment = selectors.editable_comment(request.user, report, comment_pk)
    if comment is None:
        raise Http404
    return comment


def _refused_change(request, comment: GovernmentComment):
    """Back to the report, saying why, when the signed-in person may not change the comment."""
    if services.may_change_comment(comment=comment, actor=request.user):
        return None
    messages.error(request, _("Only the comment's author or the contact person may change it."))
    return redirect(f"{reverse('portal:report', args=[comment.report_id])}#comment-{comment.pk}")


@login_required
def comment_edit(request, pk: int, comment_pk: int):
    report = government_report_or_404(request.user, pk)
    comment = _comment_or_404(request, report, comment_pk)
    if request.method != "POST":
        if refused := _refused_change(request, comment):
            return refused
        form = CommentForm(initial={"text": comment.text})
        return _comment_form_page(request, report, form, comment=comment, status=200)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_update(
                comment=comment, text=form.cleaned_data["text"], actor=request.user
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, refusal_message(error))
        else:
            messages.success(request, _("Your comment is saved."))
            return redirect(f"{reverse('portal:report', args=[pk])}#comment-{comment.pk}")
    return _comment_form_page(request, report, form, comment=comment)


@login_required
def comment_delete(request, pk: int, comment_pk: int):
    report = government_report_or_404(request.user, pk)
    comment = _comment_or_404(request, report, comment_pk)
    if request.method == "POST":
        try:
            services.comment_delete(comment=comment, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, refusal_message(error))
        else:
            messages.success(request, _("The comment is deleted."))
        return redirect("portal:report", pk=pk)
    if refused := _refused_change(request, comment):
        return refused
    return TemplateResponse(
        request, "reports/portal/comment_delete.html", {"report": report, "comment": comment}
    )


@login_required
def comments_submit(request, pk: int):
    report = government_report_or_404(request.user, pk)
    if request.method == "POST":
        try:
            count = services.comments_submit(report=report, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, refusal_message(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s comment submitted as the government's comments. It is locked.",
                    "%(count)s comments submitted as the government's comments. They are locked.",
                    count,
                )
                % {"count": count},
            )
        return redirect("portal:report", pk=pk)
    period = selectors.comment_period(report)
    page = selectors.report_page(user=request.user, report=report)
    return TemplateResponse(
        request,
        "reports/portal/submit.html",
        {
            "report": report,
            "period": period,
            "pending": [c for c in page.in_progress if c.kind == period.kind],
            "can_submit": access.can_submit_comments(request.user, report),
        },
    )
