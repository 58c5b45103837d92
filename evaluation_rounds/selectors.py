"""Reads for the procedure screens; every queryset is scoped by monitoring.access."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reversion.models import Version

from monitoring import access
from monitoring.models import ExpertMember

from . import procedure_hooks
from .models import CountryEvaluation, Deadline, EvaluationRound, Plenary, Rapporteur, Transition
from .procedure import DEADLINE_RULES, ORDER, PLENARY_DECISIONS, DeadlineKind, State, next_step

DUE_SOON_DAYS = 30


@dataclass
class DashboardRow:
    evaluation: CountryEvaluation
    next_deadline: object
    days_left: int | None

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left and self.days_left < 0 else 0

    @property
    def urgency(self) -> str:
        if self.days_left is None:
            return "none"
        if self.days_left < 0:
            return "overdue"
        if self.days_left <= DUE_SOON_DAYS:
            return "due-soon"
        return "on-track"


def evaluations_for(user) -> QuerySet[CountryEvaluation]:
    return access.visible(user, CountryEvaluation)


def dashboard_queryset(
    user,
    *,
    today: date,
    round_id: int | None = None,
    country_id: int | None = None,
    state: str | None = None,
) -> QuerySet[CountryEvaluation]:
    """Evaluations with their next open deadline as `next_due`, most urgent first."""
    evaluations = evaluations_for(user).annotate(
        next_due=Min("deadlines__due_on", filter=Q(deadlines__closed_on__isnull=True))
    )
    if round_id:
        evaluations = evaluations.filter(round_id=round_id)
    if country_id:
        evaluations = evaluations.filter(country_id=country_id)
    if state:
        evaluations = evaluations.filter(state=state)
    return evaluations.order_by(
        F("next_due").asc(nulls_last=True), "round__number", "country__name_en"
    )


def urgency_filter(urgency: str, today: date) -> Q:
    soon = today + timedelta(days=DUE_SOON_DAYS)
    return {
        "overdue": Q(next_due__lt=today),
        "due-soon": Q(next_due__gte=today, next_due__lte=soon),
        "on-track": Q(next_due__gt=soon) | Q(next_due__isnull=True),
    }.get(urgency, Q())


def urgency_counts(evaluations: QuerySet, today: date) -> dict[str, int]:
    return evaluations.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=urgency_filter("overdue", today)),
        due_soon=Count("pk", filter=urgency_filter("due-soon", today)),
    )


def dashboard_rows(evaluations, today: date) -> list[DashboardRow]:
    """One row per evaluation of a page; relations are prefetched once for the whole page."""
    page = list(evaluations)
    prefetch_related_objects(
        page,
        "round",
        "country",
        Prefetch(
            "deadlines",
            queryset=Deadline.objects.filter(closed_on__isnull=True).order_by("due_on"),
            to_attr="open_deadlines",
        ),
        Prefetch(
            "rapporteurs",
            queryset=Rapporteur.objects.select_related("expert__user"),
            to_attr="rapporteur_list",
        ),
    )
    rows = []
    for evaluation in page:
        deadline = evaluation.next_deadline
        rows.append(
            DashboardRow(evaluation, deadline, deadline.days_left(today) if deadline else None)
        )
    return rows


@dataclass
class TimelineSegment:
    state: str
    label: str
    start: date
    end: date
    x: float
    width: float


@dataclass
class TimelineRow:
    evaluation: CountryEvaluation
    segments: list[TimelineSegment]
    deadlines: list[tuple[object, float]]


@dataclass
class Timeline:
    start: date
    end: date
    rows: list[TimelineRow]
    years: list[tuple[int, float]]
    today_x: float


def round_timeline(user, *, round_id: int, today: date) -> Timeline | None:
    """A Gantt view of a round: one bar per evaluation, one segment per procedure state."""
    evaluations = list(
        evaluations_for(user)
        .filter(round_id=round_id)
        .select_related("country")
        .prefetch_related("transitions", "deadlines")
    )
    if not evaluations:
        return None
    dates = [today]
    for evaluation in evaluations:
        dates += [step.occurred_on for step in evaluation.transitions.all()]
        dates += [deadline.due_on for deadline in evaluation.deadlines.all()]
    start = min(dates).replace(month=1, day=1)
    end = max(dates).replace(month=12, day=31)
    span = (end - start).days or 1

    def x(day: date) -> float:
        return round(100 * (day - start).days / span, 3)

    rows = []
    for evaluation in evaluations:
        steps = list(evaluation.transitions.all())
        segments = []
        for index, step in enumerate(steps):
            until = steps[index + 1].occurred_on if index + 1 < len(steps) else today
            segments.append(
                TimelineSegment(
                    step.to_state,
                    State(step.to_state).label,
                    step.occurred_on,
                    until,
                    x(step.occurred_on),
                    max(x(until) - x(step.occurred_on), 0.4),
                )
            )
        deadlines = [(d, x(d.due_on)) for d in evaluation.deadlines.all() if d.is_open]
        rows.append(TimelineRow(evaluation, segments, deadlines))
    years = [(year, x(date(year, 1, 1))) for year in range(start.year, end.year + 1)]
    return Timeline(start, end, rows, years, x(today))


def evaluation_detail(user, pk: int) -> CountryEvaluation:
    return (
        evaluations_for(user)
        .select_related("round", "country")
        .prefetch_related(
            "deadlines__extensions__granted_by",
            "rapporteurs__expert__user",
            "rapporteurs__expert__nationality",
        )
        .get(pk=pk)
    )


def evaluation_timeline(evaluation: CountryEvaluation) -> QuerySet[Transition]:
    return evaluation.transitions.select_related("actor", "plenary")


@dataclass(frozen=True)
class TimelineItem:
    """A step of the evaluation (`step`), or an event the apps above add (`entry`)."""

    occurred_on: date
    step: Transition | None = None
    entry: procedure_hooks.TimelineEntry | None = None


def evaluation_timeline_entries(evaluation: CountryEvaluation) -> list[TimelineItem]:
    """The steps and, among them by date (after the step of the same day), what the apps
    above record for the evaluation (its report's chapters adopted)."""
    items = [TimelineItem(step.occurred_on, step=step) for step in evaluation_timeline(evaluation)]
    extras = [
        TimelineItem(entry.occurred_on, entry=entry)
        for entry in procedure_hooks.timeline_entries(evaluation)
    ]
    # sorted() is stable: steps keep their recorded order, an event follows its day's steps.
    return sorted([*items, *extras], key=lambda item: (item.occurred_on, item.step is None))


def evaluation_history(evaluation: CountryEvaluation) -> QuerySet[Version]:
    """Who changed the evaluation record (state, rapporteurs) and when, from django-reversion."""
    return Version.objects.get_for_object(evaluation).select_related("revision__user")[:50]


def rapporteur_warnings(evaluation: CountryEvaluation, experts: list[ExpertMember]) -> list[str]:
    """Warnings, not errors: the secretariat decides, but sees the imbalance."""
    warnings = []
    if len(experts) == 2 and experts[0].gender == experts[1].gender:
        warnings.append(_("Both rapporteurs are of the same gender."))
    round_evaluations = CountryEvaluation.objects.filter(round_id=evaluation.round_id).count()
    active_experts = ExpertMember.objects.filter(
        term_start__lte=date.today(), term_end__gte=date.today()
    ).count()
    if not active_experts:
        return warnings
    fair_share = math.ceil(2 * round_evaluations / active_experts)
    loads = dict(
        Rapporteur.objects.filter(evaluation__round_id=evaluation.round_id)
        .exclude(evaluation=evaluation)
        .values_list("expert_id")
        .annotate(count=Count("id"))
        .values_list("expert_id", "count")
    )
    for expert in experts:
        load = loads.get(expert.pk, 0) + 1
        if load > fair_share:
            warnings.append(
                _("%(name)s would carry %(load)s evaluations in this round (fair share %(fair)s).")
                % {"name": expert, "load": load, "fair": fair_share}
            )
    return warnings


def eligible_rapporteurs(evaluation: CountryEvaluation) -> QuerySet[ExpertMember]:
    return (
        ExpertMember.objects.exclude(nationality_id=evaluation.country_id)
        .select_related("user", "nationality")
        .order_by("user__last_name")
    )


@dataclass
class AgendaItem:
    evaluation: CountryEvaluation
    decision: str
    decided: Transition | None


def plenary_agenda(user, plenary: Plenary) -> list[AgendaItem]:
    """Evaluations due for a decision at this plenary, and the decisions already taken there."""
    decided = {
        step.evaluation_id: step
        for step in Transition.objects.filter(plenary=plenary).select_related(
            "evaluation__country", "evaluation__round"
        )
    }
    due = (
        evaluations_for(user)
        .filter(
            Q(state__in=[State.DRAFT_IN_PREPARATION, State.DRAFT_WITH_GOVERNMENT])
            | Q(pk__in=decided)
        )
        .select_related("country", "round")
    )
    items = []
    for evaluation in due:
        step = decided.get(evaluation.pk)
        if step:
            decision = step.to_state
        elif ORDER[evaluation.state] < ORDER[State.DRAFT_APPROVED]:
            decision = State.DRAFT_APPROVED
        else:
            decision = State.FINAL_ADOPTED
        items.append(AgendaItem(evaluation, State(decision).label, step))
    return items


def upcoming_plenary(today: date) -> Plenary | None:
    return Plenary.objects.filter(end_date__gte=today).order_by("start_date").first() or (
        Plenary.objects.order_by("-start_date").first()
    )


@dataclass(frozen=True)
class ProcedureStep:
    state: str
    label: str
    plenary: bool
    deadlines: tuple[str, ...]


def procedure_steps(*, follow_up: bool = True) -> list[ProcedureStep]:
    """The usual path of an evaluation through `evaluation_rounds.procedure`, step by step,
    with the plenary decisions and the deadlines each step starts (their default length is
    the round setting's default)."""
    labels, kinds = dict(State.choices), dict(DeadlineKind.choices)
    steps, state = [], State.PREPARING
    while state is not None:
        deadlines = []
        for rule in DEADLINE_RULES:
            if rule.opens_on == state:
                months = EvaluationRound._meta.get_field(rule.period_field).default
                deadlines.append(
                    ngettext(
                        "%(deadline)s: %(months)s month by default",
                        "%(deadline)s: %(months)s months by default",
                        months,
                    )
                    % {"deadline": kinds[rule.kind], "months": months}
                )
        steps.append(
            ProcedureStep(state, str(labels[state]), state in PLENARY_DECISIONS, tuple(deadlines))
        )
        if state == State.PUBLISHED and not follow_up:
            break
        state = next_step(state)
    return steps
