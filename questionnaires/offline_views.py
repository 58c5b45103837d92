"""Portal views for working offline: download the workbook, upload it filled in, print a PDF.
The work is done in questionnaires.offline (build, read, apply); these views only read the
request and answer it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from monitoring import table_upload
from monitoring.uploads import max_upload_bytes

from . import pdf, selectors
from .models import Response
from .offline import apply, build, control

PDF_CONTENT_TYPE = "application/pdf"


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label=gettext_lazy("Filled-in workbook (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": f".xlsx,{control.XLSX_CONTENT_TYPE}"},
        ),
    )


def _response_or_404(user, pk: int) -> Response:
    response = selectors.responses_for(user).filter(pk=pk).first()
    if response is None:
        raise Http404
    return response


def _filename(response: Response, extension: str) -> str:
    country = response.evaluation.country.iso_code.lower()
    organisation = slugify(response.organisation.name_en)[:60] or "response"
    return f"{country}-{organisation}-{timezone.localdate():%Y-%m-%d}.{extension}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=content_type,
        headers={
            "Content-Disposition": content_disposition_header(True, filename),
            "Cache-Control": "private, no-store",
        },
    )


@login_required
def workbook_download(request, pk: int):
    response = _response_or_404(request.user, pk)
    content = build.workbook_build(response=response, user=request.user)
    return _download(content, control.XLSX_CONTENT_TYPE, _filename(response, "xlsx"))


@login_required
def response_pdf(request, pk: int):
    response = _response_or_404(request.user, pk)
    content = pdf.response_pdf(response=response, user=request.user)
    return _download(content, PDF_CONTENT_TYPE, _filename(response, "pdf"))


@table_upload.size_limited(max_upload_bytes)
@login_required
def workbook_upload(request, pk: int):
    response = _response_or_404(request.user, pk)
    form = WorkbookUploadForm()
    errors: list[control.WorkbookError] = []
    status = 200
    if request.method == "POST":
        form = WorkbookUploadForm(request.POST, request.FILES)
        if getattr(request, "upload_too_large", False):
            errors = [control.WorkbookError(table_upload.too_large(max_upload_bytes()))]
            status = 413
        elif form.is_valid():
            result = apply.workbook_import(
                response=response,
                uploaded_file=form.cleaned_data["workbook"],
                actor=request.user,
            )
            if result.ok:
                messages.success(
                    request, _("Workbook uploaded: %(summary)s") % {"summary": result.summary}
                )
                return redirect("portal:response", pk=pk)
            errors = result.errors
            status = 423 if response.is_locked else 400
        else:
            status = 400
        if errors:
            messages.error(
                request, _("Nothing was saved. Correct the workbook and upload it again.")
            )
    return TemplateResponse(
        request,
        "questionnaires/portal/workbook_upload.html",
        {
            "response": response,
            "form": form,
            "errors": errors,
            "max_upload_mb": round(max_upload_bytes() / 1048576, 1),
        },
        status=status,
    )
