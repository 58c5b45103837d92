"""Writes on responses: autosaved answers with optimistic locking, files, assignments,
confidentiality, submission, reopening and extension requests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation_rounds.services import evaluation_record_replies
from monitoring import access, audit
from monitoring.uploads import check_upload

from . import notifications, signals, types
from . import system_messages as messages
from .models import (
    Answer,
    AnswerFile,
    ExtensionRequest,
    Question,
    Response,
    Section,
    SectionAssignment,
)
from .selectors import missing_required_questions


@dataclass
class SaveResult:
    answer: Answer | None
    errors: dict[str, str]
    conflict: Answer | None = None  # the stored answer someone else saved in between

    @property
    def saved(self) -> bool:
        return self.answer is not None and not self.errors and self.conflict is None


def _require_open(response: Response) -> None:
    if response.is_locked:
        raise ValidationError(
            _("This response was submitted and is locked. Ask the secretariat to reopen it."),
            code="locked",
        )


def _require_editable(response: Response, section: Section, actor) -> None:
    _require_open(response)
    if not access.can_edit_section(actor, response, section):
        raise PermissionDenied(_("You may not answer this section."))


def _started(response: Response) -> None:
    if response.status == Response.Status.NOT_STARTED:
        response.status = Response.Status.IN_PROGRESS
        response.save(update_fields=["status"])


def answer_save(
    *,
    response: Response,
    question: Question,
    data,
    actor,
    expected_version: int | None,
    confidential: bool | None = None,
) -> SaveResult:
    """Validate and store one answer, and its confidentiality mark when `confidential` is given
    (None leaves the mark as it is). Invalid input saves nothing; a stale version is a conflict
    that returns the stored answer so the user can compare both texts. `expected_version=None`
    skips the check: only for callers that own the answer (the demo seed), never a page."""
    _require_editable(response, question.section, actor)
    if confidential is not None and not response.is_civil_society:
        raise ValidationError(_("Only NGO answers can be marked confidential."))
    parsed = types.parse(question, data)
    if not parsed.ok:
        return SaveResult(None, parsed.errors)
    return _write(
        response=response,
        question=question,
        actor=actor,
        expected_version=expected_version,
        value=parsed.value,
        confidential=confidential,
    )


def _write(
    *,
    response: Response,
    question: Question,
    actor,
    expected_version: int | None,
    value: dict | None = None,
    confidential: bool | None = None,
) -> SaveResult:
    """The one place an answer's value or confidentiality changes: under a row lock, only
    against the version the writer saw, with a new version and a revision for each change."""
    with transaction.atomic():
        answer, _created = Answer.objects.select_for_update().get_or_create(
            response=response, question=question
        )
        new_value = answer.value if value is None else value
        new_mark = answer.is_confidential if confidential is None else confidential
        if answer.version and (answer.value, answer.is_confidential) == (new_value, new_mark):
            return SaveResult(answer, {})  # nothing changed: no new version, no revision
        if expected_version is not None and answer.version != expected_version:
            return SaveResult(None, {}, conflict=answer)
        comment = messages.SAVED
        if new_mark != answer.is_confidential:
            comment = (
                messages.MARKED_CONFIDENTIAL if new_mark else messages.CONFIDENTIAL_MARK_REMOVED
            )
        if new_value != answer.value or not answer.version:
            answer.value = new_value
            answer.is_answered = types.is_answered(question, new_value)
            answer.is_late = timezone.localdate() > response.due_on
            if answer.is_late:
                comment = messages.LATE_SAVE
        answer.is_confidential = new_mark
        answer.version += 1
        answer.updated_by = actor
        with reversion.create_revision():
            reversion.set_user(actor)
            reversion.set_comment(comment.encode())
            answer.save()
        _started(response)
    return SaveResult(answer, {})


def answer_file_add(
    *, response: Response, question: Question, uploaded_file, actor, is_public: bool = False
) -> AnswerFile:
    """Store one uploaded file of an answer; `is_public`: the respondent lets it be published
    with the reply (otherwise it never is)."""
    if not types.answer_type(question).takes_files:
        raise ValidationError(_("This question does not take files."))
    _require_editable(response, question.section, actor)
    checked = check_upload(uploaded_file)
    uploaded_file.name = checked.name
    with transaction.atomic():
        answer, _created = Answer.objects.select_for_update().get_or_create(
            response=response, question=question
        )
        stored = AnswerFile.objects.create(
            answer=answer,
            file=uploaded_file,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            uploaded_by=actor,
            is_public=is_public,
        )
        names = list(answer.files.values_list("original_name", flat=True))
        answer.value = {"files": len(names), "names": names}
        answer.is_answered = True
        answer.version += 1
        answer.updated_by = actor
        answer.is_late = timezone.localdate() > response.due_on
        with reversion.create_revision():
            reversion.set_user(actor)
            reversion.set_comment(messages.FILE_UPLOADED.encode())
            answer.save()
        _started(response)
    return stored


def answer_set_confidential(
    *,
    response: Response,
    question: Question,
    confidential: bool,
    actor,
    expected_version: int | None,
) -> SaveResult:
    """NGO respondents may keep single answers from every government. The mark is a change of
    the answer like any other: checked against the version the writer saw, and a new version."""
    if not response.is_civil_society:
        raise ValidationError(_("Only NGO answers can be marked confidential."))
    _require_editable(response, question.section, actor)
    return _write(
        response=response,
        question=question,
        actor=actor,
        expected_version=expected_version,
        confidential=confidential,
    )


def response_set_confidential(*, response: Response, confidential: bool, actor) -> Response:
    if not response.is_civil_society:
        raise ValidationError(_("Only NGO responses can be marked confidential."))
    if response.is_locked or not access.can_submit_response(actor, response):
        raise PermissionDenied(_("You may not change this response."))
    if response.is_confidential == confidential:
        return response
    response.is_confidential = confidential
    if not confidential:
        response.confidential_until = timezone.now()
    response.save(update_fields=["is_confidential", "confidential_until"])
    return response


def section_assign(*, response: Response, section: Section, assignee, actor) -> SectionAssignment:
    if not access.can_submit_response(actor, response) or response.is_civil_society:
        raise PermissionDenied(_("Only the contact person shares sections."))
    _require_open(response)
    if section.questionnaire_id != response.questionnaire_id:
        raise ValidationError(_("This section belongs to another questionnaire."))
    colleague = access.principal_for(assignee)
    if response.organisation.country_id not in colleague.government_country_ids:
        raise ValidationError(_("Sections can be shared only with officials of your government."))
    assignment, _created = SectionAssignment.objects.update_or_create(
        response=response, section=section, defaults={"assignee": assignee, "assigned_by": actor}
    )
    return assignment


def section_unassign(*, response: Response, section: Section, actor) -> None:
    if not access.can_submit_response(actor, response):
        raise PermissionDenied(_("Only the contact person shares sections."))
    _require_open(response)
    SectionAssignment.objects.filter(response=response, section=section).delete()


def response_submit(
    *, response: Response, actor, notify: bool = True, publication_consent: bool = False
) -> Response:
    """Lock the response. Refused while required answers are missing or if already locked.

    An NGO says with its submission whether its reply may be published with the report
    (`publication_consent`); a government's reply is published without consent."""
    if not access.can_submit_response(actor, response):
        raise PermissionDenied(_("Only the contact person submits the official reply."))
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.is_locked:  # a second click, another tab: the row lock made it wait
            raise ValidationError(
                _("This response has already been submitted."), code="already_submitted"
            )
        missing = missing_required_questions(locked)
        if missing:
            raise ValidationError(
                _("%(count)s required questions are not answered yet: %(codes)s.")
                % {"count": len(missing), "codes": ", ".join(q.code for q in missing)}
            )
        locked.status = Response.Status.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.submitted_by = actor
        locked.publication_consent = bool(publication_consent) and locked.is_civil_society
        if locked.publication_consent:
            locked.consent_withdrawn_at = None
        locked.save(
            update_fields=[
                "status",
                "submitted_at",
                "submitted_by",
                "publication_consent",
                "consent_withdrawn_at",
            ]
        )
        signals.response_submitted.send(sender=Response, response=locked, actor=actor)
        if locked.organisation.is_national_government:
            evaluation_record_replies(evaluation=locked.evaluation, submitted_by=actor)
        if notify:
            transaction.on_commit(lambda: notifications.notify_submitted(locked.pk))
        audit.record(
            audit.Kind.SUBMISSION,
            actor=actor,
            target=locked,
            detail=messages.RESPONSE_SUBMITTED.encode(),
        )
    response.refresh_from_db()
    return response


