"""Deadline dashboard: 5 demo evaluations versus 46 countries x 5 rounds (230 evaluations).

Target ratios: below 2 for time, exactly 1 for queries.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation_rounds.models import (
    CountryEvaluation,
    Deadline,
    EvaluationRound,
    Rapporteur,
    Transition,
)
from evaluation_rounds.procedure import NEXT_STATES, ORDER, State
from monitoring.models import Country, ExpertMember

from .conftest import measure

pytestmark = [pytest.mark.bench, pytest.mark.django_db]


def generate_rounds(secretariat):
    today = timezone.localdate()
    extra_countries = Country.objects.bulk_create(
        Country(
            iso_code=f"{chr(65 + n // 26)}{chr(65 + n % 26)}",
            name_en=f"Country {n}",
            name_ru=f"Страна {n}",
        )
        for n in range(300, 341)
    )
    countries = [
        *Country.objects.filter(iso_code__in=["KZ", "KG", "TJ", "TM", "UZ"]),
        *extra_countries,
    ]
    rounds = [EvaluationRound.objects.get(number=1), EvaluationRound.objects.get(number=2)] + [
        EvaluationRound.objects.create(
            number=n, title_en=f"Round {n}", title_ru=f"Раунд {n}", status="open"
        )
        for n in (3, 4, 5)
    ]
    states = State.values
    evaluations = CountryEvaluation.objects.bulk_create(
        CountryEvaluation(
            round=r, country=c, state=states[(i * 7 + j) % len(states)], state_since=today
        )
        for i, r in enumerate(rounds)
        for j, c in enumerate(countries)
        if not CountryEvaluation.objects.filter(round=r, country=c).exists()
    )
    experts = list(ExpertMember.objects.all())
    Rapporteur.objects.bulk_create(
        Rapporteur(evaluation=e, expert=experts[(k + offset) % len(experts)])
        for k, e in enumerate(evaluations)
        for offset in (0, 1)
    )
    Deadline.objects.bulk_create(
        Deadline(
            evaluation=e,
            kind="questionnaire_reply",
            starts_on=today,
            original_due_on=today,
            due_on=today.replace(day=1),
        )
        for e in evaluations
    )
    Transition.objects.bulk_create(
        Transition(
            evaluation=e,
            from_state=s,
            to_state=NEXT_STATES[s][0],
            occurred_on=today,
            actor=secretariat,
        )
        for e in evaluations
        for s in State.values[: ORDER[e.state]]
        if NEXT_STATES[s]
    )
    return CountryEvaluation.objects.count()


def test_deadline_dashboard_scales(demo_data, client, user_named, report):
    secretariat = user_named("secretariat")
    client.force_login(secretariat)
    small_count = CountryEvaluation.objects.count()
    timeline_url = reverse("procedure:timeline", args=[EvaluationRound.objects.get(number=1).pk])
    small = measure(client, "/admin/procedure/")
    small_timeline = measure(client, timeline_url)
    large_count = generate_rounds(secretariat)
    large = measure(client, "/admin/procedure/")
    large_timeline = measure(client, timeline_url)
    report.append(
        {
            "bench": "procedure",
            "page": "deadline timeline of round 1 (5 vs 46 countries)",
            "small_ms": small_timeline["median_ms"],
            "large_ms": large_timeline["median_ms"],
            "time_ratio": round(large_timeline["median_ms"] / small_timeline["median_ms"], 2),
            "small_queries": small_timeline["queries"],
            "large_queries": large_timeline["queries"],
        }
    )
    report.append(
        {
            "bench": "procedure",
            "page": "deadline dashboard, all rounds (first page of 50)",
            "small_evaluations": small_count,
            "large_evaluations": large_count,
            "small_ms": small["median_ms"],
            "large_ms": large["median_ms"],
            "time_ratio": round(large["median_ms"] / small["median_ms"], 2),
            "small_queries": small["queries"],
            "large_queries": large["queries"],
            "query_ratio": round(large["queries"] / small["queries"], 2),
        }
    )
    assert large["queries"] == small["queries"]
    assert large_timeline["queries"] == small_timeline["queries"]
