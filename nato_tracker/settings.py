"""Settings for the commitment tracker, all read from the environment.

SQLite is the default database; DATABASE_URL selects another one (PostgreSQL through
psycopg 3). DEBUG, SECRET_KEY and ALLOWED_HOSTS have safe development defaults.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "True")
SECRET_KEY = os.environ.get("SECRET_KEY", "dev")
if not DEBUG and SECRET_KEY == "dev":
    raise ImproperlyConfigured("Set SECRET_KEY when DEBUG is off.")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "nato_tracker",
    # The apps, from the bottom up: each one knows only those above it in this list.
    "summits",
    "commitments",
    "reader",
    "imports",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Which reads may go to the replica (when there is one): before anything that reads.
    "nato_tracker.routers.ReplicaMiddleware",
    "nato_tracker.middleware.RequestSizeLimitMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # NUL characters and over-long values in the address refused (400), before any view.
    "nato_tracker.middleware.InputLimitMiddleware",
    "nato_tracker.middleware.SiteErrorPagesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "nato_tracker.middleware.AuditLogMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its response.
    "axes.middleware.AxesMiddleware",
]

# Reading is open to anonymous visitors unless ANONYMOUS_READ is off; writing always
# needs an account in the right group (Analysts read, Editors annotate and curate,
# Admins load texts and manage users).
ANONYMOUS_READ = envbool("ANONYMOUS_READ", "True")
if not ANONYMOUS_READ:
    MIDDLEWARE.append("django.contrib.auth.middleware.LoginRequiredMiddleware")

ROOT_URLCONF = "nato_tracker.urls"
CSRF_FAILURE_VIEW = "nato_tracker.views.csrf_failure"


def _page(name: str):
    return lambda obj: reverse(name, args=[obj.slug])


# Meetings and documents are shown by the reader, above the app that holds them.
ABSOLUTE_URL_OVERRIDES = {
    "summits.summit": _page("reader:summit"),
    "summits.document": _page("reader:document"),
}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

WSGI_APPLICATION = "nato_tracker.wsgi.application"

# Connections are kept for CONN_MAX_AGE seconds (checked before reuse): a new one per
# request costs a connect on PostgreSQL and, on SQLite, a cold page cache.
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=CONN_MAX_AGE,
        conn_health_checks=True,
    )
}
# A database that accepts connections and never answers must not hold a worker: give up
# connecting after DATABASE_CONNECT_TIMEOUT seconds (PostgreSQL; libpq's least is 2) and
# cancel any statement after DATABASE_STATEMENT_TIMEOUT seconds (PostgreSQL; wsgi.py makes
# it 20, under gunicorn's 30 s worker timeout; none, 0, for management commands unless
# set); SQLite waits at most DATABASE_LOCK_TIMEOUT seconds for a lock held by another
# process. /healthz gives its probe HEALTHZ_TIMEOUT seconds.
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
DATABASE_STATEMENT_TIMEOUT = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "0"))
DATABASE_LOCK_TIMEOUT = int(os.environ.get("DATABASE_LOCK_TIMEOUT", "5"))
HEALTHZ_TIMEOUT = float(os.environ.get("HEALTHZ_TIMEOUT", "1.5"))


def with_timeouts(database: dj_database_url.DBConfig) -> dj_database_url.DBConfig:
    """The database's settings with the timeouts above in its OPTIONS."""
    options = database.setdefault("OPTIONS", {})
    if database["ENGINE"] == "django.db.backends.postgresql":
        options.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
        if DATABASE_STATEMENT_TIMEOUT:
            statement = f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}"
            options["options"] = f"{options.get('options', '')} {statement}".strip()
    elif database["ENGINE"] == "django.db.backends.sqlite3":
        options.setdefault("timeout", DATABASE_LOCK_TIMEOUT)
    return database


with_timeouts(DATABASES["default"])
# A read replica of the PostgreSQL primary: analysts' reads go there (nato_tracker.routers
# says which); writes, and reads after a write, stay on the primary.
if replica_url := os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        replica_url, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
    with_timeouts(DATABASES["replica"])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["nato_tracker.routers.PrimaryReplicaRouter"]
# How long a client that wrote keeps reading from the primary (longer than the lag).
PRIMARY_PIN_SECONDS = int(os.environ.get("PRIMARY_PIN_SECONDS", "10"))

