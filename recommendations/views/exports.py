"""Back-office downloads of the recommendations (CSV, XLSX, JSON) and the import screen:
upload → preview (errors, or what will be created) → confirm. The work is in
reports.exports and reports.imports; these views read the request and answer it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from evaluation_rounds.models import EvaluationRound
from monitoring import access, audit, table_upload
from monitoring.models import Country
from monitoring.params import whole_number
from recommendations import exports, imports
from recommendations.models import AssessmentStatus, Theme
from recommendations.system_messages import EXPORTED

SESSION_KEY = "reports_import"


def _filters(request) -> dict:
    """Filters from the query string; a malformed round is refused, not ignored."""
    filters: dict = {}
    country = request.GET.get("country", "").strip()
    round_number = request.GET.get("round", "").strip()
    if country:
        filters["country"] = country
    if round_number:
        if whole_number(round_number) is None:
            raise ValidationError(_("The round is a whole number, for example 1."))
        filters["round"] = whole_number(round_number)
    filters["status"] = request.GET.get("status", "").strip()
    filters["theme"] = request.GET.get("theme", "").strip()
    return filters


def export_index(request):
    access.require_staff_reader(request.user)
    return TemplateResponse(
        request,
        "recommendations/exports/index.html",
        {
            "header_title": _("Export recommendations"),
            "page_title": _("Export recommendations"),
            "header_icon": "download",
            "countries": Country.objects.filter(is_evaluated=True).order_by("name_en"),
            "rounds": EvaluationRound.objects.all(),
            "statuses": AssessmentStatus.choices,
            "themes": Theme.choices,
            "can_import": access.principal_for(request.user).is_secretariat,
        },
    )


def export_download(request, fmt: str):
    access.require_staff_reader(request.user)
    try:
        chunks = exports.staff_download(fmt, user=request.user, **_filters(request))
    except ValidationError as error:
        return HttpResponseBadRequest(" ".join(error.messages), content_type="text/plain")
    filename = f"recommendations-{timezone.localdate():%Y-%m-%d}.{fmt}"
    audit.record(
        audit.Kind.EXPORT,
        actor=request.user,
        detail=EXPORTED.encode(format=fmt, query=request.GET.urlencode(), max_length=500),
    )
    return StreamingHttpResponse(
        chunks,
        content_type=exports.DOWNLOADS[fmt],
        headers={
            "Content-Disposition": content_disposition_header(True, filename),
            "Cache-Control": "private, no-store",
        },
    )


# --- import -----------------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Recommendations file (.csv or .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


def _import_page(request, context: dict, status: int = 200):
    return TemplateResponse(
        request,
        "recommendations/exports/import.html",
        {
            "header_title": _("Import recommendations"),
            "page_title": _("Import recommendations"),
            "discard_url": reverse("recommendations:import_discard"),
            **table_upload.upload_page_context(
                columns=imports.COLUMNS, max_bytes=imports.MAX_BYTES, max_rows=imports.MAX_ROWS
            ),
            "columns_help": _(
                "The first row names the columns. Lists (themes, addressees) are separated by "
                "semicolons. See docs/api.md for the full description."
            ),
            **context,
        },
        status=status,
    )


@table_upload.size_limited(lambda: imports.MAX_BYTES)
def import_upload(request):
    access.require_secretariat(request.user)
    upload = table_upload.read_upload(
        request, ImportForm, read_file=imports.read_file, too_large_message=imports.too_large
    )
    if upload.rows is None:
        context = {"form": upload.form, "file_error": upload.error}
        return _import_page(request, context, upload.status)
    form, uploaded, rows = upload.form, upload.form.cleaned_data["file"], upload.rows
    plan = imports.plan_import(rows)
    if plan.errors:
        messages.error(request, _("Nothing was imported. Correct the file and upload it again."))
        return _import_page(request, {"form": form, "plan": plan, "filename": uploaded.name}, 400)
    token = table_upload.keep_preview(
        request,
        SESSION_KEY,
        filename=uploaded.name,
        rows=plan.confirmed_rows(),
    )
    return _import_page(
        request, {"plan": plan, "filename": uploaded.name, "token": token, "form": form}
    )


def import_preview(request):
    """The preview kept in the session, shown again (from the home page's panel, or after
    leaving it): its rows checked again now, with the confirmation form."""
    access.require_secretariat(request.user)
    pending = table_upload.kept_preview(request, SESSION_KEY)
    if pending is None:
        messages.info(request, _("No file of recommendations is waiting for confirmation."))
        return redirect("recommendations:import")
    plan = imports.plan_import(pending["rows"])
    if plan.errors:
        messages.error(request, table_upload.stale_preview_message())
    return _import_page(
        request, {"plan": plan, "filename": pending["filename"], "token": pending["token"]}
    )


@require_POST
def import_discard(request):
    access.require_secretariat(request.user)
    table_upload.discard_preview(request, SESSION_KEY)
    return redirect("recommendations:import")


@require_POST
def import_confirm(request):
    access.require_secretariat(request.user)
    pending = table_upload.take_preview(request, SESSION_KEY)
    if pending is None:
        messages.warning(
            request,
            _("This import has already been done, or its preview expired. Nothing was imported."),
        )
        return redirect("recommendations:import")
    try:
        created = imports.import_recommendations(
            rows=pending["rows"], actor=request.user, source=pending["filename"]
        )
    except ValidationError as error:
        messages.error(
            request,
            _("Nothing was imported: %(reason)s") % {"reason": " ".join(error.messages)},
        )
        return redirect("recommendations:import")
    messages.success(request, _("%(count)s recommendations imported.") % {"count": len(created)})
    return redirect("recommendations:export_index")
