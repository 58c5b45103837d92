"""The version of the public data: one number raised by every write that can change what the
public site or the API shows, inside that write's transaction.

Why rows in the database: with several workers, a cache or an ETag kept in one process's
memory answers differently from the next worker's. The rows commit with the data they version,
so a reader that sees the new data sees the new number, and one that read the number before a
write began labels its answer with the older number, which only makes a client fetch again.

Writes reach it two ways: a model signal for every row saved or deleted in the apps whose data
is public (`WATCHED`), and `bump()` called by the funnels that write in bulk without signals
(`recommendations.tracker_counts.refresh`). Raising it too often only costs a cache miss;
raising it once per transaction block is enough, so a block that saves many rows updates the
row once.

The number is a sum over a few rows (`SHARDS`), each worker process raising its own: the
raise holds its row's lock until the transaction ends, and with one row for everyone a writer
that took that lock first and another that locked a report first could each wait for the
other. The sum still grows with every commit, and the latest moment comes with it.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime

from django.apps import apps as global_apps
from django.db import IntegrityError, connections, router, transaction
from django.db.models import F, Max, Sum
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .models import DataVersion

SHARDS = 16
# app label: the models whose rows are public once published (None: every model of the app).
WATCHED: dict[str, set[str] | None] = {
    "monitoring": {"country", "organisation"},
    "evaluation_rounds": None,
    "reports": None,
    "recommendations": None,
    "indicators": None,
}
# Written only by `tracker_counts.refresh`, which raises the version itself.
NOT_WATCHED = {"recommendations.trackercount", "recommendations.trackerentry"}
NEVER = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Version:
    number: int
    changed_at: datetime

    @property
    def token(self) -> str:
        """The number and its moment: a number reused after a rollback or a restore comes
        with another moment, so a key made of both never names other data."""
        return f"{self.number}.{round(self.changed_at.timestamp() * 1_000_000)}"


def current() -> Version:
    """The version now: one query. Read inside a transaction that has raised it, it ends that
    raise's block: a write after this read raises it again, so that what was read (and cached
    under this version) is never taken for what the transaction commits."""
    connection = connections[router.db_for_read(DataVersion)]
    if connection.in_atomic_block:
        connection.run_on_commit = [
            hook for hook in connection.run_on_commit if hook[1] is not _bumped_here
        ]
    found = DataVersion.objects.aggregate(number=Sum("number"), changed_at=Max("changed_at"))
    return Version(found["number"] or 0, found["changed_at"] or NEVER)


def _shard() -> int:
    return (os.getpid() * 31 + threading.get_ident()) % SHARDS + 1


def _bumped_here() -> None:
    """A marker among the block's on-commit callbacks: dropped with the block if it rolls
    back, so the next attempt raises the version again."""


def bump(using: str = "default") -> None:
    """Raise the version in the current transaction (once per atomic block)."""
    connection = connections[using]
    block = set(connection.savepoint_ids)
    if connection.in_atomic_block and any(
        func is _bumped_here and sids == block for sids, func, _ in connection.run_on_commit
    ):
        return
    now = timezone.now()
    shard = _shard()
    rows = DataVersion.objects.using(using).filter(pk=shard)
    if not rows.update(number=F("number") + 1, changed_at=now):
        try:
            with transaction.atomic(using=using):
                DataVersion.objects.using(using).create(pk=shard, number=1, changed_at=now)
        except IntegrityError:  # another writer created it first
            rows.update(number=F("number") + 1, changed_at=now)
    if connection.in_atomic_block:
        transaction.on_commit(_bumped_here, using=using)


def is_watched(model) -> bool:
    meta = model._meta
    if meta.apps is not global_apps:  # a migration's historical model: not the site's writes
        return False
    if meta.label_lower in NOT_WATCHED or meta.app_label not in WATCHED:
        return False
    chosen = WATCHED[meta.app_label]
    return chosen is None or meta.model_name in chosen


def _changed(sender, **kwargs) -> None:
    if is_watched(sender) and not kwargs.get("raw"):
        bump(kwargs.get("using") or router.db_for_write(sender))


def _relation_changed(sender, instance, action: str, model, using: str, **kwargs) -> None:
    if action.startswith("post_") and (is_watched(type(instance)) or is_watched(model)):
        bump(using)


def connect() -> None:
    post_save.connect(_changed, dispatch_uid="data-version.save")
    post_delete.connect(_changed, dispatch_uid="data-version.delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="data-version.relation")
