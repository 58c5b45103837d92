"""Country visits: the back-office screens (list, plan, programme, notes, files, history) and
the printable programme (HTML and PDF, never with notes) for the visited government."""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from monitoring import access, audit
from monitoring.params import whole_number
from monitoring.uploads import SAFE_CONTENT_TYPES, check_upload

from . import system_messages, visit_selectors, visit_services
from .models import CountryEvaluation, CountryVisit, EvaluationRound, VisitAttachment, VisitMeeting
from .visit_forms import AttachmentForm, MeetingForm, NoteForm, VisitForm
from .visit_pdf import programme_pdf

PAGE_SIZE = 25


def _staff(user) -> None:
    if not access.principal_for(user).is_staff_reader:
        raise PermissionDenied


def _visit_or_404(user, pk: int) -> CountryVisit:
    try:
        return visit_selectors.visit_detail(user, pk)
    except CountryVisit.DoesNotExist:
        raise Http404 from None


def visit_list(request):
    _staff(request.user)
    visits = visit_selectors.visits_for(request.user)
    round_id, country_id = request.GET.get("round", ""), request.GET.get("country", "")
    if whole_number(round_id) is not None:
        visits = visits.filter(evaluation__round_id=whole_number(round_id))
    if whole_number(country_id) is not None:
        visits = visits.filter(evaluation__country_id=whole_number(country_id))
    page = Paginator(visits, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "evaluation_rounds/visits/list.html",
        {
            "header_title": _("Country visits"),
            "page_title": _("Country visits"),
            "header_icon": "site",
            "page": page,
            "rounds": EvaluationRound.objects.all(),
            "countries": visit_selectors.visited_countries(request.user),
            "can_act": access.principal_for(request.user).is_secretariat,
        },
    )


