from datetime import date, timedelta

import pytest
from django.utils import timezone

from evaluation_rounds import services
from evaluation_rounds.models import CountryEvaluation, EvaluationRound, Plenary
from monitoring.models import Country, ExpertMember


@pytest.fixture
def secretariat(user_named):
    return user_named("secretariat")


@pytest.fixture
def round_one(demo_data):
    return EvaluationRound.objects.get(number=1)


@pytest.fixture
def evaluation_of(round_one):
    def get(iso: str) -> CountryEvaluation:
        return CountryEvaluation.objects.get(round=round_one, country__iso_code=iso)

    return get


@pytest.fixture
def fresh_evaluation(demo_data, secretariat):
    """A regular evaluation in an open round 3, with two non-national rapporteurs assigned."""
    round_three = EvaluationRound.objects.create(
        number=3, title_en="Round 3", title_ru="Раунд 3", status=EvaluationRound.Status.OPEN
    )
    kyrgyzstan = Country.objects.get(iso_code="KG")
    evaluation = services.evaluation_create(
        round=round_three, country=kyrgyzstan, actor=secretariat
    )
    services.rapporteurs_assign(
        evaluation=evaluation,
        experts=list(ExpertMember.objects.filter(user__username__in=["expert-kz", "expert-uz-2"])),
        actor=secretariat,
    )
    return evaluation


@pytest.fixture
def plenary_today(demo_data):
    today = timezone.localdate()
    return Plenary.objects.create(
        number=99,
        start_date=today - timedelta(days=1),
        end_date=today,
        place_en="Almaty",
        place_ru="Алматы",
    )


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)
