import shutil

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.test import Client
from django.utils import translation

from accounts import second_factor
from demo import seeding as demo
from tests.migrations import migrate_to_latest


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or {"transactional_db", "live_server", "django_db_reset_sequences"} & set(names)
    )


def _shares_the_demo(item: pytest.Item) -> bool:
    return "demo_data" in getattr(item, "fixturenames", ()) and not _is_transactional(item)


class SharedDemo:
    """The demo data set, seeded once and kept in an open outer transaction.

    Seeding takes seconds and most tests want it, so tests that run in a transaction (pytest's
    `db`) share one seed: each test's own transaction is a savepoint inside this one and rolls
    back to the freshly seeded state. Tests that want an empty database close it first (rolling
    the seed back); tests that commit (`transactional_db`, browser tests) seed for themselves.
    """

    def __init__(self, blocker):
        self._blocker = blocker
        self._atomic = None

    def _is_open(self) -> bool:
        # A test that closed the connection or left the block has rolled the seed back.
        return (
            self._atomic is not None
            and connection.in_atomic_block
            and not connection.closed_in_transaction
        )

    def open(self) -> None:
        if self._is_open():
            return
        self.close()
        with self._blocker.unblock():
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            demo.seed()

    def close(self) -> None:
        atomic, self._atomic = self._atomic, None
        if atomic is None or not connection.in_atomic_block:
            return
        with self._blocker.unblock():
            if not connection.closed_in_transaction:
                transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def latest_schema_after():
    """A data-migration test goes back past later migrations; the next tests want every
    migration applied again."""
    yield
    migrate_to_latest()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request handled in Russian by an earlier
    test leaves Russian active in the thread otherwise."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with nothing cached: an earlier test's answers, kept under the demo's
    version, would otherwise change how many queries a first request runs."""
    from recommendations import tracker_counts

    cache.clear()
    tracker_counts.forget_read()
    yield


@pytest.fixture(scope="session")
def _shared_demo(django_db_setup, django_db_blocker):
    shared = SharedDemo(django_db_blocker)
    yield shared
    shared.close()


@pytest.fixture
def _demo_transaction(request, _shared_demo):
    if _shares_the_demo(request.node):
        _shared_demo.open()
    else:
        _shared_demo.close()


def _serialized(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback"))


@pytest.fixture
def _empty_before_a_serialized_restore(request, django_db_blocker):
    """A test with `serialized_rollback` gets the migrated data back (Django reloads its copy
    at set-up). An earlier transactional test's flush re-created the content types and
    permissions (post_migrate) with other keys, and reloading would collide with them: empty
    the tables first, without post_migrate, so the copy goes back into an empty database.

    The other way round, Django's flush after a serialized test skips post_migrate (it counts
    on the next test's restore): a transactional test after it would start with no content
    types at all, so they are made again as after any other flush."""
    marker = request.node.get_closest_marker("django_db")
    if not marker or not marker.kwargs.get("transaction"):
        return
    with django_db_blocker.unblock():
        if _serialized(request):
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        elif not ContentType.objects.exists():
            emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)


@pytest.fixture
def _django_db_helper(
    request,
    django_db_blocker,
    _demo_transaction,
    _empty_before_a_serialized_restore,
    _django_db_helper,
):
    """pytest-django's per-test database set-up, after the shared demo transaction is settled.
    After a serialized restore, the sequences move past the keys the copy brought back
    (PostgreSQL's do not follow rows written with their keys), so a new row gets a free one."""
    if _serialized(request):
        with django_db_blocker.unblock():
            statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
    return _django_db_helper


@pytest.fixture
def demo_data(request, db):
    """The full demo data set, loaded through the same code as `manage.py seed_demo`."""
    if not _shares_the_demo(request.node):
        demo.seed()
    return demo


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """pytest-django's order, with the tests sharing the demo seed together (seeded once)."""

    def order(item: pytest.Item) -> int:
        names = getattr(item, "fixturenames", ())
        if _is_transactional(item):
            return 2
        if _shares_the_demo(item):
            return 1
        if item.get_closest_marker("django_db") or "db" in names:
            return 0
        return 3

    items.sort(key=order)


@pytest.fixture
def user_named(demo_data):
    def get(username: str):
        return get_user_model().objects.get(username=username)

    return get


@pytest.fixture
def first_secretariat(db, monkeypatch):
    """An empty platform's first account, made as an installer makes it (`create_secretariat`),
    with the public site's frame it lays out. No demo data."""
    from django.core.management import call_command

    monkeypatch.setenv("SECRETARIAT_PASSWORD", "Karakalpakstan-1991-plenary")
    call_command("create_secretariat", "aigerim", "aigerim@example.org")
    return get_user_model().objects.get(username="aigerim")


@pytest.fixture
def login_as(client, user_named):
    """Sign a demo account in on the test client and return the client."""

    def sign_in(username: str):
        client.force_login(user_named(username))
        return client

    return sign_in


@pytest.fixture(autouse=True)
def force_login_passes_second_factor(monkeypatch):
    """`client.force_login` skips the password; here it skips the second sign-in step too.

    tests/accounts signs in through the real forms, second step included.
    """
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        required = second_factor.state_for(user) == second_factor.REQUIRED
        session[second_factor.SESSION_KEY] = (
            second_factor.VERIFIED if required else second_factor.NOT_REQUIRED
        )
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


def pytest_sessionfinish(session, exitstatus):
    """This run's uploaded and generated files go with it (one folder per run)."""
    shutil.rmtree(settings.TEST_FILES_ROOT, ignore_errors=True)