def visit_edit(request, pk: int | None = None):
    if not access.principal_for(request.user).is_secretariat:
        raise PermissionDenied
    visit = _visit_or_404(request.user, pk) if pk else None
    initial = (
        {}
        if visit is None
        else {
            "evaluation": visit.evaluation,
            "start_date": visit.start_date,
            "end_date": visit.end_date,
            "delegation": list(visit.delegation.all()),
        }
    )
    form = VisitForm(request.POST or None, initial=initial)
    form.fields["evaluation"].queryset = access.visible(
        request.user, CountryEvaluation
    ).select_related("country", "round")
    if visit is not None:
        # visit_update moves dates and delegation; a visit never changes evaluation.
        form.fields["evaluation"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if visit is None:
                visit = visit_services.visit_create(
                    evaluation=data["evaluation"],
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    delegation=data["delegation"],
                    actor=request.user,
                )
            else:
                visit_services.visit_update(
                    visit=visit,
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    delegation=data["delegation"],
                    actor=request.user,
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Visit saved."))
            return redirect("procedure:visit", pk=visit.pk)
    return TemplateResponse(
        request,
        "evaluation_rounds/visits/edit.html",
        {
            "header_title": _("Plan a visit") if visit is None else str(visit),
            "page_title": _("Plan a visit") if visit is None else _("Edit the visit"),
            "header_icon": "site",
            "form": form,
            "visit": visit,
        },
        status=400 if form.errors else 200,
    )


def visit_detail(request, pk: int, *, meeting_form=None, status=200):
    _staff(request.user)
    visit = _visit_or_404(request.user, pk)
    insider = access.is_visit_insider(request.user, visit)
    if insider:  # the confidential notes are on the page
        audit.record(audit.Kind.VIEW_CONFIDENTIAL, actor=request.user, target=visit)
    return TemplateResponse(
        request,
        "evaluation_rounds/visits/detail.html",
        {
            "header_title": str(visit),
            "page_title": str(visit),
            "header_icon": "site",
            "visit": visit,
            "meetings": visit_selectors.programme(request.user, visit),
            "attachments": visit_selectors.attachments(request.user, visit),
            "history": visit_selectors.visit_history(visit),
            "is_insider": insider,
            "can_act": access.principal_for(request.user).is_secretariat,
            "meeting_form": meeting_form or MeetingForm(country_id=visit.evaluation.country_id),
            "note_form": NoteForm(),
            "attachment_form": AttachmentForm(),
        },
        status=status,
    )


@require_POST
def meeting_add(request, pk: int):
    visit = _visit_or_404(request.user, pk)
    form = MeetingForm(request.POST, country_id=visit.evaluation.country_id)
    if form.is_valid():
        data = form.cleaned_data
        try:
            visit_services.meeting_add(visit=visit, actor=request.user, **data)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            for field, messages_ in errors.items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            messages.success(request, _("Meeting added to the programme."))
            return redirect("procedure:visit", pk=pk)
    return visit_detail(request, pk, meeting_form=form, status=400)


def meeting_delete(request, pk: int, meeting_pk: int):
    if not access.principal_for(request.user).is_secretariat:
        raise PermissionDenied
    visit = _visit_or_404(request.user, pk)
    meeting = get_object_or_404(VisitMeeting, pk=meeting_pk, visit=visit)
    if request.method == "POST":
        visit_services.meeting_delete(meeting=meeting, actor=request.user)
        messages.success(request, _("Meeting removed from the programme."))
        return redirect("procedure:visit", pk=pk)
    return TemplateResponse(
        request,
        "evaluation_rounds/visits/confirm_delete.html",
        {
            "header_title": _("Remove a meeting"),
            "page_title": _("Remove a meeting"),
            "header_icon": "bin",
            "visit": visit,
            "meeting": meeting,
        },
    )


@require_POST
def note_save(request, pk: int, meeting_pk: int):
    visit = _visit_or_404(request.user, pk)
    meeting = get_object_or_404(VisitMeeting, pk=meeting_pk, visit=visit)
    form = NoteForm(request.POST)
    if form.is_valid():
        visit_services.meeting_note_save(
            meeting=meeting, text=form.cleaned_data["text"], actor=request.user
        )
        messages.success(request, _("Notes saved."))
    else:
        messages.error(request, _("Write the notes before saving."))
    return redirect("procedure:visit", pk=pk)


@require_POST
def attachment_upload(request, pk: int):
    visit = _visit_or_404(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Give a title and choose a file."))
        return redirect("procedure:visit", pk=pk)
    uploaded = form.cleaned_data["file"]
    try:
        checked = check_upload(uploaded)
        uploaded.name = checked.name
        visit_services.attachment_add(
            visit=visit,
            title=form.cleaned_data["title"],
            uploaded_file=uploaded,
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("File attached."))
    return redirect("procedure:visit", pk=pk)


def attachment_download(request, attachment_pk: int):
    attachment = access.visible(request.user, VisitAttachment).filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    name = attachment.file.name.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    audit.record(
        audit.Kind.VIEW_CONFIDENTIAL,
        actor=request.user,
        target=attachment,
        detail=system_messages.ATTACHMENT_DOWNLOADED.encode(),
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=name,
        # Never guessed from the name: only the types uploads are sniffed for, else bytes.
        content_type=SAFE_CONTENT_TYPES.get(extension, "application/octet-stream"),
    )


@login_required
def programme_html(request, pk: int):
    visit = _visit_or_404(request.user, pk)
    return TemplateResponse(
        request,
        "evaluation_rounds/visits/programme.html",
        {
            "visit": visit,
            "meetings": visit_selectors.public_programme(request.user, visit),
            "printed_on": timezone.localdate(),
        },
    )


@login_required
def programme_pdf_view(request, pk: int):
    visit = _visit_or_404(request.user, pk)
    buffer = BytesIO()
    programme_pdf(visit, visit_selectors.public_programme(request.user, visit), buffer)
    response = HttpResponse(buffer.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="visit-programme-{visit.evaluation.country.iso_code}-'
        f'{visit.start_date:%Y%m%d}.pdf"'
    )
    return response
