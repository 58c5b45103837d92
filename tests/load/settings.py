"""The load test's server: production settings on loopback HTTP (tests/load/run.py sets the
environment that production requires)."""

from config.settings.production import *  # noqa: F403

# Plain HTTP on 127.0.0.1: no TLS proxy in front.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
CSRF_TRUSTED_ORIGINS = ["http://127.0.0.1"]
# Pages name static files; the scenario fetches none, so no collectstatic manifest is needed.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
