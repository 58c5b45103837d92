"""Local development and the demo (`make demo`): SQLite, DEBUG on, e-mails to the console."""

from .base import *  # noqa: F403

DEBUG = True
# A development-only key; production refuses to start without SECRET_KEY in the environment.
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# The demo's staff accounts have authenticators with published keys; the second sign-in step
# shows their current code so the demo works without a phone. Never in production.
SECOND_FACTOR_DEMO_HINT = True
