"""`make loadtest`: locust against gunicorn on loopback, on PostgreSQL and on SQLite, each
followed by the autosave check.

For each engine:
1. A fresh database, migrated, with the demo data and 50 extra NGO respondents
   (tests/load/prepare.py). PostgreSQL: LOAD_DATABASE_URL, default monitoring_load on
   127.0.0.1. SQLite: var/load/sqlite/demo.sqlite3, configured as the demo's (base.py).
2. gunicorn. PostgreSQL: production settings on plain HTTP (tests/load/settings.py), sync
   workers, the cache in Redis (LOAD_REDIS_URL, default database 14 on 127.0.0.1). SQLite: the
   demo's settings (config.settings.dev) with threaded workers, so that requests really write at
   the same time.
3. locust, headless, for LOAD_SECONDS (60). PostgreSQL: 50 respondents autosaving and 20 public
   visitors; SQLite: 20 and 10.
4. Requests per second, p50/p95/p99 and errors, per request kind and overall.
5. Every acknowledged autosave is read back from the database: its last text must be there.
LOAD_ENGINES (default "postgresql,sqlite") chooses the engines. Exit status 1 when any request
failed or any acknowledged autosave is missing, on either engine.
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
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "load"
PYTHON = sys.executable
BIN = Path(sys.executable).parent
POSTGRES_URL = os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/monitoring_load"
)
# Production settings need the shared cache; the load test's own Redis database, emptied first.
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/14")
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
PORT = int(os.environ.get("LOAD_PORT", "8765"))
CPUS = os.cpu_count() or 1


@dataclass(frozen=True)
class Engine:
    name: str
    settings: str
    gunicorn: tuple[str, ...]
    respondents: int
    visitors: int

    @property
    def out(self) -> Path:
        return OUT / self.name


ENGINES = {
    "postgresql": Engine(
        name="postgresql",
        settings="tests.load.settings",
        gunicorn=(
            "--workers",
            os.environ.get("LOAD_WORKERS", str(2 * CPUS + 1)),
            "--worker-class",
            "sync",
        ),
        respondents=50,
        visitors=20,
    ),
    # The demo as `make demo` configures it, served by several processes of several threads.
    # Threaded workers keep connections open between requests: longer than a user's pause
    # (at most 4 s), else the server closes one just as the client sends on it (a reset).
    "sqlite": Engine(
        name="sqlite",
        settings="config.settings.dev",
        gunicorn=(
            *("--workers", str(CPUS + 1), "--worker-class", "gthread", "--threads", "4"),
            *("--keep-alive", "10"),
        ),
        respondents=20,
        visitors=10,
    ),
}


def step(message: str) -> None:
    print(f"== {message}", flush=True)


def run(command: list[str], env: dict, **kwargs) -> None:
    subprocess.run(command, check=True, cwd=ROOT, env=env, **kwargs)


def fresh_postgres() -> str:
    parts = urlsplit(POSTGRES_URL)
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
    return POSTGRES_URL


def fresh_sqlite(engine: Engine) -> str:
    return f"sqlite:///{engine.out / 'demo.sqlite3'}"


def environment(engine: Engine, settings: str, database_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": settings,
        "SECRET_KEY": "load-test-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_HOST": "127.0.0.1",
        "REDIS_URL": REDIS_URL,
        "AUDIT_PROXY_COUNT": "0",
        "DB_CONN_MAX_AGE": "60",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "LOAD_PLAN": str(engine.out / "plan.json"),
        "LOAD_ACKS": str(engine.out / "acknowledged.json"),
        "LOAD_RESPONDENTS": str(engine.respondents),
        "LOAD_VISITORS": str(engine.visitors),
    }


def wait_for_server(url: str) -> None:
    for _ in range(60):
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - loopback
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer at {url}")


def report(stats_csv: Path) -> dict:
    rows = list(csv.DictReader(stats_csv.open()))
    header = (
        f"{'request':58} {'count':>6} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}"
    )
    print(header)
    total = {}
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        method = row["Type"]
        label = f"{method} {name}".strip()[:58]
        print(
            f"{label:58} {row['Request Count']:>6} {row['Failure Count']:>5} "
            f"{float(row['Requests/s']):7.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
        if row["Name"] == "Aggregated":
            total = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": row["50%"],
                "p95": row["95%"],
                "p99": row["99%"],
            }
    print("(times in milliseconds)")
    return total


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


def load_test(engine: Engine) -> dict:
    engine.out.mkdir(parents=True)
    if engine.name == "postgresql":
        step(f"PostgreSQL: a fresh database at {POSTGRES_URL}")
        database_url = fresh_postgres()
    else:
        database_url = fresh_sqlite(engine)
        step(f"SQLite: a fresh demo database at {database_url}")
    setup = environment(engine, "config.settings.dev", database_url)
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], setup)
    run([PYTHON, "manage.py", "seed_demo"], setup, stdout=subprocess.DEVNULL)
    server_env = environment(engine, engine.settings, database_url)
    # Under the server's settings: the sessions it makes are signed with the server's key.
    run([PYTHON, "tests/load/prepare.py", str(engine.out / "plan.json")], server_env)

    step(f"gunicorn ({engine.settings}): {' '.join(engine.gunicorn)} on 127.0.0.1:{PORT}")
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            *engine.gunicorn,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=server_env,
        start_new_session=True,
    )
    users = engine.respondents + engine.visitors
    try:
        wait_for_server(f"http://127.0.0.1:{PORT}/en/")
        step(
            f"locust: {engine.respondents} respondents autosaving and {engine.visitors}"
            f" visitors, {SECONDS} s"
        )
        # locust exits 1 when a request failed; the report below says which and why.
        subprocess.run(
            [
                PYTHON,
                "-m",
                "locust",
                "-f",
                "tests/load/locustfile.py",
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users // 2),
                "--run-time",
                f"{SECONDS}s",
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--csv",
                str(engine.out / "result"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=server_env,
            stdout=(engine.out / "locust.log").open("w"),
            stderr=subprocess.STDOUT,
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    step(f"Results on {engine.name}")
    total = report(engine.out / "result_stats.csv")
    for row in csv.DictReader((engine.out / "result_failures.csv").open()):
        print(f"failed: {row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']}x)")
    autosaves = check_autosaves(server_env)
    print(
        f"autosaves acknowledged: {autosaves['acknowledged']}; checked in the database: the"
        f" last of each of {autosaves['checked']} respondents, {autosaves['exact']} as"
        f" acknowledged, {autosaves['in_flight']} followed"
        f" by the save in flight at the stop, lost: {len(autosaves['lost'])}"
        f" {autosaves['lost'] or ''}"
    )
    ok = total.get("failures", 1) == 0 and not autosaves["lost"] and autosaves["checked"] > 0
    print(f"LOAD TEST on {engine.name}", "PASSED" if ok else "FAILED", flush=True)
    return {**total, **autosaves, "ok": ok}


def fresh_redis() -> None:
    """Redis as CI starts it (.ci/run) when none answers, then the load test's database empty."""
    parts = urlsplit(REDIS_URL)
    address = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 6379)]
    ping = ["redis-cli", *address, "ping"]
    if subprocess.run(ping, capture_output=True).returncode != 0:
        server = ["redis-server", "--bind", address[1], "--port", address[3]]
        subprocess.run(
            [*server, "--daemonize", "yes", "--save", "", "--appendonly", "no"], check=True
        )
        for _ in range(30):
            if subprocess.run(ping, capture_output=True).returncode == 0:
                break
            time.sleep(1)
    database = parts.path.lstrip("/") or "0"
    subprocess.run(["redis-cli", *address, "-n", database, "flushdb"], check=True)


def main() -> int:
    names = [n.strip() for n in os.environ.get("LOAD_ENGINES", "postgresql,sqlite").split(",")]
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    (ROOT / "var" / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise's STATIC_ROOT
    if "postgresql" in names:
        fresh_redis()
    outcomes = {name: load_test(ENGINES[name]) for name in names}

    step("Summary")
    for name, o in outcomes.items():
        print(
            f"{name:10} {o.get('rps', 0):6.1f} req/s  p50 {o.get('p50')} ms  p95 {o.get('p95')}"
            f" ms  p99 {o.get('p99')} ms  errors {o.get('failures')}/{o.get('requests')}"
            f"  autosaves acknowledged {o['acknowledged']}, lost {len(o['lost'])}"
            f"  {'PASSED' if o['ok'] else 'FAILED'}"
        )
    ok = all(o["ok"] for o in outcomes.values())
    print("LOAD TEST", "PASSED" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
