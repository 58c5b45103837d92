"""Writes for the procedure: evaluations, their transitions, deadlines and rapporteurs.

Every rule is enforced here, whatever calls it (admin view, command, test). A refused action
raises ValidationError with a message for the user, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring import access, display
from monitoring.models import Country, ExpertMember
from monitoring.services import fields_assign, record_save
from monitoring.system_text import Message

from . import notifications, procedure_hooks
from . import system_messages as messages
from .models import (
    CountryEvaluation,
    CountryVisit,
    Deadline,
    DeadlineExtension,
    EvaluationRound,
    Plenary,
    Rapporteur,
    Transition,
)
from .procedure import (
    PLENARY_DECISIONS,
    DeadlineKind,
    State,
    add_months,
    closes,
    is_legal,
    rules_opening,
)

RAPPORTEURS_PER_EVALUATION = 2


def evaluation_create(
    *,
    round: EvaluationRound,
    country: Country,
    actor,
    kind: str = CountryEvaluation.Kind.REGULAR,
    urgent_reason: str = "",
) -> CountryEvaluation:
    access.require_secretariat(actor)
    evaluation = CountryEvaluation(
        round=round, country=country, kind=kind, urgent_reason=urgent_reason
    )
    evaluation.full_clean()
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(messages.EVALUATION_OPENED.encode())
        evaluation.state_since = timezone.localdate()
        evaluation.save()
    return evaluation


def evaluation_update(
    *,
    evaluation: CountryEvaluation,
    actor,
    round: EvaluationRound,
    country: Country,
    kind: str,
    urgent_reason: str = "",
) -> CountryEvaluation:
    """Change an evaluation's procedure (regular or urgent) and its reason. Its round and its
    country are what the evaluation is: they never change (open another evaluation instead)."""
    access.require_secretariat(actor)
    stored = CountryEvaluation.objects.get(pk=evaluation.pk)
    if (round.pk, country.pk) != (stored.round_id, stored.country_id):
        raise ValidationError(
            _("An evaluation keeps its round and its country; open a new evaluation instead.")
        )
    evaluation.kind, evaluation.urgent_reason = kind, urgent_reason
    return record_save(evaluation, actor=actor, comment=messages.EVALUATION_CHANGED.encode())


ROUND_FIELDS = (
    "number",
    "title_en",
    "title_ru",
    "theme_en",
    "theme_ru",
    "launch_date",
    "status",
    "reply_period_months",
    "comment_period_months",
    "final_comments_period_months",
    "follow_up_period_months",
    "reference_first_year",
    "reference_last_year",
)


def round_create(*, actor, **fields: object) -> EvaluationRound:
    """A new evaluation round; `fields` are among ROUND_FIELDS."""
    access.require_secretariat(actor)
    evaluation_round = EvaluationRound()
    fields_assign(evaluation_round, fields, editable=ROUND_FIELDS)
    return record_save(evaluation_round, actor=actor, comment=messages.ROUND_CREATED.encode())


def round_update(*, evaluation_round: EvaluationRound, actor, **fields: object) -> EvaluationRound:
    access.require_secretariat(actor)
    fields_assign(evaluation_round, fields, editable=ROUND_FIELDS)
    return record_save(evaluation_round, actor=actor, comment=messages.ROUND_CHANGED.encode())


PLENARY_FIELDS = ("number", "start_date", "end_date", "place_en", "place_ru")


def plenary_create(*, actor, **fields: object) -> Plenary:
    """A new plenary meeting; `fields` are among PLENARY_FIELDS."""
    access.require_secretariat(actor)
    plenary = Plenary()
    fields_assign(plenary, fields, editable=PLENARY_FIELDS)
    return record_save(plenary, actor=actor, comment=messages.PLENARY_PLANNED.encode())


def plenary_update(*, plenary: Plenary, actor, **fields: object) -> Plenary:
    """Change a plenary. Its dates stay where the decisions taken at it were recorded: a
    decision's step is dated the plenary's last day."""
    access.require_secretariat(actor)
    stored = Plenary.objects.get(pk=plenary.pk)
    fields_assign(plenary, fields, editable=PLENARY_FIELDS)
    if plenary.end_date != stored.end_date and Transition.objects.filter(plenary=plenary).exists():
        raise ValidationError(
            {
                "end_date": _(
                    "Decisions taken at this plenary are dated its last day: its end date "
                    "can no longer change."
                )
            }
        )
    return record_save(plenary, actor=actor, comment=messages.PLENARY_CHANGED.encode())


def _check_preconditions(
    evaluation: CountryEvaluation,
    to_state: str,
    *,
    occurred_on: date,
    plenary: Plenary | None,
    waiver_reason: str,
    reached: set[str],
) -> None:
    if to_state == State.QUESTIONNAIRE_SENT and (
        evaluation.kind == CountryEvaluation.Kind.REGULAR
        and evaluation.round.status != EvaluationRound.Status.OPEN
    ):
        raise ValidationError(_("The round is not open: open it before sending questionnaires."))
    if (
        to_state == State.VISIT_DONE
        and not CountryVisit.objects.filter(
            evaluation=evaluation, end_date__lte=occurred_on
        ).exists()
    ):
        raise ValidationError(_("Record the country visit (ended on or before that date) first."))
    if (
        evaluation.state == State.PREPARING
        and to_state == State.DRAFT_IN_PREPARATION
        and evaluation.kind != CountryEvaluation.Kind.URGENT
        and not waiver_reason
    ):
        raise ValidationError(
            _("Only an urgent procedure starts drafting without a questionnaire; say why.")
        )
    if to_state in PLENARY_DECISIONS:
        if plenary is None:
            raise ValidationError(_("This decision is taken at a plenary: choose the plenary."))
        if not plenary.start_date <= occurred_on <= plenary.end_date:
            raise ValidationError(_("The decision date must fall within the plenary's dates."))
    if to_state == State.FINAL_ADOPTED and not waiver_reason:
        _require_comment_period_over(evaluation, occurred_on)
    if to_state == State.DRAFT_APPROVED:
        if evaluation.rapporteurs.count() != RAPPORTEURS_PER_EVALUATION:
            raise ValidationError(_("Assign the two rapporteurs before the draft is approved."))
        missing = []
        if State.REPLIES_RECEIVED not in reached:
            missing.append(_("no replies to the questionnaire"))
        if State.VISIT_DONE not in reached:
            missing.append(_("no country visit"))
        if missing and not waiver_reason:
            raise ValidationError(
                _("The draft cannot be approved yet (%(missing)s) unless you record why.")
                % {"missing": ", ".join(str(item) for item in missing)}
            )


def _require_comment_period_over(evaluation: CountryEvaluation, occurred_on: date) -> None:
    """The final report is adopted once the government has had its say on the draft: it has
    submitted its comments (which closes their deadline) or the deadline has passed. Otherwise
    the secretariat records why it adopts now."""
    period = evaluation.deadlines.filter(
        kind=DeadlineKind.GOVERNMENT_COMMENTS, closed_on__isnull=True
    ).first()
    if period is not None and period.due_on >= occurred_on:
        raise ValidationError(
            _(
                "The government may still comment on the draft until %(date)s and has not "
                "submitted its comments. Adopt the final report after that, or record why it "
                "is adopted now."
            )
            % {"date": display.day(period.due_on)}
        )


def evaluation_transition(
    *, evaluation: CountryEvaluation, to_state: str, actor, **step
) -> Transition:
    """Move an evaluation one step (secretariat only). `step` takes the keyword arguments of
    `_transition`: occurred_on, expected_state, comment (a person's), message (the system's own
    sentence, a `monitoring.system_text.Message`), waiver_reason, plenary, notify,
    whole_report (a plenary decision on the report as a whole, which adopts every chapter not
    yet adopted; otherwise the apps above may require each chapter adopted first)."""
    access.require_secretariat(actor)
    return _transition(evaluation=evaluation, to_state=to_state, actor=actor, **step)


def evaluation_record_replies(*, evaluation: CountryEvaluation, submitted_by) -> None:
    """The government's submitted reply moves the evaluation on by itself (not a secretariat
    decision), and only from "questionnaire sent"."""
    if evaluation.state == State.QUESTIONNAIRE_SENT:
        _transition(
            evaluation=evaluation,
            to_state=State.REPLIES_RECEIVED,
            actor=submitted_by,
            expected_state=State.QUESTIONNAIRE_SENT,
            message=messages.REPLIES_SUBMITTED,
        )


def _transition(
    *,
    evaluation: CountryEvaluation,
    to_state: str,
    actor,
    occurred_on: date | None = None,
    expected_state: str | None = None,
    comment: str = "",
    message: Message | None = None,
    message_params: dict | None = None,
    waiver_reason: str = "",
    plenary: Plenary | None = None,
    notify: bool = True,
    whole_report: bool = True,
) -> Transition:
    """Record one step: lock the evaluation, check the move and its preconditions, write the
    transition and a revision, start or stop deadlines, and notify after commit."""
    today = timezone.localdate()
    if occurred_on is None:
        occurred_on = plenary.end_date if plenary and to_state in PLENARY_DECISIONS else today
    if occurred_on > today:
        raise ValidationError(_("A step cannot be recorded in the future."))
    waiver_reason = waiver_reason.strip()

    with transaction.atomic():
        locked = (
            CountryEvaluation.objects.select_for_update()
            .select_related("round", "country")
            .get(pk=evaluation.pk)
        )
        if expected_state and locked.state != expected_state:
            raise ValidationError(
                _("Someone else has just moved this evaluation to “%(state)s”. Reload the page.")
                % {"state": locked.get_state_display()}
            )
        if not is_legal(locked.state, to_state):
            raise ValidationError(
                _("An evaluation cannot go from “%(current)s” to “%(target)s”.")
                % {
                    "current": locked.get_state_display(),
                    "target": State(to_state).label,
                }
            )
        previous = locked.transitions.order_by("-occurred_on", "-pk").first()
        if previous and occurred_on < previous.occurred_on:
            raise ValidationError(
                _("The date is before the previous step (%(date)s).")
                % {"date": display.day(previous.occurred_on)}
            )
        reached = set(locked.transitions.values_list("to_state", flat=True))
        _check_preconditions(
            locked,
            to_state,
            occurred_on=occurred_on,
            plenary=plenary,
            waiver_reason=waiver_reason,
            reached=reached,
        )
        procedure_hooks.check_transition(
            locked, to_state, occurred_on=occurred_on, plenary=plenary, whole_report=whole_report
        )
        with reversion.create_revision():
            reversion.set_user(actor)
            # A person's comment stays as written; the system's is stored as its code.
            system = message or messages.STEP
            params = (message_params or {}) if message else {"state": to_state}
            reversion.set_comment(comment or system.encode(**params))
            step = Transition.objects.create(
                evaluation=locked,
                from_state=locked.state,
                to_state=to_state,
                occurred_on=occurred_on,
                actor=actor,
                comment=comment,
                message_code=message.code if message else "",
                message_params=message_params or {},
                waiver_reason=waiver_reason,
                plenary=plenary if to_state in PLENARY_DECISIONS else None,
            )
            locked.state = to_state
            locked.state_since = occurred_on
            locked.save(update_fields=["state", "state_since"])
            procedure_hooks.transition_recorded(step, actor=actor, whole_report=whole_report)
        _move_deadlines(locked, to_state, occurred_on)
        if notify:
            transaction.on_commit(lambda: notifications.notify_transition(step.pk))
    evaluation.state, evaluation.state_since = locked.state, locked.state_since
    return step


def _move_deadlines(evaluation: CountryEvaluation, state: str, on: date) -> None:
    for deadline in evaluation.deadlines.filter(closed_on__isnull=True):
        if closes(deadline.kind, state):
            deadline.closed_on = on
            deadline.save(update_fields=["closed_on"])
    for rule in rules_opening(state):
        due = add_months(on, getattr(evaluation.round, rule.period_field))
        deadline_restart(evaluation=evaluation, kind=rule.kind, on=on, due_on=due)


def deadline_met(*, evaluation: CountryEvaluation, kind: str, on: date | None = None) -> None:
    """What the deadline waited for has arrived (the government submitted its comments): the
    clock stops, so the dashboard no longer counts it and the next step may follow."""
    evaluation.deadlines.filter(kind=kind, closed_on__isnull=True).update(
        closed_on=on or timezone.localdate()
    )


def deadline_restart(
    *, evaluation: CountryEvaluation, kind: str, on: date, due_on: date
) -> Deadline:
    """Start the deadline's clock at `on` (opening it if it was not): when the step that starts
    it is recorded, and again when what it counts from really happened later (the
    questionnaire sent after the step had been recorded)."""
    deadline, _created = Deadline.objects.update_or_create(
        evaluation=evaluation,
        kind=kind,
        defaults={"starts_on": on, "original_due_on": due_on, "due_on": due_on, "closed_on": None},
    )
    return deadline


def deadline_extend(
    *, deadline: Deadline, new_due_on: date, reason: str, actor
) -> DeadlineExtension:
    access.require_secretariat(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    if not deadline.is_open:
        raise ValidationError(_("This deadline is already closed."))
    if new_due_on < timezone.localdate():
        raise ValidationError({"new_due_on": _("A deadline cannot be extended into the past.")})
    if new_due_on <= deadline.due_on:
        raise ValidationError(
            {
                "new_due_on": _("An extension must move the deadline later than %(due)s.")
                % {"due": display.day(deadline.due_on)}
            }
        )
    with transaction.atomic():
        extension = DeadlineExtension.objects.create(
            deadline=deadline,
            previous_due_on=deadline.due_on,
            new_due_on=new_due_on,
            reason=reason,
            granted_by=actor,
        )
        deadline.due_on = new_due_on
        deadline.save(update_fields=["due_on"])
    return extension


def rapporteurs_assign(
    *, evaluation: CountryEvaluation, experts: Sequence[ExpertMember], actor
) -> list[Rapporteur]:
    """Set the evaluation's two rapporteurs; never nationals of the evaluated country."""
    access.require_secretariat(actor)
    experts = list(experts)
    if len(experts) != RAPPORTEURS_PER_EVALUATION or len({e.pk for e in experts}) != 2:
        raise ValidationError(_("Choose exactly two different rapporteurs."))
    nationals = [str(e) for e in experts if e.nationality_id == evaluation.country_id]
    if nationals:
        raise ValidationError(
            _("%(names)s cannot be rapporteur: an expert never evaluates their own country.")
            % {"names": ", ".join(nationals)}
        )
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(actor)
        reversion.set_comment(messages.RAPPORTEURS_ASSIGNED.encode())
        evaluation.rapporteurs.all().delete()
        rapporteurs = Rapporteur.objects.bulk_create(
            Rapporteur(evaluation=evaluation, expert=expert) for expert in experts
        )
        evaluation.save()  # a revision of the evaluation records who changed the rapporteurs
    return rapporteurs
