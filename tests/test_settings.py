"""Production settings: everything from the environment, and `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENVIRONMENT = {
    "SECRET_KEY": "x" * 20 + "-test-environment-key-with-enough-entropy-1234567890",
    "DATABASE_URL": "sqlite:////tmp/monitoring-deploy-check.sqlite3",
    "ALLOWED_HOSTS": "monitoring.example.org",
    "EMAIL_HOST": "smtp.example.org",
}


def run_manage(*args, environment):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a production check.
    leave_out = {*PRODUCTION_ENVIRONMENT, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in leave_out}
    env.update(environment, DJANGO_SETTINGS_MODULE="monitoring.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", environment=PRODUCTION_ENVIRONMENT
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    environment = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != "SECRET_KEY"}
    result = run_manage("check", environment=environment)
    assert result.returncode != 0
    assert "need the environment variable SECRET_KEY" in result.stderr


def test_production_refuses_to_fall_back_to_sqlite_without_database_url():
    environment = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != "DATABASE_URL"}
    result = run_manage("check", environment=environment)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr
