"""Adoption chapter by chapter: each chapter is submitted to a plenary and adopted there, for
the decision at hand (approval of the draft, then adoption of the final report). The report's
decision needs every chapter adopted, unless it is a whole-report decision, which adopts every
chapter not yet adopted at once at that plenary.

The procedure (evaluation_rounds, below reports) asks these rules through the hooks that
`reports.wagtail_hooks` registers (`evaluation_rounds.procedure_hooks`); a follow-up report's
own procedure calls `stage_advance_check` from `services.report_stage_advance`. Writes follow
the services' rules: keyword-only, secretariat only, nothing changed on refusal.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation_rounds.models import Plenary
from evaluation_rounds.procedure import ORDER, State
from evaluation_rounds.procedure_hooks import AgendaEntry, TimelineEntry
from monitoring import access, display

from . import placeholder_review
from .models import Chapter, ChapterAdoption, Report

Decision = ChapterAdoption.Decision
Status = ChapterAdoption.Status

DECISION_OF_STATE = {State.DRAFT_APPROVED: Decision.DRAFT, State.FINAL_ADOPTED: Decision.FINAL}


def decision_at_hand(report: Report) -> str | None:
    """The plenary decision the report's chapters are being adopted for now: the draft's
    approval until it is approved, the final adoption once the draft went to the government,
    none otherwise (approved but not yet sent, or adopted already)."""
    if report.is_published:
        return None
    if not report.follows_procedure:
        return Decision.DRAFT if report.own_stage == Report.Stage.DRAFTING else None
    state = report.evaluation.state
    if ORDER[state] < ORDER[State.DRAFT_APPROVED]:
        return Decision.DRAFT
    if state == State.DRAFT_WITH_GOVERNMENT:
        return Decision.FINAL
    return None


def _decision_label(decision: str) -> str:
    return str(Decision(decision).label)


def _locked_row(chapter: Chapter, actor) -> tuple[Report, str, ChapterAdoption | None]:
    """Inside a transaction: the chapter's report locked, the decision at hand and the
    chapter's row for it."""
    access.require_secretariat(actor)
    report = (
        Report.objects.select_for_update().select_related("evaluation").get(pk=chapter.report_id)
    )
    decision = decision_at_hand(report)
    if decision is None:
        raise ValidationError(
            _("No plenary decision on this report is at hand: its chapters cannot move now.")
        )
    row = ChapterAdoption.objects.filter(chapter=chapter, decision=decision).first()
    return report, decision, row


def chapter_submit(*, chapter: Chapter, plenary: Plenary, actor) -> ChapterAdoption:
    """Put the chapter on a plenary's agenda for the decision at hand."""
    with transaction.atomic():
        _report, decision, row = _locked_row(chapter, actor)
        if row is not None and row.status == Status.ADOPTED:
            raise ValidationError(
                _("Chapter %(chapter)s is already adopted (%(decision)s).")
                % {"chapter": chapter.number, "decision": _decision_label(decision)}
            )
        if row is not None:
            raise ValidationError(
                _("Chapter %(chapter)s is already submitted to %(plenary)s: withdraw it first.")
                % {"chapter": chapter.number, "plenary": row.plenary}
            )
        row = ChapterAdoption(
            chapter=chapter,
            decision=decision,
            status=Status.SUBMITTED,
            plenary=plenary,
            recorded_by=actor,
        )
        row.full_clean()
        row.save()
    return row


def chapter_withdraw(*, chapter: Chapter, actor) -> None:
    """Take a submitted chapter off its plenary's agenda (it is being drafted again)."""
    with transaction.atomic():
        _report, _decision, row = _locked_row(chapter, actor)
        if row is None or row.status != Status.SUBMITTED:
            raise ValidationError(
                _("Chapter %(chapter)s is not submitted to a plenary.")
                % {"chapter": chapter.number}
            )
        row.delete()


def _check_plenary_date(plenary: Plenary, on: date) -> None:
    if not plenary.start_date <= on <= plenary.end_date:
        raise ValidationError(
            {"adopted_on": _("The decision date must fall within the plenary's dates.")}
        )
    if on > timezone.localdate():
        raise ValidationError({"adopted_on": _("A step cannot be recorded in the future.")})


def chapter_adopt(*, chapter: Chapter, adopted_on: date, actor) -> ChapterAdoption:
    """Record that the plenary the chapter was submitted to adopted it on `adopted_on`."""
    with transaction.atomic():
        _report, decision, row = _locked_row(chapter, actor)
        if row is None:
            raise ValidationError(
                _("Submit chapter %(chapter)s to a plenary before recording its adoption.")
                % {"chapter": chapter.number}
            )
        if row.status == Status.ADOPTED:
            raise ValidationError(
                _("Chapter %(chapter)s is already adopted (%(decision)s).")
                % {"chapter": chapter.number, "decision": _decision_label(decision)}
            )
        _check_plenary_date(row.plenary, adopted_on)
        row.status, row.adopted_on, row.recorded_by = Status.ADOPTED, adopted_on, actor
        row.whole_report = False
        row.full_clean()
        row.save()
    return row


def missing_chapters(report: Report, decision: str) -> list[Chapter]:
    adopted = ChapterAdoption.objects.filter(
        chapter__report=report, decision=decision, status=Status.ADOPTED
    ).values("chapter_id")
    return list(report.chapters.exclude(pk__in=adopted).order_by("sort_order", "pk"))


def require_every_chapter_adopted(report: Report, decision: str) -> None:
    missing = missing_chapters(report, decision)
    if missing:
        raise ValidationError(
            _(
                "Not every chapter is adopted for this decision (%(decision)s). Missing: "
                "%(chapters)s. Adopt them first, or record a whole-report decision."
            )
            % {
                "decision": _decision_label(decision),
                "chapters": ", ".join(str(chapter) for chapter in missing),
            }
        )


