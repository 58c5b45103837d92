"""Issue 17's test: from a migrated empty database and one secretariat account made by the
documented command, a whole evaluation of Uzbekistan, each step by the role that owns it,
through the pages, at a desktop and a phone width (every portal and public page measured)."""

import pytest
from django.core.management import call_command

from . import drafting, publication, questionnaire, setup, visit
from .world import PASSWORD, SECRETARIAT, World

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHASES = (setup, questionnaire, visit, drafting, publication)


@pytest.mark.parametrize("width", [1280, 360])
def test_a_whole_round_from_nothing(live_server, browser, settings, monkeypatch, width, artifacts):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    monkeypatch.setenv("SECRETARIAT_PASSWORD", PASSWORD)
    call_command("create_secretariat", SECRETARIAT, "aigerim@example.org")
    world = World(base=live_server.url, width=width, browser=browser)
    try:
        for phase in PHASES:
            phase.run(world)
    except Exception:
        world.keep_pages(artifacts / "whole-round")
        raise
    finally:
        world.close()
    assert world.widths, "no portal or public page was measured"
