"""The respondents' portal for questionnaires: read, answer (autosave or a plain Save button),
share sections, ask for more time, and submit. Views parse input and call services."""

from __future__ import annotations

import logging
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db import DatabaseError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from monitoring import access
from monitoring.params import whole_number

from . import selectors, services, types
from .forms import AssignmentForm, ExtensionRequestForm
from .models import AnswerFile, Response, Section

logger = logging.getLogger(__name__)


def _response_or_404(user, pk: int) -> Response:
    try:
        return selectors.responses_for(user).get(pk=pk)
    except Response.DoesNotExist:
        raise Http404 from None


def _section_or_404(response: Response, section_pk: int) -> Section:
    return get_object_or_404(Section, pk=section_pk, questionnaire_id=response.questionnaire_id)


def _refusal(error: ValidationError | PermissionDenied) -> str:
    """The service's reason, for a message (PermissionDenied carries one string or none)."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not do this.")


def _session_ended_message() -> str:
    return _(
        "Your session has ended, so this answer is not saved. Sign in again in a new tab, "
        "then come back and save again: your text stays on this page."
    )


def _too_large_message() -> str:
    return _("This answer is too long to save: shorten it or split it.")


def autosave_texts() -> dict[str, str]:
    """What the autosave script needs from the page, as JSON data (the page's
    Content-Security-Policy allows no inline script); its words come from the JavaScript
    catalogue."""
    return {"login_url": reverse(settings.LOGIN_URL)}


@login_required
def response_overview(request, pk: int):
    response = _response_or_404(request.user, pk)
    progress, overall = selectors.response_progress(response)
    can_submit = access.can_submit_response(request.user, response)
    is_contact = can_submit and not response.is_civil_society
    assignment_forms = (
        {
            row.section.pk: AssignmentForm(
                country_id=response.organisation.country_id,
                initial={"assignee": row.assignee},
                prefix=f"s{row.section.pk}",
            )
            for row in progress
        }
        if is_contact and not response.is_locked
        else {}
    )
    return TemplateResponse(
        request,
        "questionnaires/portal/response.html",
        {
            "response": response,
            "progress": [
                (
                    row,
                    assignment_forms.get(row.section.pk),
                    access.can_edit_section(request.user, response, row.section),
                )
                for row in progress
            ],
            "overall": overall,
            "can_submit": can_submit,
            "is_contact": is_contact,
            "extension_form": ExtensionRequestForm()
            if can_submit and not response.is_locked
            else None,
            "pending_extension": response.extension_requests.filter(status="pending").first(),
        },
    )


def _question_rows(request, response, section, posted=None, results=None):
    """Each question with its stored answer, what was posted, and its errors or conflict."""
    answers = selectors.section_answers(response, section, request.user)
    rows = []
    for question in selectors.questions_for(response).filter(section=section):
        answer = answers.get(question.pk)
        result = (results or {}).get(question.pk)
        rows.append(
            {
                "question": question,
                "answer": answer,
                "value": (result.posted if result and not result.saved else None)
                or (answer.value if answer else {}),
                "version": answer.version if answer else 0,
                "confidential": result.confidential
                if result and not result.saved and result.confidential is not None
                else bool(answer and answer.is_confidential),
                "errors": result.errors if result else {},
                "conflict": result.conflict if result else None,
                "mine": types.as_text(question, result.posted)
                if result and result.conflict
                else "",
                "theirs": types.as_text(question, result.conflict.value)
                if result and result.conflict
                else "",
                "name": types.prefix(question),
                "widget": types.answer_type(question).widget_template,
                "autosaves": types.answer_type(question).form_saved,
                "takes_files": types.answer_type(question).takes_files,
                "layout": _widget_layout(question, answer, result),
            }
        )
    return rows


def _widget_layout(question, answer, result):
    """What the question type's widget needs beyond the value (a grid, entry rows)."""
    value = (result.posted if result and not result.saved else None) or (
        answer.value if answer else {}
    )
    return types.answer_type(question).widget_layout(
        question, value or {}, result.errors if result else {}
    )


def question_rows_for_preview(section: Section) -> list[dict]:
    """Rows for the builder's preview: the same widgets, no response, nothing filled in."""
    return [
        {
            "question": question,
            "answer": None,
            "value": {},
            "version": 0,
            "confidential": False,
            "errors": {},
            "conflict": None,
            "name": types.prefix(question),
            "widget": types.answer_type(question).widget_template,
            "autosaves": types.answer_type(question).form_saved,
            "takes_files": types.answer_type(question).takes_files,
            "layout": _widget_layout(question, None, None),
        }
        for question in section.questions.filter(country__isnull=True)
    ]


class _Result:
    def __init__(self, saved_result, posted, confidential=None):
        self.saved = saved_result.saved
        self.errors = saved_result.errors
        self.conflict = saved_result.conflict
        self.posted = posted
        self.confidential = confidential  # the mark the form sent, None when it sent none