def adopt_remaining(
    *, report: Report, decision: str, plenary: Plenary, adopted_on: date, actor
) -> int:
    """A whole-report decision: every chapter not yet adopted is adopted at `plenary`
    (a chapter submitted to another plenary too). Returns how many."""
    rows = {
        row.chapter_id: row
        for row in ChapterAdoption.objects.filter(chapter__report=report, decision=decision)
    }
    count = 0
    for chapter in report.chapters.all():
        row = rows.get(chapter.pk) or ChapterAdoption(chapter=chapter, decision=decision)
        if row.status == Status.ADOPTED:
            continue
        row.status, row.plenary, row.adopted_on = Status.ADOPTED, plenary, adopted_on
        row.whole_report, row.recorded_by = True, actor
        row.full_clean()
        row.save()
        count += 1
    return count


# --- What the procedure asks through its hooks ----------------------------------------------


def _procedure_reports(evaluation):
    return Report.objects.filter(
        evaluation=evaluation, kind__in=Report.PROCEDURE_KINDS, published_at__isnull=True
    )


def check_transition(evaluation, to_state: str, *, whole_report: bool = True, **_step) -> None:
    """A decision taken chapter by chapter needs every chapter adopted; the draft goes to the
    government only without placeholders left."""
    decision = DECISION_OF_STATE.get(to_state)
    for report in _procedure_reports(evaluation):
        if decision and not whole_report:
            require_every_chapter_adopted(report, decision)
        if to_state == State.DRAFT_WITH_GOVERNMENT:
            placeholder_review.require_resolved(
                report, action=_("The draft cannot be sent to the government")
            )


def transition_recorded(step, *, actor, whole_report: bool = True, **_context) -> None:
    """A whole-report decision adopts, at its plenary, every chapter not yet adopted."""
    decision = DECISION_OF_STATE.get(step.to_state)
    if decision is None or not whole_report or step.plenary is None:
        return
    for report in _procedure_reports(step.evaluation):
        adopt_remaining(
            report=report,
            decision=decision,
            plenary=step.plenary,
            adopted_on=step.occurred_on,
            actor=actor,
        )


def stage_advance_check(
    report: Report, to_stage: str, *, actor, plenary: Plenary | None, whole_report: bool
) -> None:
    """A follow-up report's own procedure, inside `report_stage_advance`'s transaction: its
    approval needs every chapter adopted (or a whole-report decision, which adopts them at the
    plenary if one is named), its sending no placeholder left."""
    if to_stage == Report.Stage.APPROVED:
        if not whole_report:
            require_every_chapter_adopted(report, Decision.DRAFT)
        elif plenary is not None:
            today = timezone.localdate()
            on = min(today, plenary.end_date)
            _check_plenary_date(plenary, on)
            adopt_remaining(
                report=report, decision=Decision.DRAFT, plenary=plenary, adopted_on=on, actor=actor
            )
    if to_stage == Report.Stage.SENT_FOR_COMMENTS:
        placeholder_review.require_resolved(
            report, action=_("The report cannot be sent to the government")
        )


def agenda_entries(user, plenary: Plenary) -> list[AgendaEntry]:
    rows = (
        access.visible(user, ChapterAdoption)
        .filter(plenary=plenary)
        .select_related("chapter__report__evaluation__country")
        .order_by("chapter__report__evaluation__country__name_en", "chapter__sort_order", "pk")
    )
    entries = []
    for row in rows:
        report = row.chapter.report
        if row.status == Status.ADOPTED:
            status = _("adopted on %(date)s") % {"date": display.day(row.adopted_on)}
            if row.whole_report:
                status = _("%(status)s (whole-report decision)") % {"status": status}
        else:
            status = _("submitted")
        entries.append(
            AgendaEntry(
                evaluation=report.evaluation,
                title=f"{report.title}: {row.chapter}",
                decision=row.get_decision_display(),
                status=status,
                url=reverse("reports:editor", args=[report.pk]) + f"#chapter-{row.chapter_id}",
            )
        )
    return entries


def timeline_entries(evaluation) -> list[TimelineEntry]:
    """Each chapter adopted, and each whole-report decision as one entry naming its chapters."""
    rows = (
        ChapterAdoption.objects.filter(
            chapter__report__evaluation=evaluation, status=Status.ADOPTED
        )
        .select_related("chapter__report", "plenary")
        .order_by("adopted_on", "chapter__report_id", "chapter__sort_order", "pk")
    )
    entries, whole = [], {}
    for row in rows:
        if row.whole_report:
            key = (row.adopted_on, row.chapter.report_id, row.decision, row.plenary_id)
            whole.setdefault(key, []).append(row)
            continue
        entries.append(
            TimelineEntry(
                occurred_on=row.adopted_on,
                title=_("Chapter %(chapter)s adopted (%(decision)s)")
                % {"chapter": row.chapter, "decision": row.get_decision_display()},
                detail=f"{row.plenary} · {row.chapter.report.title}",
            )
        )
    for (on, _report_id, decision, _plenary_id), group in whole.items():
        entries.append(
            TimelineEntry(
                occurred_on=on,
                title=_("Whole-report decision (%(decision)s): chapters %(chapters)s adopted")
                % {
                    "chapters": ", ".join(row.chapter.number for row in group),
                    "decision": _decision_label(decision),
                },
                detail=f"{group[0].plenary} · {group[0].chapter.report.title}",
            )
        )
    return sorted(entries, key=lambda entry: entry.occurred_on)
