"""The test suite: SQLite unless DATABASE_URL is set (CI also runs PostgreSQL)."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Uploaded files from tests go to a throw-away folder, never into the working tree.
# One folder per run (process): two runs at once on one machine never read, archive or clear
# each other's files. tests/conftest.py removes it when the run ends.
TEST_FILES_ROOT = Path(tempfile.gettempdir()) / "thb-monitoring-tests" / str(os.getpid())
_TEST_FILES = TEST_FILES_ROOT
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or _TEST_FILES / "media")
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT") or _TEST_FILES / "private")

# Browser tests run the site in a live-server thread. On SQLite the test database is therefore a
# file (in shared memory where the machine has it), not Django's shared-cache in-memory database:
# shared-cache locks fail at once with "database table is locked" when the server thread and the
# test touch the same table, while a file database waits for the lock (busy timeout).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _SHARED_MEMORY = Path("/dev/shm")  # noqa: S108 - a per-process file name, test data only
    _TEST_DB_DIR = _SHARED_MEMORY if _SHARED_MEMORY.is_dir() else _TEST_FILES
    _TEST_DB_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(_TEST_DB_DIR / f"thb-monitoring-test-{os.getpid()}.sqlite3")
    }
    # base.py's settings for concurrent use; the browser tests' server waits a little longer,
    # and test data need not survive a power cut.
    DATABASES["default"]["OPTIONS"]["timeout"] = 30  # noqa: F405
    DATABASES["default"]["OPTIONS"]["init_command"] += " PRAGMA synchronous=OFF;"  # noqa: F405
else:
    # Two test runs against one PostgreSQL server (two checkouts, a run and a benchmark) each
    # get their own test database instead of destroying the other's.
    _NAME = DATABASES["default"]["NAME"]  # noqa: F405
    DATABASES["default"].setdefault("TEST", {})["NAME"] = f"test_{_NAME}_{os.getpid()}"  # noqa: F405
