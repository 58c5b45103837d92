"""Local development and the demo (`make demo`): SQLite, DEBUG on, e-mails to the console."""

from .base import *  # noqa: F403

DEBUG = True
# A development-only key; production refuses to start without SECRET_KEY in the environment.
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