# What changes only when texts or figures are loaded (nato_tracker.cache): local memory
# per process unless CACHE_URL names a Redis server (redis://host:6379/0), shared by all.
CACHES: dict[str, dict[str, Any]]
if cache_url := os.environ.get("CACHE_URL"):
    if not cache_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"CACHE_URL must be a redis:// address, not {cache_url!r}")
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": cache_url}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tracker",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }

AUTHENTICATION_BACKENDS = [
    # Refuses logins for a username from an address, or from an address, after too many
    # failures.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# All failures from one address, whatever the names, within the cool-off time: above
# this the address is paused too (nato_tracker.signin), against password spraying.
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "20"))
AXES_HANDLER = "nato_tracker.signin.AddressThrottlingHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client's address: REMOTE_ADDR, unless a trusted proxy in front sets X-Forwarded-For
# (TRUST_X_FORWARDED_FOR=true); otherwise anyone could pick the address they are locked by.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    if envbool("TRUST_X_FORWARDED_FOR", "False")
    else ["REMOTE_ADDR"]
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The day every date-dependent page computes from (nato_tracker.clock.today); empty for
# the real date. Tests fix it with their `today` fixture.
TODAY = os.environ.get("TODAY", "")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Largest communiqué file an admin can load (bytes); pasted text counts the same.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
# The most paragraphs and commitment candidates one imported text may have: a file past
# either is refused at its preview, with a message (a communiqué has about a hundred).
IMPORT_MAX_PARAGRAPHS = int(os.environ.get("IMPORT_MAX_PARAGRAPHS", "2000"))
IMPORT_MAX_CANDIDATES = int(os.environ.get("IMPORT_MAX_CANDIDATES", "2000"))
# Seconds of processor time a PDF may take to read (in a child process) before it is
# refused (three times as long on the clock, when the machine is busy): a base and more
# per megabyte, at most PDF_READ_SECONDS (imports.reading.pdf_budget).
PDF_READ_SECONDS = float(os.environ.get("PDF_READ_SECONDS", "5"))
PDF_READ_MIN_SECONDS = float(os.environ.get("PDF_READ_MIN_SECONDS", "0.5"))
PDF_READ_SECONDS_PER_MB = float(os.environ.get("PDF_READ_SECONDS_PER_MB", "4"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reader:home"
LOGOUT_REDIRECT_URL = "reader:home"

# --- Security ------------------------------------------------------------------------
# Behind a TLS-terminating proxy, set SECURE_PROXY_SSL_HEADER_NAME (e.g.
# HTTP_X_FORWARDED_PROTO) so Django knows the original request was HTTPS.
if proxy_header := os.environ.get("SECURE_PROXY_SSL_HEADER_NAME"):
    SECURE_PROXY_SSL_HEADER = (proxy_header, "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(not DEBUG))
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", str(not DEBUG))
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", str(not DEBUG))
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", str(not DEBUG))
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", str(not DEBUG))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Sessions: an editor's login lasts a working day, and ends with the browser.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# --- Limits ----------------------------------------------------------------------------
# A preview waiting for confirmation carries the uploaded file in its form, compressed
# and then base64-encoded (4 bytes for 3): the form body of a file at the limit.
_PAYLOAD_BYTES = IMPORT_MAX_BYTES * 4 // 3 + 1024 * 1024
# Whole request bodies (uploads included) above this are refused with 413 before Django
# reads them; form fields and in-memory uploads have Django's own limits.
MAX_REQUEST_BYTES = int(
    os.environ.get("MAX_REQUEST_BYTES", str(max(6 * 1024 * 1024, _PAYLOAD_BYTES)))
)
# The longest path and query parameter (name or value, in characters) a request may
# carry: longer ones are refused with 400 (nato_tracker.middleware.InputLimitMiddleware).
# A parameter holds at most a quote selected in a paragraph.
MAX_PATH_CHARS = int(os.environ.get("MAX_PATH_CHARS", "1000"))
MAX_PARAMETER_CHARS = int(os.environ.get("MAX_PARAMETER_CHARS", "10000"))
# A pasted text, or the payload of a preview, travels in the form body.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(6 * 1024 * 1024, _PAYLOAD_BYTES)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Logs ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "nato_tracker.audit": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    },
}
