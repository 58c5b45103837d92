"""`make loadtest`: locust against gunicorn + PostgreSQL on loopback, then the autosave check.

1. A fresh PostgreSQL database (LOAD_DATABASE_URL, default monitoring_load on 127.0.0.1):
   migrate, the demo data, 50 extra NGO respondents (tests/load/prepare.py).
2. gunicorn with production settings on plain HTTP (tests/load/settings.py).
3. locust, headless: 50 respondents autosaving, 20 public visitors, for LOAD_SECONDS (60).
4. Requests per second, p50/p95/p99 and errors, per request kind and overall.
5. Every acknowledged autosave is read back from the database: its last text must be there.
Exit status 1 when any request failed or any acknowledged autosave is missing.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "load"
PYTHON = sys.executable
BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/monitoring_load"
)
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
PORT = int(os.environ.get("LOAD_PORT", "8765"))
WORKERS = int(os.environ.get("LOAD_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))


def step(message: str) -> None:
    print(f"== {message}", flush=True)


def run(command: list[str], env: dict, **kwargs) -> None:
    subprocess.run(command, check=True, cwd=ROOT, env=env, **kwargs)


def ensure_postgres() -> None:
    parts = urlsplit(DATABASE_URL)
    ready = ["pg_isready", "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    if subprocess.run(ready, capture_output=True).returncode != 0:
        clusters = sorted(os.listdir("/etc/postgresql"))
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", clusters[-1], "main", "start"],
            check=True,
        )
        for _ in range(30):
            if subprocess.run(ready, capture_output=True).returncode == 0:
                break
            time.sleep(1)
    name = parts.path.lstrip("/")
    admin = ["-h", parts.hostname or "127.0.0.1", "-U", parts.username or "postgres"]
    subprocess.run(["dropdb", *admin, "--if-exists", "--force", name], check=True)
    subprocess.run(["createdb", *admin, name], check=True)


def environment(settings: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DJANGO_SETTINGS_MODULE": settings,
        "SECRET_KEY": "load-test-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_HOST": "127.0.0.1",
        "AUDIT_PROXY_COUNT": "0",
        "DB_CONN_MAX_AGE": "60",
        "PYTHONPATH": str(ROOT),
        "LOAD_PLAN": str(OUT / "plan.json"),
        "LOAD_ACKS": str(OUT / "acknowledged.json"),
    }


def wait_for_server(url: str) -> None:
    for _ in range(60):
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer at {url}")


def report(stats_csv: Path) -> int:
    rows = list(csv.DictReader(stats_csv.open()))
    header = (
        f"{'request':58} {'count':>6} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}"
    )
    print(header)
    failures = 0
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        method = row["Type"]
        label = f"{method} {name}".strip()[:58]
        print(
            f"{label:58} {row['Request Count']:>6} {row['Failure Count']:>5} "
            f"{float(row['Requests/s']):7.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
        if row["Name"] == "Aggregated":
            failures = int(row["Failure Count"])
    print("(times in milliseconds)")
    return failures


CHECK_AUTOSAVES = """
import json, os
from questionnaires.models import Answer
saved = json.load(open(os.environ["LOAD_ACKS"]))
acks = saved["respondents"]
exact = in_flight = 0
lost = []
for username, ack in acks.items():
    answer = Answer.objects.get(response_id=ack["response"], question_id=ack["question"])
    stored = (answer.version, answer.value.get("text"))
    if stored == (ack["version"], ack["text"]):
        exact += 1
    elif stored == (ack["version"] + 1, ack["in_flight"]):
        in_flight += 1
    else:
        lost.append(username)
outcome = {"acknowledged": saved["acknowledged"], "checked": len(acks), "exact": exact}
print(json.dumps({**outcome, "in_flight": in_flight, "lost": lost}))
"""


def check_autosaves(env: dict) -> dict:
    """Each respondent's last acknowledged save is in the database: as acknowledged, or
    followed by the one save still on its way when locust stopped (sent, stored, unanswered)."""
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", CHECK_AUTOSAVES],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    (ROOT / "var" / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise's STATIC_ROOT
    step(f"PostgreSQL: a fresh database at {DATABASE_URL}")
    ensure_postgres()
    dev = environment("monitoring.settings.dev")
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], dev)
    run([PYTHON, "manage.py", "seed_demo"], dev, stdout=subprocess.DEVNULL)
    load = environment("tests.load.settings")
    # Under the server's settings: the sessions it makes are signed with the server's key.
    run([PYTHON, "tests/load/prepare.py", str(OUT / "plan.json")], load)

    step(f"gunicorn: {WORKERS} workers on 127.0.0.1:{PORT}")
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "monitoring.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=load,
        start_new_session=True,
    )
    try:
        wait_for_server(f"http://127.0.0.1:{PORT}/en/")
        step(f"locust: 50 respondents autosaving and 20 visitors, {SECONDS} s")
        # locust exits 1 when a request failed; the report below says which and why.
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                "tests/load/locustfile.py",
                "--headless",
                "--users",
                "70",
                "--spawn-rate",
                "35",
                "--run-time",
                f"{SECONDS}s",
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--csv",
                str(OUT / "result"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=load,
            stdout=(OUT / "locust.log").open("w"),
            stderr=subprocess.STDOUT,
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    step("Results")
    failures = report(OUT / "result_stats.csv")
    for row in csv.DictReader((OUT / "result_failures.csv").open()):
        print(f"failed: {row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']}x)")
    autosaves = check_autosaves(load)
    print(
        f"autosaves acknowledged: {autosaves['acknowledged']}; checked in the database: the"
        f" last of each of {autosaves['checked']} respondents, {autosaves['exact']} as"
        f" acknowledged, {autosaves['in_flight']} followed"
        f" by the save in flight at the stop, lost: {len(autosaves['lost'])}"
        f" {autosaves['lost'] or ''}"
    )
    ok = failures == 0 and not autosaves["lost"] and autosaves["checked"] > 0
    print("LOAD TEST", "PASSED" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
