"""The import screen of national figures: upload → preview (errors, or what will change) →
confirm. The work is in indicators.imports; these views read the request and answer it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from evaluation_rounds.models import EvaluationRound
from monitoring import access, table_upload

from . import imports

SESSION_KEY = "observations_import"


class ObservationImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Table of figures (.csv or .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    round = forms.ModelChoiceField(
        label=gettext_lazy("Evaluation round"),
        queryset=EvaluationRound.objects.order_by("number"),
        required=False,
        empty_label=gettext_lazy("— none: any past year —"),
        help_text=gettext_lazy(
            "When the figures answer a round, their years must lie in its reference period."
        ),
    )


def _reference_years(evaluation_round: EvaluationRound | None) -> range | None:
    return evaluation_round.reference_years if evaluation_round else None


def _page(request, context: dict, status: int = 200) -> TemplateResponse:
    return TemplateResponse(
        request,
        "indicators/admin/import.html",
        {
            "header_title": _("Import national figures"),
            "page_title": _("Import national figures"),
            "discard_url": reverse("observation_import:discard"),
            **table_upload.upload_page_context(
                columns=imports.COLUMNS, max_bytes=imports.MAX_BYTES, max_rows=imports.MAX_ROWS
            ),
            "columns_help": _(
                "The first row names the columns; one row per figure. Leave the breakdown columns"
                " blank for a total (or write _T), and fill in at most one of them for a "
                "breakdown. Codes are those of the indicator catalogue and of the download from "
                "the statistics page, which can be read back (its suppressed cells have no value:"
                " fill them in or remove those rows). See docs/statistics.md."
            ),
            **context,
        },
        status=status,
    )


@table_upload.size_limited(lambda: imports.MAX_BYTES)
def import_upload(request):
    access.require_secretariat(request.user)
    upload = table_upload.read_upload(
        request,
        ObservationImportForm,
        read_file=imports.read_file,
        too_large_message=imports.too_large,
    )
    if upload.rows is None:
        return _page(request, {"form": upload.form, "file_error": upload.error}, upload.status)
    form, rows = upload.form, upload.rows
    uploaded, evaluation_round = form.cleaned_data["file"], form.cleaned_data["round"]
    plan = imports.plan_import(rows, reference_years=_reference_years(evaluation_round))
    context = {"form": form, "plan": plan, "filename": uploaded.name, "round": evaluation_round}
    if plan.errors:
        messages.error(request, _("Nothing was saved. Correct the table and upload it again."))
        return _page(request, context, 400)
    token = table_upload.keep_preview(
        request,
        SESSION_KEY,
        filename=uploaded.name,
        round=evaluation_round.pk if evaluation_round else None,
        rows=plan.rows,
    )
    return _page(request, {**context, "token": token})


def import_preview(request):
    """The preview kept in the session, shown again (from the home page's panel, or after
    leaving it): its rows checked again now, with the confirmation form."""
    access.require_secretariat(request.user)
    pending = table_upload.kept_preview(request, SESSION_KEY)
    if pending is None:
        messages.info(request, _("No table of figures is waiting for confirmation."))
        return redirect("observation_import:upload")
    evaluation_round = EvaluationRound.objects.filter(pk=pending["round"]).first()
    plan = imports.plan_import(pending["rows"], reference_years=_reference_years(evaluation_round))
    if plan.errors:
        messages.error(request, table_upload.stale_preview_message())
    return _page(
        request,
        {
            "plan": plan,
            "filename": pending["filename"],
            "round": evaluation_round,
            "token": pending["token"],
        },
    )


@require_POST
def import_discard(request):
    access.require_secretariat(request.user)
    table_upload.discard_preview(request, SESSION_KEY)
    return redirect("observation_import:upload")


@require_POST
def import_confirm(request):
    access.require_secretariat(request.user)
    pending = table_upload.take_preview(request, SESSION_KEY)
    if pending is None:
        messages.warning(
            request,
            _("This import has already been done, or its preview expired. Nothing was saved."),
        )
        return redirect("observation_import:upload")
    evaluation_round = EvaluationRound.objects.filter(pk=pending["round"]).first()
    try:
        plan = imports.import_observations(
            rows=pending["rows"],
            actor=request.user,
            reference_years=_reference_years(evaluation_round),
            source=pending["filename"],
        )
    except ValidationError as error:
        messages.error(
            request, _("Nothing was saved: %(reason)s") % {"reason": " ".join(error.messages)}
        )
        return redirect("observation_import:upload")
    counts = plan.counts()
    messages.success(
        request,
        _("Figures saved: %(new)s new, %(changed)s changed, %(same)s unchanged.") % counts,
    )
    return redirect("observation:index")
