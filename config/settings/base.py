"""Settings shared by every environment. Nothing secret or host-specific lives here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# The shared templates (base template, error pages) and the one message catalogue live in the
# shared core, monitoring/.
SHARED_DIR = BASE_DIR / "monitoring"

INSTALLED_APPS = [
    "monitoring",
    "evaluation_rounds",
    "questionnaires",
    "reports",
    "recommendations",
    "indicators",
    "cms",
    "portal",
    "api",
    "accounts",
    # The project itself, for its whole-platform commands (backup, restore).
    "config",
    # Demonstration seeding (`seed_demo`, DEBUG only); nothing else imports it.
    "demo",
    # Only for the API documentation's templates and static files (Swagger UI, no CDN).
    "ninja",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "reversion",
    "django_tasks_db",
    # Sign-in: one-time passwords (authenticator apps, recovery codes), failed-login throttling.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # PostgreSQL full-text search for Wagtail; harmless on SQLite.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (SECURE_CSP below) and Permissions-Policy on every response.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "monitoring.middleware.PermissionsPolicyMiddleware",
    "monitoring.middleware.BackOfficeContentSecurityPolicyMiddleware",
    # The portal, the back office, the account pages and private files: Cache-Control: no-store.
    "monitoring.middleware.PrivatePagesNotStoredMiddleware",
    # /api/ only: CORS, caching validators, conditional GET, preflight.
    "api.middleware.OpenDataMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "monitoring.middleware.LocaleMiddleware",
    "monitoring.middleware.RememberLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in session that still owes the second sign-in step reaches only /accounts/.
    "accounts.middleware.SecondFactorMiddleware",
    # Gives the audit log the request's IP address wherever an event is recorded.
    "monitoring.audit.AuditRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # No reversion.middleware.RevisionMiddleware: it would wrap a whole request in one revision.
    # Each service opens its own (one revision per answer, per edit), whatever calls it.
    # django-axes wants to be last: it turns a locked-out sign-in into its answer (HTTP 429).
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SHARED_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite by default (demo, fast tests); DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
# SQLite (the demo) under several users at once: readers never wait for a writer (WAL), a
# transaction takes the write lock when it begins (IMMEDIATE), so one that reads and then writes
# queues for the lock for up to `timeout` seconds instead of failing with "database is locked"
# (a deferred transaction cannot wait once another has written since it read).
# synchronous=NORMAL is safe with WAL: a power cut may lose the last commits, never the file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Internationalisation: English and Russian, the locale in the public site's URL.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [SHARED_DIR / "locale"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True
# One date and number format per language (monitoring/formats/<lang>/formats.py); read through
# monitoring.display and the |day / |number filters.
FORMAT_MODULE_PATH = ["monitoring.formats"]

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.BackOfficeLoginForm"

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "var" / "media")
MEDIA_URL = "/media/"
# Uploaded answers and visit attachments never sit under MEDIA_ROOT: they are served only
# through views that run the access check.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT") or BASE_DIR / "var" / "private")
# `manage.py backup` writes its archives here unless told otherwise.
BACKUP_ROOT = Path(os.environ.get("BACKUP_ROOT") or BASE_DIR / "var" / "backups")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Uploaded files, checked before they are parsed or stored (monitoring/upload_limits.py). An
# office document is a zip: its parts, and what they take once unpacked, are limited; a part
# over 1 MB that unpacks to more than UPLOAD_ZIP_MAX_RATIO times its packed size is a zip bomb.
UPLOAD_ZIP_MAX_ENTRIES = 1000
UPLOAD_ZIP_MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # an answer file, evidence, an attachment
UPLOAD_ZIP_MAX_RATIO = 100
# A workbook or CSV that is read (the offline questionnaire, the back-office imports): a large
# questionnaire's workbook (300 questions, 20 tables) holds 10,500 cells, an import of 5,000 rows
# of up to 20 columns 100,000.
UPLOAD_WORKBOOK_MAX_UNPACKED_BYTES = 50 * 1024 * 1024
UPLOAD_WORKBOOK_MAX_CELLS = 200_000
UPLOAD_TABLE_MAX_COLUMNS = 100

# Django's Tasks framework: run immediately unless production configures a worker backend.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "secretariat@thb-monitoring.example")

LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Inactivity timeout: the session lives SESSION_COOKIE_AGE seconds after the last request
# (every request renews it; the portal's autosave counts as activity).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_INACTIVITY_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True

# Failed sign-ins (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name from
# one address, that pair waits AXES_COOLOFF_TIME; a success resets the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False
# The counts are rows in the database, which every worker shares (and the back office lists),
# so they hold across workers without the cache. Were the cache handler ever chosen, AXES_CACHE
# ("default") is the shared Redis cache of production.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Links by e-mail: a forgotten password's for one hour, an invitation's for a week. Both work once.
PASSWORD_RESET_TIMEOUT = 60 * 60
INVITATION_TIMEOUT = 7 * 24 * 60 * 60
# The demo shows the current second-factor code on the sign-in page (dev settings only).
SECOND_FACTOR_DEMO_HINT = False
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (Django's own middleware). No inline script anywhere: every script is
# a static file, data for scripts travels in <script type="application/json"> blocks. The
# policy is the same for the public site, the portal and the API documentation (Swagger UI from
# ninja's own static files); the back office differs in one point, below. HSTS and secure
# cookies are in production.py. Inline <script> in the project's templates is refused by a test
# (tests/monitoring/test_security_headers.py).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# The back office (/admin/) differs in one point: Wagtail 8's editor scripts (its vendor.js
# bundle: the rich-text editor and tooltips) insert <style> elements while they run, so
# style-src there also allows inline styles. Scripts stay 'self' only; the date choosers that
# Wagtail starts with inline script are started from a file (monitoring/js/admin-choosers.js).
SECURE_CSP_BACK_OFFICE = {**SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}
# Browser features nobody here needs, switched off for every page (monitoring.middleware).
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
}

# The platform's name in the reader's language (the back office's title, its e-mails).
WAGTAIL_SITE_NAME = _("THB Monitoring · Central Asia")
# The time zones of the region and UTC, not the whole tz database: the users work in Central
# Asia, and a Russian reader's choice is not a list of 600 English place names.
WAGTAIL_USER_TIME_ZONES = [
    "Asia/Almaty",
    "Asia/Aqtau",
    "Asia/Ashgabat",
    "Asia/Bishkek",
    "Asia/Dushanbe",
    "Asia/Tashkent",
    "Europe/Vienna",
    "UTC",
]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# No avatars from gravatar.com: they would tell a third party who uses the back office, and the
# Content-Security-Policy loads images from this site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # The immediate task backend logs every task at INFO; that is noise, not news.
    "loggers": {"django.tasks": {"level": "WARNING"}},
}