def _carried(question, data) -> bool:
    """Did the form send this question? The rendered form always sends its version `v<pk>`;
    a post without it and without any of the question's fields leaves the answer untouched."""
    name = types.prefix(question)
    return f"v{question.pk}" in data or any(
        key == name or key.startswith(f"{name}-") for key in data
    )


def _no_version_message() -> str:
    return _("This answer came without its version: reload the page and save again.")


def _no_version() -> services.SaveResult:
    return services.SaveResult(None, {"": _no_version_message()})


@login_required
def section_answer(request, pk: int, section_pk: int):
    response = _response_or_404(request.user, pk)
    section = _section_or_404(response, section_pk)
    can_edit = not response.is_locked and access.can_edit_section(request.user, response, section)
    results, status = {}, 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        try:
            results = _save_section(request, response, section)
        except (ValidationError, PermissionDenied) as error:  # submitted or unshared meanwhile
            messages.error(request, _refusal(error))
            return redirect("portal:section", pk=pk, section_pk=section_pk)
        problems = [r for r in results.values() if not r.saved]
        if not results:
            messages.warning(request, _("The form sent no answers; nothing was changed."))
            return redirect("portal:section", pk=pk, section_pk=section_pk)
        if not problems:
            messages.success(request, _("All answers in this section are saved."))
            return redirect("portal:section", pk=pk, section_pk=section_pk)
        status = 409 if any(r.conflict for r in problems) else 400
        messages.error(
            request,
            _(
                "Some answers were not saved; see the messages beside them. Nothing you typed "
                "is lost."
            ),
        )
    progress, overall = selectors.response_progress(response)
    return TemplateResponse(
        request,
        "questionnaires/portal/section.html",
        {
            "response": response,
            "section": section,
            "rows": _question_rows(request, response, section, results=results),
            "can_edit": can_edit,
            "overall": overall,
            "sections": [row.section for row in progress],
            "autosave_texts": autosave_texts(),
        },
        status=status,
    )


def _save_section(request, response, section) -> dict[int, _Result]:
    """Save each question the form carried, with its confidentiality mark for an NGO, each
    against the version the page showed."""
    results = {}
    for question in selectors.questions_for(response).filter(section=section):
        if not types.answer_type(question).form_saved or not _carried(question, request.POST):
            continue
        posted = types.parse(question, request.POST).value
        confidential = (
            request.POST.get(f"c{question.pk}") == "on" if response.is_civil_society else None
        )
        version = whole_number(request.POST.get(f"v{question.pk}"))
        outcome = (
            _no_version()
            if version is None
            else services.answer_save(
                response=response,
                question=question,
                data=request.POST,
                actor=request.user,
                expected_version=version,
                confidential=confidential,
            )
        )
        results[question.pk] = _Result(outcome, posted, confidential)
    return results


def _autosave_endpoint(view):
    """Autosave is called by a script, which needs an answer it can read: JSON 401 with the
    sign-in address when the session has ended (not a redirect to the sign-in page), JSON 413
    when the answer is over the request size limit (Django would answer an HTML 400). The body
    is read here, before CSRF reads it, and CSRF is checked right after."""
    protected = csrf_protect(view)

    @csrf_exempt
    @require_POST
    @wraps(view)
    def endpoint(request, pk: int, question_pk: int):
        if not request.user.is_authenticated:
            page = reverse("portal:response", args=[pk])
            return JsonResponse(
                {
                    "error": _session_ended_message(),
                    "login_url": redirect_to_login(page)["Location"],
                },
                status=401,
            )
        try:
            request.POST  # noqa: B018 (reading the body is the point)
        except RequestDataTooBig:
            return JsonResponse({"error": _too_large_message()}, status=413)
        return protected(request, pk, question_pk)

    return endpoint


@_autosave_endpoint
def answer_autosave(request, pk: int, question_pk: int):
    response = _response_or_404(request.user, pk)
    question = get_object_or_404(
        selectors.questions_for(response).select_related("section"), pk=question_pk
    )
    version = whole_number(request.POST.get("version"))
    if version is None:
        return JsonResponse({"error": _no_version_message()}, status=400)
    try:
        outcome = services.answer_save(
            response=response,
            question=question,
            data=request.POST,
            actor=request.user,
            expected_version=version,
            confidential={"on": True, "off": False}.get(request.POST.get("confidential", "")),
        )
    except PermissionDenied:
        return JsonResponse({"error": _("You may not answer this section.")}, status=403)
    except ValidationError as error:
        status = 423 if response.is_locked else 400
        return JsonResponse({"error": " ".join(error.messages)}, status=status)
    if outcome.conflict:
        return JsonResponse(
            {
                "error": _(
                    "Someone else saved this answer meanwhile. Your text is kept here; "
                    "reload to compare both versions."
                ),
                "conflict": {
                    "version": outcome.conflict.version,
                    "text": types.as_text(question, outcome.conflict.value),
                },
            },
            status=409,
        )
    if outcome.errors:
        return JsonResponse({"errors": outcome.errors}, status=422)
    answer = outcome.answer
    return JsonResponse(
        {
            "version": answer.version,
            "saved_at": formats.time_format(timezone.localtime(answer.updated_at), "H:i"),
            "late": answer.is_late,
        }
    )


