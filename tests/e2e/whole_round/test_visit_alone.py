import pytest
from django.core.management import call_command

from . import questionnaire, setup, visit
from .world import PASSWORD, SECRETARIAT, World

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("width", [1280, 360])
def test_visit(live_server, browser, settings, monkeypatch, width, artifacts):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    monkeypatch.setenv("SECRETARIAT_PASSWORD", PASSWORD)
    call_command("create_secretariat", SECRETARIAT, "aigerim@example.org")
    world = World(base=live_server.url, width=width, browser=browser)
    try:
        setup.run(world)
        questionnaire.run(world)
        visit.run(world)
    except Exception:
        world.keep_pages(artifacts / "whole-round")
        raise
    finally:
        world.close()
