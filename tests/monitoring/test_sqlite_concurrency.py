"""The embedded default database (SQLite, the demo's) takes concurrent writers: a transaction
that reads and then writes waits for the lock instead of failing with "database is locked"."""

import contextlib
import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction

WRITERS = 6


@pytest.mark.django_db(transaction=True)
def test_concurrent_read_then_write_transactions_all_succeed():
    # Every writer reads before any of them writes (the barrier), the pattern of a sign-in or
    # an autosave: with deferred transactions at most one of them may then write, the others
    # fail at once. A writer that waits for the lock instead breaks the barrier by its timeout:
    # that only makes the writers take turns, it never decides the outcome.
    everyone_has_read = threading.Barrier(WRITERS, timeout=1)
    errors: list[str] = []

    def read_then_write(number: int) -> None:
        try:
            with transaction.atomic():
                seen = Group.objects.count()
                with contextlib.suppress(threading.BrokenBarrierError):
                    everyone_has_read.wait()
                Group.objects.create(name=f"writer {number} after {seen}")
        except Exception as error:  # collected, asserted below
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    writers = [threading.Thread(target=read_then_write, args=(n,)) for n in range(WRITERS)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()

    assert errors == []
    assert Group.objects.filter(name__startswith="writer ").count() == WRITERS
