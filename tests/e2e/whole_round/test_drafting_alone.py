from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from evaluation_rounds import services, visit_services
from evaluation_rounds.models import CountryEvaluation
from evaluation_rounds.procedure import State

from . import drafting, setup
from .world import PASSWORD, SECRETARIAT, World

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def scaffold_visit_done() -> None:
    """What the questionnaire and visit phases leave: Uzbekistan's questionnaire sent and
    answered, the country visit held and recorded (the procedure's own steps, by the
    secretariat, dated in the past so that the drafting phase can date its steps after them)."""
    secretariat = get_user_model().objects.get(username=SECRETARIAT)
    evaluation = CountryEvaluation.objects.get(country__iso_code="UZ", round__number=1)
    today = timezone.localdate()
    for state, days_ago in ((State.QUESTIONNAIRE_SENT, 150), (State.REPLIES_RECEIVED, 40)):
        services.evaluation_transition(
            evaluation=evaluation,
            to_state=state,
            actor=secretariat,
            occurred_on=today - timedelta(days=days_ago),
        )
    visit_services.visit_create(
        evaluation=evaluation,
        start_date=today - timedelta(days=25),
        end_date=today - timedelta(days=21),
        delegation=[secretariat],
        actor=secretariat,
    )
    services.evaluation_transition(
        evaluation=evaluation,
        to_state=State.VISIT_DONE,
        actor=secretariat,
        occurred_on=today - timedelta(days=20),
    )
    assert evaluation.state == State.VISIT_DONE


@pytest.mark.parametrize("width", [1280, 360])
def test_drafting(live_server, browser, settings, monkeypatch, width, artifacts):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    monkeypatch.setenv("SECRETARIAT_PASSWORD", PASSWORD)
    call_command("create_secretariat", SECRETARIAT, "aigerim@example.org")
    world = World(base=live_server.url, width=width, browser=browser)
    try:
        setup.run(world)
        scaffold_visit_done()
        drafting.run(world)
    except Exception:
        world.keep_pages(artifacts / "whole-round")
        raise
    finally:
        world.close()
