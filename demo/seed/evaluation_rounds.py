"""Demo procedure: round 1 with the five countries at different steps, dated relative to today
so the dashboard always shows something due soon and something overdue."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from evaluation_rounds import services, visit_services
from evaluation_rounds.models import CountryEvaluation, EvaluationRound, Plenary
from evaluation_rounds.procedure import State
from monitoring.models import Country, ExpertMember, Organisation

RAPPORTEURS = {  # evaluated country: the two rapporteurs' usernames (never nationals)
    "KZ": ("expert-kg", "expert-tj-2"),
    "KG": ("expert-kz-2", "expert-uz"),
    "TJ": ("expert-tm", "expert-uz-2"),
    "UZ": ("expert-kz", "expert-tm-2"),
    "TM": ("expert-tj", "expert-kg-2"),
}
PLENARY_OFFSETS = {1: -700, 2: -520, 3: -40, 4: 120}  # last day, in days from today
PLACES = {
    1: ("Almaty", "Алматы"),
    2: ("Tashkent", "Ташкент"),
    3: ("Bishkek", "Бишкек"),
    4: ("Dushanbe", "Душанбе"),
}

# (state reached, days from today, plenary number for plenary decisions)
SCRIPTS: dict[str, list[tuple[str, int, int | None]]] = {
    "KZ": [
        (State.QUESTIONNAIRE_SENT, -1000, None),
        (State.REPLIES_RECEIVED, -870, None),
        (State.VISIT_DONE, -815, None),
        (State.DRAFT_IN_PREPARATION, -800, None),
        (State.DRAFT_APPROVED, -700, 1),
        (State.DRAFT_WITH_GOVERNMENT, -690, None),
        (State.FINAL_ADOPTED, -520, 2),
        (State.FINAL_COMMENTS, -515, None),
        (State.PUBLISHED, -480, None),
    ],
    "KG": [
        (State.QUESTIONNAIRE_SENT, -600, None),
        (State.REPLIES_RECEIVED, -450, None),
        (State.VISIT_DONE, -295, None),
        (State.DRAFT_IN_PREPARATION, -280, None),
        (State.DRAFT_APPROVED, -40, 3),
        (State.DRAFT_WITH_GOVERNMENT, -35, None),
    ],
    "TJ": [
        (State.QUESTIONNAIRE_SENT, -400, None),
        (State.REPLIES_RECEIVED, -250, None),
        (State.VISIT_DONE, -150, None),
    ],
    "UZ": [(State.QUESTIONNAIRE_SENT, -130, None)],
    "TM": [],
}
VISITS = {"KZ": (-820, -816), "KG": (-300, -296), "TJ": (-160, -156)}

KYRGYZ_PROGRAMME = [  # (day of visit, hour, type, organisation English name or None, counterpart)
    (0, 9, "ministry", "Ministry of Labour, Social Security and Migration", ""),
    (0, 14, "law_enforcement", "Ministry of Internal Affairs of the Kyrgyz Republic", ""),
    (1, 10, "ombudsman", None, "Office of the Ombudsman (Akyikatchy)"),
    (1, 15, "ngo", 'Public Association "El Agartuu"', ""),
    (2, 10, "international", "International Organization for Migration (IOM)", ""),
    (3, 9, "place", None, "Crisis centre for women and children, Osh"),
    (4, 11, "judiciary", None, "Supreme Court of the Kyrgyz Republic"),
]
KYRGYZ_NOTES = {
    3: "Fictional demo note: the NGO described cases of victims referred back to police "
    "without interpretation; asked that its name not be attached to this account.",
    5: "Fictional demo note: the shelter has 12 places and no dedicated budget line after 2025.",
}


def _day(today: date, offset: int) -> date:
    return today + timedelta(days=offset)


def seed_rounds(today: date):
    first, _created = EvaluationRound.objects.update_or_create(
        number=1,
        defaults={
            "title_en": "First evaluation round: overview of implementation",
            "title_ru": "Первый раунд оценки: общий обзор выполнения",
            "theme_en": "Overview of the legal and institutional framework and its implementation.",
            "theme_ru": "Обзор правовой и институциональной базы и её применения.",
            "launch_date": _day(today, -1010),
            "status": EvaluationRound.Status.OPEN,
            "reference_first_year": 2020,
            "reference_last_year": 2024,
        },
    )
    EvaluationRound.objects.update_or_create(
        number=2,
        defaults={
            "title_en": "Second evaluation round: access to justice and effective remedies",
            "title_ru": "Второй раунд оценки: доступ к правосудию и эффективные средства защиты",
            "theme_en": "Access to justice and effective remedies for victims of trafficking.",
            "theme_ru": (
                "Доступ к правосудию и эффективные средства защиты для жертв торговли людьми."
            ),
            "launch_date": None,
            "status": EvaluationRound.Status.PREPARING,
        },
    )
    plenaries = {}
    for number, offset in PLENARY_OFFSETS.items():
        end = _day(today, offset)
        plenaries[number], _created = Plenary.objects.update_or_create(
            number=number,
            defaults={
                "start_date": end - timedelta(days=2),
                "end_date": end,
                "place_en": PLACES[number][0],
                "place_ru": PLACES[number][1],
            },
        )
    return first, plenaries


def _seed_visit(evaluation, iso: str, today: date, secretariat, rapporteur_users) -> None:
    if evaluation.visits.exists():
        return
    start, end = (_day(today, offset) for offset in VISITS[iso])
    visit = visit_services.visit_create(
        evaluation=evaluation,
        start_date=start,
        end_date=end,
        delegation=[*rapporteur_users, secretariat],
        actor=secretariat,
    )
    if iso != "KG":
        return
    for index, (day, hour, kind, organisation_name, counterpart) in enumerate(KYRGYZ_PROGRAMME):
        organisation = (
            Organisation.objects.get(name_en=organisation_name) if organisation_name else None
        )
        meeting = visit_services.meeting_add(
            visit=visit,
            starts_at=timezone.make_aware(
                datetime.combine(start + timedelta(days=day), time(hour))
            ),
            meeting_type=kind,
            organisation=organisation,
            counterpart=counterpart,
            location="Bishkek" if day < 3 else "Osh",
            actor=secretariat,
        )
        if index in KYRGYZ_NOTES:
            visit_services.meeting_note_save(
                meeting=meeting, text=KYRGYZ_NOTES[index], actor=secretariat
            )


def seed_procedure() -> None:
    today = timezone.localdate()
    secretariat = get_user_model().objects.get(username="secretariat")
    first_round, plenaries = seed_rounds(today)
    for iso, script in SCRIPTS.items():
        country = Country.objects.get(iso_code=iso)
        evaluation = CountryEvaluation.objects.filter(
            round=first_round, country=country, kind=CountryEvaluation.Kind.REGULAR
        ).first() or services.evaluation_create(
            round=first_round, country=country, actor=secretariat
        )
        experts = list(ExpertMember.objects.filter(user__username__in=RAPPORTEURS[iso]))
        if not evaluation.rapporteurs.exists():
            services.rapporteurs_assign(evaluation=evaluation, experts=experts, actor=secretariat)
        if evaluation.transitions.exists():
            continue  # already scripted on an earlier run
        for state, offset, plenary_number in script:
            if state == State.VISIT_DONE:
                _seed_visit(evaluation, iso, today, secretariat, [e.user for e in experts])
            services.evaluation_transition(
                evaluation=evaluation,
                to_state=state,
                actor=secretariat,
                occurred_on=_day(today, offset),
                plenary=plenaries.get(plenary_number),
                notify=False,
            )
