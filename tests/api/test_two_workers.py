"""Two processes, as two workers of one site, over one database: the one that did not serve
the first answer gives the same ETag and Last-Modified, answers 304 to it, and after a write
in either process both give the new ETag (issue 20, item 5). Nothing is shared but the
database: each process has its own local-memory cache."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ASK = """
import json, sys
from django.test import Client
from monitoring.models import Country
write, etag = sys.argv[1], sys.argv[2]
if write:
    Country.objects.update_or_create(
        iso_code="KZ", defaults={"name_en": write, "name_ru": "Казахстан"}
    )
client = Client()
current = client.get("/api/v1/countries", headers={"accept-language": "en"})
again = client.get("/api/v1/countries", headers={"accept-language": "en", "if-none-match": etag})
names = [c["name_en"] for c in current.json()["items"]]
print(json.dumps({"etag": current["ETag"], "last_modified": current["Last-Modified"],
                  "again": again.status_code, "names": names}))
"""


def _run(database: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def _ask(database: Path, *, write: str = "", etag: str = "") -> dict:
    done = _run(database, "-c", _SETUP + ASK, write, etag)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


_SETUP = "import django\ndjango.setup()\n"


def test_two_workers_give_the_same_validators(tmp_path):
    database = tmp_path / "site.sqlite3"
    migrated = _run(database, "manage.py", "migrate", "--no-input", "-v0")
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr

    first = _ask(database, write="Kazakhstan")  # worker 1 writes, then answers
    second = _ask(database, etag=first["etag"])  # worker 2, nothing in its memory
    assert second["etag"] == first["etag"]
    assert second["last_modified"] == first["last_modified"]
    assert second["again"] == 304

    changed = _ask(database, write="Republic of Kazakhstan", etag=first["etag"])  # worker 2
    assert changed["etag"] != first["etag"] and changed["again"] == 200
    assert "Republic of Kazakhstan" in changed["names"]
    seen_by_one = _ask(database, etag=first["etag"])  # worker 1 follows
    assert seen_by_one["etag"] == changed["etag"] and seen_by_one["again"] == 200
