"""The procedure's panels on the back office's home page (monitoring.home_panels)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Min, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from monitoring import access, display
from monitoring.home_panels import WorkLine, WorkPanel

from . import selectors
from .models import Deadline, Plenary
from .procedure import ORDER, State

SOON = timedelta(days=30)


def _dashboard(query: str = "") -> str:
    return reverse("procedure:dashboard") + (f"?{query}" if query else "")


def secretariat_panels(user) -> list[WorkPanel]:
    today = timezone.localdate()
    evaluations = selectors.evaluations_for(user)
    by_state = dict(
        evaluations.exclude(state=State.CLOSED).values_list("state").annotate(count=Count("pk"))
    )
    steps = [
        WorkLine(text=f"{State(state).label}: {by_state[state]}", url=_dashboard(f"state={state}"))
        for state in sorted(by_state, key=ORDER.__getitem__)
    ]
    counts = selectors.urgency_counts(selectors.dashboard_queryset(user, today=today), today)
    deadlines = []
    if counts["overdue"]:
        deadlines.append(
            WorkLine(
                text=ngettext(
                    "%(count)s evaluation overdue",
                    "%(count)s evaluations overdue",
                    counts["overdue"],
                )
                % {"count": counts["overdue"]},
                url=_dashboard("urgency=overdue"),
                urgent=True,
            )
        )
    if counts["due_soon"]:
        deadlines.append(
            WorkLine(
                text=ngettext(
                    "%(count)s evaluation due within 30 days",
                    "%(count)s evaluations due within 30 days",
                    counts["due_soon"],
                )
                % {"count": counts["due_soon"]},
                url=_dashboard("urgency=due-soon"),
            )
        )
    panels = [
        WorkPanel(
            name="evaluations-by-step",
            heading=_("Evaluations by step"),
            lines=steps,
            empty=_("No evaluation is open. Open one from the evaluation rounds."),
            order=10,
        ),
        WorkPanel(
            name="deadlines-due",
            heading=_("Deadlines"),
            lines=deadlines,
            empty=_("Nothing is overdue or due within 30 days."),
            order=11,
        ),
    ]
    plenary = Plenary.objects.filter(end_date__gte=today).order_by("start_date").first()
    if plenary is not None:
        agenda = [
            WorkLine(
                text=f"{item.evaluation.country.name}: {item.decision}",
                url=reverse("procedure:evaluation", args=[item.evaluation.pk]),
            )
            for item in selectors.plenary_agenda(user, plenary)
            if item.decided is None
        ]
        panels.append(
            WorkPanel(
                name="next-plenary",
                heading=_("Next plenary: %(plenary)s, %(date)s")
                % {"plenary": plenary, "date": display.day(plenary.start_date)},
                lines=[
                    WorkLine(
                        text=_("The whole agenda"),
                        url=reverse("procedure:agenda", args=[plenary.pk]),
                    ),
                    *agenda,
                ],
                empty="",
                order=12,
            )
        )
    return panels


def expert_panels(user) -> list[WorkPanel]:
    """The evaluations the expert is rapporteur of, each with its step and next deadline."""
    today = timezone.localdate()
    mine = (
        access.report_evaluations(user)
        .exclude(state=State.CLOSED)
        .select_related("country", "round")
        .annotate(next_due=Min("deadlines__due_on", filter=Q(deadlines__closed_on__isnull=True)))
        .prefetch_related(
            Prefetch(
                "deadlines",
                queryset=Deadline.objects.filter(closed_on__isnull=True).order_by("due_on"),
                to_attr="open_deadlines",
            )
        )
        .order_by("next_due", "country__name_en")
    )
    lines = []
    for evaluation in mine:
        detail = evaluation.get_state_display()
        if evaluation.open_deadlines:
            deadline = evaluation.open_deadlines[0]
            detail += " · " + _("%(deadline)s due %(date)s") % {
                "deadline": deadline.get_kind_display(),
                "date": display.day(deadline.due_on),
            }
        lines.append(
            WorkLine(
                text=f"{evaluation.country.name} · {evaluation.round}",
                url=reverse("procedure:evaluation", args=[evaluation.pk]),
                detail=detail,
                urgent=evaluation.next_due is not None and evaluation.next_due < today,
            )
        )
    return [
        WorkPanel(
            name="my-rapporteurships",
            heading=_("My rapporteurships"),
            lines=lines,
            empty=_("You are not a rapporteur of an open evaluation."),
            order=10,
        )
    ]


def panels_for(user) -> list[WorkPanel]:
    principal = access.principal_for(user)
    if principal.is_secretariat:
        return secretariat_panels(user)
    if principal.is_staff_reader:
        return expert_panels(user)
    return []
