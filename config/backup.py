"""One consistent archive of everything the platform holds, and its restore.

The archive is a tar.gz holding `manifest.json`, the database and the public and private media:
- SQLite: a copy made with SQLite's online backup API, whose row counts are read from the copy;
- PostgreSQL: `pg_dump --format=custom` run on a snapshot exported by a repeatable-read
  transaction, in which the row counts are read too, so the counts and the dump agree.
The manifest lists every file with its size and SHA-256, and the row count of every table.
A restore checks all of it before writing anything, and only onto an empty database.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database/db.sqlite3", "postgresql": "database/db.dump"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore that cannot go ahead; the message says why."""


@dataclass(frozen=True)
class Backup:
    path: Path
    manifest: dict


def media_roots() -> dict[str, Path]:
    return {"public": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _database(using: str) -> BaseDatabaseWrapper:
    connection = connections[using]
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection


# --- Backup ----------------------------------------------------------------------------------


def create_backup(directory: Path, *, using: str = "default") -> Backup:
    """Write the archive into `directory` and return it with its manifest."""
    connection = _database(using)
    directory.mkdir(parents=True, exist_ok=True)
    created = timezone.now()
    with tempfile.TemporaryDirectory() as staging_dir:
        staging = Path(staging_dir)
        database_file = staging / DATABASE_FILES[connection.vendor]
        database_file.parent.mkdir(parents=True)
        if connection.vendor == "sqlite":
            counts = _sqlite_dump(connection, database_file)
        else:
            counts = _postgres_dump(connection, database_file)
        members = {DATABASE_FILES[connection.vendor]: database_file}
        for label, root in media_roots().items():
            for path in sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []:
                members[f"media/{label}/{path.relative_to(root).as_posix()}"] = path
        manifest = {
            "format": FORMAT,
            "created_at": created.isoformat(),
            "database": {"vendor": connection.vendor, "file": DATABASE_FILES[connection.vendor]},
            "tables": counts,
            "files": [
                {"path": name, "size": path.stat().st_size, "sha256": sha256(path)}
                for name, path in members.items()
            ],
        }
        manifest_file = staging / MANIFEST
        manifest_file.write_text(json.dumps(manifest, indent=2, sort_keys=True))
        archive = directory / f"thb-monitoring-{created:%Y%m%d-%H%M%S-%f}.tar.gz"
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_file, arcname=MANIFEST)
            for name, path in members.items():
                tar.add(path, arcname=name)
        partial.replace(archive)  # a half-written archive never carries the final name
    return Backup(archive, manifest)


def _sqlite_counts(database: sqlite3.Connection) -> dict[str, int]:
    tables = [
        name
        for (name,) in database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {
        table: database.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        for table in tables
    }


def _sqlite_dump(connection: BaseDatabaseWrapper, target: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        return _sqlite_counts(copy)
    finally:
        copy.close()


def _postgres_environment(connection: BaseDatabaseWrapper) -> tuple[list[str], dict[str, str]]:
    params = connection.settings_dict
    arguments = ["--dbname", params["NAME"]]
    if params.get("HOST"):
        arguments += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        arguments += ["--port", str(params["PORT"])]
    if params.get("USER"):
        arguments += ["--username", str(params["USER"])]
    environment = {**os.environ}
    if params.get("PASSWORD"):
        environment["PGPASSWORD"] = str(params["PASSWORD"])
    return arguments, environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(_("%(program)s is not installed.") % {"program": command[0]})
    # The program is ours (pg_dump, pg_restore); the arguments come from the settings.
    done = subprocess.run(  # noqa: S603
        command, env=environment, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s") % {"program": command[0], "error": done.stderr}
        )


def _postgres_counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _postgres_dump(connection: BaseDatabaseWrapper, target: Path) -> dict[str, int]:
    if connection.in_atomic_block:
        raise BackupError(_("Run the backup outside a transaction."))
    arguments, environment = _postgres_environment(connection)
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        counts = _postgres_counts(connection)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
                *arguments,
            ],
            environment,
        )
    return counts


# --- Restore ---------------------------------------------------------------------------------


def read_archive(archive: Path, into: Path) -> dict:
    """Extract `archive` into `into` and check it against its manifest: every file present,
    of the listed size and checksum, and nothing else."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(into, filter="data")  # refuses absolute paths, links out, devices
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(
            _("This is not a readable backup archive: %(error)s") % {"error": error}
        ) from error
    try:
        manifest = json.loads((into / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(_("The archive has no readable manifest.")) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("Unknown archive format: %(format)s.") % {"format": manifest.get("format")}
        )
    listed = {entry["path"]: entry for entry in manifest["files"]}
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()}
    present.discard(MANIFEST)
    if extra := sorted(present - listed.keys()):
        raise BackupError(_("Files not in the manifest: %(files)s") % {"files": ", ".join(extra)})
    for name, entry in listed.items():
        path = into / name
        if not path.is_file():
            raise BackupError(_("Missing from the archive: %(file)s") % {"file": name})
        if path.stat().st_size != entry["size"] or sha256(path) != entry["sha256"]:
            raise BackupError(_("Checksum mismatch: %(file)s") % {"file": name})
    return manifest


def restore_backup(archive: Path, *, using: str = "default") -> dict:
    """Restore `archive` onto the empty database `using` and the empty media folders; return
    the manifest. Nothing is written unless the archive checks out."""
    connection = _database(using)
    with tempfile.TemporaryDirectory() as unpacked_dir:
        unpacked = Path(unpacked_dir)
        manifest = read_archive(archive, unpacked)
        if manifest["database"]["vendor"] != connection.vendor:
            raise BackupError(
                _("The archive holds a %(archived)s database; this one is %(vendor)s.")
                % {"archived": manifest["database"]["vendor"], "vendor": connection.vendor}
            )
        with connection.cursor() as cursor:
            if connection.introspection.table_names(cursor):
                raise BackupError(
                    _("The database is not empty: restore onto a new, empty database.")
                )
        for label, root in media_roots().items():
            if root.exists() and any(root.iterdir()):
                raise BackupError(
                    _("The %(label)s media folder %(root)s is not empty.")
                    % {"label": label, "root": root}
                )
        database_file = unpacked / manifest["database"]["file"]
        if connection.vendor == "sqlite":
            _sqlite_restore(connection, database_file)
            counts = _sqlite_counts(connection.connection)
        else:
            arguments, environment = _postgres_environment(connection)
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    *arguments,
                    str(database_file),
                ],
                environment,
            )
            counts = _postgres_counts(connection)
        if counts != manifest["tables"]:
            differing = sorted(
                table
                for table in counts.keys() | manifest["tables"].keys()
                if counts.get(table) != manifest["tables"].get(table)
            )
            raise BackupError(
                _("The restored row counts differ from the manifest: %(tables)s")
                % {"tables": ", ".join(differing)}
            )
        for label, root in media_roots().items():
            source = unpacked / "media" / label
            if source.exists():
                shutil.copytree(source, root, dirs_exist_ok=True)
    return manifest


def _sqlite_restore(connection: BaseDatabaseWrapper, source_file: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(source_file)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