@login_required
@require_POST
def answer_upload(request, pk: int, question_pk: int):
    response = _response_or_404(request.user, pk)
    question = get_object_or_404(selectors.questions_for(response), pk=question_pk)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("Choose a file to upload."))
    else:
        try:
            services.answer_file_add(
                response=response,
                question=question,
                uploaded_file=uploaded,
                actor=request.user,
                is_public=request.POST.get("is_public") == "on",
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _refusal(error))
        else:
            messages.success(request, _("File uploaded: %(name)s") % {"name": uploaded.name})
    return redirect("portal:section", pk=pk, section_pk=question.section_id)


@login_required
def answer_file_download(request, file_pk: int):
    stored = access.visible(request.user, AnswerFile).filter(pk=file_pk).first()
    if stored is None:
        raise Http404
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )


@login_required
def response_submit(request, pk: int):
    response = _response_or_404(request.user, pk)
    if not access.can_submit_response(request.user, response):
        raise PermissionDenied
    missing = selectors.missing_required_questions(response)
    status = 200
    if request.method == "POST":
        try:
            services.response_submit(
                response=response,
                actor=request.user,
                publication_consent=request.POST.get("publication_consent") == "on",
            )
        except ValidationError as error:
            # A list of messages (a table that does not add up) has no single code.
            if getattr(error, "code", None) == "already_submitted":
                return _already_submitted(request, response)
            messages.error(request, " ".join(error.messages))
            status = 400
        except DatabaseError:
            # The submission is one transaction: if the database goes away during it, nothing
            # of it was kept and every saved answer is still there. Say so, and offer a retry;
            # unless another click submitted it meanwhile.
            logger.exception("Submitting response %s failed in the database", pk)
            if _submitted_meanwhile(response):
                return _already_submitted(request, response)
            messages.error(
                request,
                _(
                    "The server could not record the submission just now. Nothing is lost: "
                    "your answers are saved and the response is still open. Please submit "
                    "again in a moment."
                ),
            )
            status = 503
        else:
            messages.success(request, _("The response is submitted and locked. Thank you."))
            return redirect("portal:response", pk=pk)
    return TemplateResponse(
        request,
        "questionnaires/portal/submit.html",
        {"response": response, "missing": missing},
        status=status,
    )


@login_required
def consent_withdraw(request, pk: int):
    """The NGO withdraws its consent to the publication of its reply: a confirmation page, then
    the withdrawal (refused once the reply is published; a second click changes nothing)."""
    response = _response_or_404(request.user, pk)
    if not response.is_civil_society or not access.can_submit_response(request.user, response):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.response_withdraw_consent(response=response, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _refusal(error))
        else:
            messages.success(
                request,
                _("Your consent is withdrawn: your reply will not be published with the report."),
            )
        return redirect("portal:response", pk=pk)
    return TemplateResponse(
        request, "questionnaires/portal/consent_withdraw.html", {"response": response}
    )


def _already_submitted(request, response):
    messages.info(request, _("This response has already been submitted."))
    return redirect("portal:response", pk=response.pk)


def _submitted_meanwhile(response) -> bool:
    try:
        return Response.objects.filter(pk=response.pk, status=Response.Status.SUBMITTED).exists()
    except DatabaseError:
        return False


@login_required
@require_POST
def section_assign(request, pk: int, section_pk: int):
    response = _response_or_404(request.user, pk)
    section = _section_or_404(response, section_pk)
    form = AssignmentForm(
        request.POST, country_id=response.organisation.country_id, prefix=f"s{section.pk}"
    )
    if not form.is_valid():
        messages.error(request, _("Choose a colleague from the list."))
        return redirect("portal:response", pk=pk)
    try:
        if form.cleaned_data["assignee"]:
            services.section_assign(
                response=response,
                section=section,
                assignee=form.cleaned_data["assignee"],
                actor=request.user,
            )
        else:
            services.section_unassign(response=response, section=section, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, _("Section %(number)s shared.") % {"number": section.number})
    return redirect("portal:response", pk=pk)


@login_required
@require_POST
def extension_request(request, pk: int):
    response = _response_or_404(request.user, pk)
    form = ExtensionRequestForm(request.POST)
    if form.is_valid():
        try:
            services.extension_request(
                response=response,
                requested_due_on=form.cleaned_data["requested_due_on"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _refusal(error))
        else:
            messages.success(request, _("Your request was sent to the secretariat."))
    else:
        messages.error(request, _("Give a new date and a reason."))
    return redirect("portal:response", pk=pk)


@login_required
@require_POST
def response_confidential(request, pk: int):
    response = _response_or_404(request.user, pk)
    try:
        services.response_set_confidential(
            response=response,
            confidential=request.POST.get("confidential") == "on",
            actor=request.user,
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, _("Confidentiality saved."))
    return redirect("portal:response", pk=pk)
