"""Production: everything secret or host-specific comes from the environment.

The process refuses to start when a required variable is missing, rather than run with a
guessed default.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

REQUIRED_ENVIRONMENT = ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "EMAIL_HOST", "REDIS_URL")


def _require(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Production settings need the environment variable {name}; see docs/deploy.md."
        )
    return value


DEBUG = False
SECRET_KEY = _require("SECRET_KEY")
_require("DATABASE_URL")  # read by base.py; checked here so a missing URL never means SQLite
ALLOWED_HOSTS = [host.strip() for host in _require("ALLOWED_HOSTS").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _require("EMAIL_HOST"),
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": os.environ.get("EMAIL_USE_TLS", "true").lower() == "true",
        },
    }
}

# One cache for every worker: the rendered report texts, the PDFs, the chart markup and the
# API's first-seen times are the same whichever worker answers (docs/deploy.md). Local memory,
# the default of the demo and the tests, would give each worker its own copy.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _require("REDIS_URL"),
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "thb-monitoring"),
    }
}

DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# WhiteNoise serves compressed, fingerprinted static files straight from the app servers.
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# HTTPS everywhere, behind a proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

# The client's address, for the audit log and for django-axes' sign-in throttling alike, is the
# one the proxies in front appended to X-Forwarded-For (PROXY_COUNT of them, default one;
# docs/deploy.md); anything left of it the client could forge. Without this, axes would see
# every user at the proxy's address and lock them all out together.
AUDIT_PROXY_COUNT = int(os.environ.get("PROXY_COUNT") or os.environ.get("AUDIT_PROXY_COUNT") or "1")
AXES_CLIENT_IP_CALLABLE = "monitoring.audit.client_ip"

# A worker (`manage.py db_worker`) sends mail and reminders outside the request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