def response_withdraw_consent(*, response: Response, actor) -> Response:
    """The NGO withdraws its consent to the publication of its reply: possible until the reply
    is published (the report's publication locks the same row). A second click changes
    nothing."""
    if not response.is_civil_society:
        raise ValidationError(_("Only an NGO's reply is published with its consent."))
    if not access.can_submit_response(actor, response):
        raise PermissionDenied(_("You may not change this response."))
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.reply_published_at is not None:
            raise ValidationError(
                _("Your reply is already published: consent can no longer be withdrawn.")
            )
        if locked.publication_consent:
            locked.publication_consent = False
            locked.consent_withdrawn_at = timezone.now()
            locked.save(update_fields=["publication_consent", "consent_withdrawn_at"])
            audit.record(
                audit.Kind.SUBMISSION,
                actor=actor,
                target=locked,
                detail=messages.CONSENT_WITHDRAWN.encode(),
            )
    response.refresh_from_db()
    return response


def response_reopen(*, response: Response, actor, reason: str) -> Response:
    if not access.principal_for(actor).is_secretariat:
        raise PermissionDenied(_("Only the secretariat reopens a submitted response."))
    if not response.is_locked:
        raise ValidationError(_("Only a submitted response can be reopened."))
    if not reason.strip():
        raise ValidationError(_("Say why the response is reopened."))
    with transaction.atomic():
        response.status = Response.Status.REOPENED
        response.save(update_fields=["status"])
        audit.record(audit.Kind.REOPENING, actor=actor, target=response, detail=reason.strip())
    return response


