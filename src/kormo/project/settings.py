"""Django settings: demo-ready defaults, everything else from environment variables.

DATABASE_URL selects the database (default: SQLite in the repository's data/ folder);
KORMO_DATA_DIR moves the data folder; KORMO_SECRET_KEY for production; KORMO_DEBUG=1 for
debug pages (off by default); KORMO_S3_* for evidence in an S3-compatible store
(docs/deployment.md lists them all).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from kormo.plans.sheet import MAX_ROWS, ROW_FIELDS, ROW_POST_BYTES

BASE_DIR = Path(__file__).resolve().parents[3]
DATA_DIR = Path(os.environ.get("KORMO_DATA_DIR", BASE_DIR / "data"))

# The public demo key: the WSGI application refuses to start with it unless debug is on or the
# server is the demo one (kormo.ops.startup), and `check --deploy` reports it (kormo.E001).
DEMO_SECRET_KEY = "kormo-demo-insecure-key-change-me"
SECRET_KEY = os.environ.get("KORMO_SECRET_KEY", DEMO_SECRET_KEY)
# Debug pages show settings and code to anyone who triggers an error: off unless KORMO_DEBUG=1
# (`make run` sets it). `kormo serve` serves the CSS and scripts itself (runserver --insecure).
DEBUG = os.environ.get("KORMO_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("KORMO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")


def _env_list(name: str) -> list[str]:
    return [v.strip() for v in os.environ.get(name, "").split(",") if v.strip()]


def _env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value in (None, "") else value == "1"


# HTTPS and the proxy in front (docs/deployment.md, "HTTPS and the proxy"). KORMO_HTTPS=1: the
# site is reached only over HTTPS: secure cookies, HSTS, plain http redirected.
HTTPS = _env_flag("KORMO_HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("KORMO_HSTS_SECONDS", 31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("KORMO_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = _env_flag("KORMO_HSTS_PRELOAD")
# The header by which the TLS proxy says the browser used https ("X-Forwarded-Proto"); only
# set it when the proxy always sets (or strips) that header itself.
if proxy_header := os.environ.get("KORMO_PROXY_SSL_HEADER", ""):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_header.upper().replace("-", "_"), "https")
# How many proxies append to X-Forwarded-For: the client address (login lockout, logs) is the
# one they saw. 0 (default): the address of the connection itself.
KORMO_PROXY_COUNT = int(os.environ.get("KORMO_PROXY_COUNT", "0"))
# The site's own https origin(s), as the browser sends them: "https://kormo.example.gov.bd".
CSRF_TRUSTED_ORIGINS = _env_list("KORMO_CSRF_TRUSTED_ORIGINS")

# Sessions end after KORMO_SESSION_IDLE seconds without a request (default 1 hour) and
# KORMO_SESSION_MAX_AGE seconds after login (default 12 hours): kormo.ops.middleware.
KORMO_SESSION_IDLE = int(os.environ.get("KORMO_SESSION_IDLE", 3600))
SESSION_COOKIE_AGE = int(os.environ.get("KORMO_SESSION_MAX_AGE", 12 * 3600))
# Django's database sessions, the row read without the ORM's per-request compiling.
SESSION_ENGINE = "kormo.ops.sessions"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "kormo.web",
    "kormo.offices",
    "kormo.plans",
    "kormo.years",
    "kormo.audit",
    "kormo.progress",
    "ninja",
    "kormo.api",
    "kormo.public",
    "kormo.agreements",
    "kormo.demo",
    "kormo.home",
    "kormo.ops",
    "kormo.accounts",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_prometheus",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # First: one log line per request (id, user, path, status, duration) and the traceback of
    # every 500, whatever the other middleware do.
    "kormo.ops.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Pages compressed for slow connections (the plan editor shrinks about 18-fold). Django's
    # GZipMiddleware pads responses against BREACH, so pages with CSRF tokens stay safe.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kormo.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kormo.ops.middleware.SessionLifetimeMiddleware",
    "kormo.ops.middleware.PrivateDocumentsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A bilingual refusal no view caught: a 400 page with its message, not a 500.
    "kormo.ops.middleware.InputErrorMiddleware",
    # Last: counts failed logins and locks out (django-axes; kormo.accounts).
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "kormo.project.urls"
WSGI_APPLICATION = "kormo.project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kormo.web.context.ui",
                "kormo.offices.context.menu",
                "kormo.audit.context.notices",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'kormo.sqlite3'}", conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction starts and wait up to 20 s for it, instead
    # of failing with "database is locked" when two of them upgrade their read locks at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20})
# A read replica for the dashboards and the open data (kormo.ops.replica); unset: none.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=60, conn_health_checks=True)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests: the primary's test database
    DATABASE_ROUTERS = ["kormo.ops.replica.PrimaryReplicaRouter"]
# PostgreSQL plans a statement that a connection has run PG_PREPARE_AFTER times once, then
# reuses the plan (psycopg's prepared statements, which need server-side binding): at the
# deadline two thirds of the database's CPU went to planning the same few statements again.
# KORMO_PG_PREPARE_AFTER=0 turns it off (e.g. behind a transaction-mode pooler older than
# PgBouncer 1.21).
PG_PREPARE_AFTER = int(os.environ.get("KORMO_PG_PREPARE_AFTER", 5))
for _db in DATABASES.values():
    if _db["ENGINE"] == "django.db.backends.postgresql" and PG_PREPARE_AFTER > 0:
        _db.setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": PG_PREPARE_AFTER})

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed logins (web and admin) are counted per account and per address by django-axes; the
# lockout backend goes first (kormo.accounts.lockout, docs/deployment.md "Logins").
AUTHENTICATION_BACKENDS = [
    "kormo.accounts.lockout.LockoutBackend",
    # Django's ModelBackend, the person read with their roles in one query per request.
    "kormo.offices.person_backend.PersonBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("KORMO_LOGIN_FAILURE_LIMIT", 10))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("KORMO_LOGIN_LOCKOUT_MINUTES", 30)))
# Locked: an account tried from anywhere, and an address that tried any accounts.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_CLIENT_IP_CALLABLE = "kormo.ops.clientip.client_ip"
AXES_VERBOSE = False

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LANGUAGE_CODE = "bn"
LANGUAGES = [("bn", "বাংলা"), ("en", "English")]
TIME_ZONE = "Asia/Dhaka"
USE_I18N = True
USE_TZ = True
# The translations ship inside the package (src/kormo/locale); `make run` and `make test`
# compile the .po files (docs/ui.md, "Language").
LOCALE_PATHS = [Path(__file__).resolve().parents[1] / "locale"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:today"
LOGOUT_REDIRECT_URL = "login"
# The office whose administrators set the national calendar (fiscal years, deadlines): its
# code; unset: the first top-level office (kormo.offices.access.can_setup_years).
KORMO_NATIONAL_OFFICE = os.environ.get("KORMO_NATIONAL_OFFICE", "")
# The Bengali web font is served by the app from Debian's fonts-noto-core (kormo.web.fonts).
KORMO_FONT_DIR = Path(os.environ.get("KORMO_FONT_DIR", "/usr/share/fonts/truetype/noto"))

# Pages served again while what they show is unchanged (kormo.web.page_cache): kept in files
# under the data folder (KORMO_PAGE_CACHE_DIR), shared by the machine's worker processes
# (kormo.web.page_files); KORMO_PAGE_CACHE_SECONDS=0 turns it off. The seconds bound a change
# made outside Kormo's recorded paths; pages are keyed by KORMO_RELEASE and by the code's files.
KORMO_PAGE_CACHE_SECONDS = int(os.environ.get("KORMO_PAGE_CACHE_SECONDS", 600))
KORMO_RELEASE = os.environ.get("KORMO_RELEASE", "0.1.0")
KORMO_PAGE_CACHE_DIR = Path(os.environ.get("KORMO_PAGE_CACHE_DIR", DATA_DIR / "cache" / "pages"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "kormo.web.page_files.PageFiles", "LOCATION": str(KORMO_PAGE_CACHE_DIR),
              "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("KORMO_PAGE_CACHE_ENTRIES", 5000))}},
}

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The plan editor posts every cell of every row (docs/ui.md, "The editor"): Django's defaults
# (1,000 fields, 2.5 MB) refused plans of about 30 rows. Sized from the editor's own row
# limit, with a margin for the header fields and one row more, so that a plan of MAX_ROWS
# rows saves and a longer one gets the editor's own message ("at most 2,000 rows"). Bigger
# posts are still refused before they reach a view, with Django's 400 page in both languages
# (web/templates/400.html); the editor keeps what was typed in the browser's draft.
DATA_UPLOAD_MAX_NUMBER_FIELDS = (MAX_ROWS + 1) * len(ROW_FIELDS) + 1000
DATA_UPLOAD_MAX_MEMORY_SIZE = (MAX_ROWS + 1) * ROW_POST_BYTES + 1024 * 1024

# Evidence files (kormo.progress): stored through Django's storage API, by default on disk
# under MEDIA_ROOT in the data folder, and served only through a view that checks access —
# never from MEDIA_URL. With KORMO_S3_BUCKET set they go to that bucket of an S3-compatible
# store through django-storages (docs/deployment.md, "Evidence in an S3-compatible store").
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("KORMO_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["KORMO_S3_BUCKET"],
            # Unset values are None: boto3 then uses AWS's endpoint, its region and its own
            # credential chain (an instance role, ~/.aws).
            "endpoint_url": os.environ.get("KORMO_S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("KORMO_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("KORMO_S3_SECRET_ACCESS_KEY") or None,
            "region_name": os.environ.get("KORMO_S3_REGION") or None,
            # MinIO and most self-hosted stores want "path"; unset: boto3 chooses.
            "addressing_style": os.environ.get("KORMO_S3_ADDRESSING_STYLE") or None,
            # No ACL header: objects stay as private as the bucket. Downloads go through
            # Kormo's access check, never a public URL; names are random, never overwritten.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
KORMO_EVIDENCE_MAX_BYTES = int(os.environ.get("KORMO_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))
FILE_UPLOAD_PERMISSIONS = 0o640

# Notices go out by e-mail through Django's backend: the console by default (the tests use
# locmem); set KORMO_EMAIL_BACKEND / EMAIL_HOST etc. for a real server. They are sent by the
# task worker, never inside a request (kormo.ops.mail).
EMAIL_BACKEND = os.environ.get("KORMO_EMAIL_BACKEND",
                               "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("KORMO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("KORMO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("KORMO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KORMO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_flag("KORMO_EMAIL_STARTTLS")
EMAIL_USE_SSL = _env_flag("KORMO_EMAIL_SSL")
EMAIL_TIMEOUT = int(os.environ.get("KORMO_EMAIL_TIMEOUT", 20))
DEFAULT_FROM_EMAIL = os.environ.get("KORMO_FROM_EMAIL", "kormo@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Attempts per e-mail before it is marked failed (the worker waits 1, 2, 4 ... minutes).
KORMO_MAIL_ATTEMPTS = int(os.environ.get("KORMO_MAIL_ATTEMPTS", 8))

# Background work (e-mail) in the database queue of django-tasks: the Django 6 tasks API, run
# by `kormo worker` (= `python -m django db_worker`). KORMO_TASKS_IMMEDIATE=1 runs tasks in
# the caller instead (no worker; for a one-process demo).
TASKS = {
    "default": {
        "BACKEND": ("django_tasks.backends.immediate.ImmediateBackend"
                    if _env_flag("KORMO_TASKS_IMMEDIATE")
                    else "django_tasks_db.DatabaseBackend"),
    }
}

# Content-Security-Policy on every page (django-csp): scripts only from Kormo's own static
# files, no inline script; inline styles stay allowed (a few style attributes in templates).
# Evidence downloads set their own stricter policy, which is kept.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Logging: one JSON line per event on stdout (kormo.ops.logs); KORMO_LOG_LEVEL (INFO);
# KORMO_LOG_STREAM=stderr (the `kormo` commands other than serve and worker set it).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "kormo.ops.logs.JsonFormatter"}},
    "filters": {"request": {"()": "kormo.ops.logs.RequestContextFilter"}},
    "handlers": {
        # stderr for the command line (`kormo export -o -` writes its file to stdout).
        "stdout": {"class": "logging.StreamHandler",
                   "stream": f"ext://sys.{os.environ.get('KORMO_LOG_STREAM', 'stdout')}",
                   "formatter": "json", "filters": ["request"]},
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("KORMO_LOG_LEVEL", "INFO")},
    "loggers": {
        # 4xx lines are the access line of kormo.ops.middleware; 500s keep Django's own record
        # with the traceback (and the request id, user, path through the filter).
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}

# Operators only: Prometheus metrics at /metrics/ need this token as a bearer token (or come
# from an address in KORMO_METRICS_ADDRESSES); unset and no address: the path answers 404.
KORMO_METRICS_TOKEN = os.environ.get("KORMO_METRICS_TOKEN", "")
KORMO_METRICS_ADDRESSES = _env_list("KORMO_METRICS_ADDRESSES")

# Errors to Sentry (or a compatible service) when KORMO_SENTRY_DSN is set.
if sentry_dsn := os.environ.get("KORMO_SENTRY_DSN", ""):
    import sentry_sdk

    sentry_sdk.init(dsn=sentry_dsn, send_default_pii=False,
                    environment=os.environ.get("KORMO_SENTRY_ENVIRONMENT", "production"),
                    traces_sample_rate=float(os.environ.get("KORMO_SENTRY_TRACES", "0")))
KORMO_SITE_URL = os.environ.get("KORMO_SITE_URL", "")
