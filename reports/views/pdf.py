"""The report's PDF, from the three faces. Each view finds the report through the face's own
access-scoped selector, so a draft reaches only the expert group and the evaluated government.

The public PDF is printed for nobody in particular (the same file for every reader): it is
rendered once per published version and language, after the publication commits, stored on its
`ReportPublication` row and served from there; drafts are printed per reader and never kept."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.text import slugify

from monitoring import audit
from monitoring.i18n import active_language

from .. import selectors
from ..models import Report
from ..pdf import render_report_pdf
from ..pdf_content import report_content
from ..publication_tasks import publication_pdf
from ..selectors import portal as portal_selectors
from ..system_messages import PDF_READ
from .editor import staff_report


def _pdf_response(report: Report, data: bytes, *, is_draft: bool) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    name = slugify(f"{report.evaluation.country.name_en} round {report.evaluation.round.number}")
    suffix = "-draft" if is_draft else f"-v{report.version}"
    response["Content-Disposition"] = f'inline; filename="{name}{suffix}.pdf"'
    if is_draft:
        response["Cache-Control"] = "private, no-store"
    return response


def _for_reader(user, report: Report) -> HttpResponse:
    content = report_content(user=user, report=report)
    if content.is_draft:  # a draft PDF can leave the building: who took one is on record
        audit.record(audit.Kind.VIEW_DRAFT, actor=user, target=report, detail=PDF_READ.encode())
    return _pdf_response(report, render_report_pdf(content), is_draft=content.is_draft)


def back_office_pdf(request, pk: int):
    """The expert group's copy: the draft (watermarked, with the reader's name) until published."""
    return _for_reader(request.user, staff_report(request, pk))


@login_required
def portal_pdf(request, pk: int):
    """The evaluated government's copy of its draft, or of its published report."""
    report = portal_selectors.government_report(request.user, pk)
    if report is None:
        raise Http404
    return _for_reader(request.user, report)


def public_pdf(request, pk: int):
    """The published report: the frozen text of its latest published version."""
    report = selectors.published_reports().filter(pk=pk).first()
    if report is None:
        raise Http404
    publication = report.publication
    field = publication.pdf_field(active_language())
    if not field:  # not rendered yet (the task has not run): rendered once, then stored
        publication = publication_pdf(publication_id=publication.pk, language=active_language())
        field = publication.pdf_field(active_language())
    with field.open("rb") as stored:
        data = stored.read()
    response = _pdf_response(report, data, is_draft=False)
    response["Cache-Control"] = "public, max-age=3600"
    return response
