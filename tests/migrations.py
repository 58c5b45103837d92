"""Data-migration tests go back in time and forward again on the test database: these move it
and give the historical models of the state it lands in."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps


def migrate_to(targets, state_at=None) -> StateApps:
    """Migrate to `targets`; the historical models of the state the database is then in (or,
    given `state_at`, of the state at those nodes)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    if state_at is not None:
        return executor.loader.project_state(state_at).apps
    loader = MigrationExecutor(connection).loader
    applied = [key for key in loader.applied_migrations if key in loader.graph.nodes]
    return loader.project_state(applied).apps


def latest_nodes() -> list[tuple[str, str]]:
    """Every app's last migration."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate_to_latest() -> StateApps:
    return migrate_to(latest_nodes())
