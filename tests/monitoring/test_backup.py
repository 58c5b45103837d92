"""`manage.py backup` and `manage.py restore`, for real: the demo data is archived from the test
database (SQLite or PostgreSQL, whichever the suite runs on), restored by a separate process onto a
new empty database and empty media folders, and compared table by table and file by file."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from config.backup import MANIFEST, media_roots
from demo import seeding as demo

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)


def _table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _checksums(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def _backup(tmp_path: Path) -> Path:
    out = io.StringIO()
    call_command("backup", output_dir=tmp_path / "backups", stdout=out)
    archive = Path(out.getvalue().splitlines()[0])
    assert archive.is_file() and archive.parent == tmp_path / "backups"
    return archive


@pytest.fixture
def empty_target(tmp_path):
    """A new, empty database of the suite's kind, as a DATABASE_URL, and a reader of it."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"

        def read(sql: str) -> list[tuple]:
            with sqlite3.connect(path) as database:
                return database.execute(sql).fetchall()

        yield f"sqlite:///{path}", read
        return
    import psycopg

    params = connection.settings_dict
    name = f"{params['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    url = (
        f"postgres://{params['USER']}:{params.get('PASSWORD') or ''}@"
        f"{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{name}"
    )

    def read(sql: str) -> list[tuple]:
        with psycopg.connect(url) as database:
            return database.execute(sql).fetchall()

    yield url, read
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _restore(archive: Path, database_url: str, media: Path) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media / "public"),
        "PRIVATE_MEDIA_ROOT": str(media / "private"),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_demo_round_trips_through_backup_and_restore(tmp_path, empty_target):
    demo.seed()
    roots = media_roots()
    (roots["public"] / "backup-test").mkdir(parents=True, exist_ok=True)
    (roots["public"] / "backup-test" / "logo.txt").write_text("public file")
    (roots["private"] / "backup-test").mkdir(parents=True, exist_ok=True)
    (roots["private"] / "backup-test" / "evidence.txt").write_text("Конфиденциальный файл")
    source_counts = _table_counts()
    source_files = {label: _checksums(root) for label, root in roots.items()}

    archive = _backup(tmp_path)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["tables"] == source_counts
    assert manifest["tables"]["recommendations_recommendation"] > 15
    listed = {entry["path"] for entry in manifest["files"]}
    assert "media/private/backup-test/evidence.txt" in listed

    url, read = empty_target
    restored = _restore(archive, url, tmp_path / "restored-media")
    assert restored.returncode == 0, restored.stderr
    assert "Restored" in restored.stdout

    for table, count in source_counts.items():
        quoted = connection.ops.quote_name(table)
        assert read(f"SELECT COUNT(*) FROM {quoted}")[0][0] == count, table  # noqa: S608
    titles = "SELECT title_en, published_at IS NOT NULL FROM reports_report ORDER BY id"
    assert [tuple(row) for row in read(titles)] == [tuple(row) for row in _rows(titles)]
    for label, files in source_files.items():
        assert _checksums(tmp_path / "restored-media" / label) == files


def _rows(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def test_a_tampered_archive_is_refused_and_nothing_is_written(tmp_path, empty_target):
    archive = _backup(tmp_path)
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("database/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))

    url, read = empty_target
    refused = _restore(tampered, url, tmp_path / "restored-media")
    assert refused.returncode != 0
    assert "Checksum mismatch: database/" in refused.stderr
    assert not (tmp_path / "restored-media").exists()
    if connection.vendor == "sqlite":
        assert read("SELECT COUNT(*) FROM sqlite_master")[0][0] == 0
    else:
        assert read("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")[0][0] == 0


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    archive = _backup(tmp_path)
    before = _table_counts()
    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(archive))
    assert _table_counts() == before


def test_restore_refuses_what_is_not_an_archive(tmp_path):
    not_an_archive = tmp_path / "notes.tar.gz"
    not_an_archive.write_text("not a backup")
    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(not_an_archive))
    with pytest.raises(CommandError, match="No such archive"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))