def extension_request(*, response: Response, requested_due_on: date, reason: str, actor):
    if not access.can_submit_response(actor, response):
        raise PermissionDenied(_("You may not ask for an extension of this response."))
    _require_open(response)
    if requested_due_on <= response.due_on:
        raise ValidationError(_("Ask for a date after the current deadline."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the extension."))
    request = ExtensionRequest(
        response=response, requested_by=actor, requested_due_on=requested_due_on, reason=reason
    )
    request.full_clean()
    request.save()
    return request


def extension_decide(
    *, request: ExtensionRequest, grant: bool, actor, new_due_on: date | None = None, note=""
):
    if not access.principal_for(actor).is_secretariat:
        raise PermissionDenied(_("Only the secretariat decides on extensions."))
    if request.status != ExtensionRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    with transaction.atomic():
        request.status = (
            ExtensionRequest.Status.GRANTED if grant else ExtensionRequest.Status.REFUSED
        )
        request.decided_by, request.decided_at = actor, timezone.now()
        request.decision_note = note
        if grant:
            new_due_on = new_due_on or request.requested_due_on
            if new_due_on <= request.response.due_on:
                raise ValidationError(_("The new date must be after the current deadline."))
            request.granted_due_on = new_due_on
            request.response.due_on = new_due_on
            request.response.save(update_fields=["due_on"])
            _extend_evaluation_deadline(request, new_due_on, actor)
        request.save()
    return request


def _extend_evaluation_deadline(request: ExtensionRequest, new_due_on: date, actor) -> None:
    """The government's official reply carries the evaluation's reply deadline with it."""
    from evaluation_rounds.services import deadline_extend

    response = request.response
    if not response.organisation.is_national_government:
        return
    deadline = response.evaluation.deadlines.filter(
        kind="questionnaire_reply", closed_on__isnull=True
    ).first()
    if deadline and new_due_on > deadline.due_on:
        deadline_extend(
            deadline=deadline,
            new_due_on=new_due_on,
            reason=_("Extension requested by the government: %(reason)s")
            % {"reason": request.reason},
            actor=actor,
        )
