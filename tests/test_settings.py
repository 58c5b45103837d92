"""Production settings: everything from the environment, and `check --deploy` is clean."""

import json
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
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}


def run_manage(*args, environment):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a production check.
    leave_out = {*PRODUCTION_ENVIRONMENT, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in leave_out}
    env.update(environment, DJANGO_SETTINGS_MODULE="config.settings.production")
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


def test_production_refuses_to_start_without_a_shared_cache():
    environment = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != "REDIS_URL"}
    result = run_manage("check", environment=environment)
    assert result.returncode != 0
    assert "need the environment variable REDIS_URL" in result.stderr


# Under production settings, against an empty in-memory database: one account, sign-in attempts
# through the sign-in page as the proxy passes them on (REMOTE_ADDR is always the proxy's).
SIGN_IN_BEHIND_THE_PROXY = """
import json
from django.conf import settings
from django.test.utils import override_settings, setup_test_environment
setup_test_environment()
# Pages name static files; no collectstatic manifest here.
plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}).enable()
from django.db import connection
connection.settings_dict["TEST"]["MIGRATE"] = False
connection.creation.create_test_db(verbosity=0, serialize=False)
from django.contrib.auth import get_user_model
from django.test import Client
from tests.rendered_forms import submit

get_user_model().objects.create_user("official", password="the-right-password-2026")

def sign_in(forwarded_for, password):
    client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)
    page = client.get("/accounts/login/", secure=True)
    answer = submit(
        client, page, "form.form", {"username": "official", "password": password}, secure=True
    )
    return answer.status_code

outcome = {
    "failures": [sign_in("203.0.113.5", "wrong") for _ in range(5)],
    "same_client": sign_in("203.0.113.5", "the-right-password-2026"),
    "same_client_forging": sign_in("192.0.2.77, 203.0.113.5", "the-right-password-2026"),
    "other_client": sign_in("198.51.100.9", "the-right-password-2026"),
}
print(json.dumps(outcome))
"""


def test_sign_in_throttling_tells_clients_behind_the_proxy_apart():
    result = run_manage("shell", "-c", SIGN_IN_BEHIND_THE_PROXY, environment=PRODUCTION_ENVIRONMENT)
    assert result.returncode == 0, result.stdout + result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    # The form again with its error, and the fifth wrong password locks that client out.
    assert outcome["failures"] == [200, 200, 200, 200, 429]
    # The address the proxy appended is locked out, whatever the client writes before it ...
    assert outcome["same_client"] == 429
    assert outcome["same_client_forging"] == 429
    # ... while another client behind the same proxy signs in to the same account.
    assert outcome["other_client"] == 302
