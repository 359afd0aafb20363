"""Django settings: demo-ready defaults, everything else from environment variables.

DATABASE_URL selects the database (default: SQLite in the repository's data/ folder);
KORMO_DATA_DIR moves the data folder; KORMO_SECRET_KEY for production; KORMO_DEBUG=1 for
debug pages (off by default); KORMO_S3_* for evidence in an S3-compatible store
(docs/deployment.md lists them all).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from kormo.plans.sheet import MAX_ROWS, ROW_FIELDS, ROW_POST_BYTES

BASE_DIR = Path(__file__).resolve().parents[3]
DATA_DIR = Path(os.environ.get("KORMO_DATA_DIR", BASE_DIR / "data"))

SECRET_KEY = os.environ.get("KORMO_SECRET_KEY", "kormo-demo-insecure-key-change-me")
# Debug pages show settings and code to anyone who triggers an error: off unless KORMO_DEBUG=1
# (`make run` sets it). `kormo serve` serves the CSS and scripts itself (runserver --insecure).
DEBUG = os.environ.get("KORMO_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("KORMO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages compressed for slow connections (the plan editor shrinks about 18-fold). Django's
    # GZipMiddleware pads responses against BREACH, so pages with CSRF tokens stay safe.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kormo.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
        default=f"sqlite:///{DATA_DIR / 'kormo.sqlite3'}", conn_max_age=60
    )
}

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
# The Bengali web font is served by the app from Debian's fonts-noto-core (kormo.web.fonts).
KORMO_FONT_DIR = Path(os.environ.get("KORMO_FONT_DIR", "/usr/share/fonts/truetype/noto"))

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
# locmem); set KORMO_EMAIL_BACKEND / EMAIL_HOST etc. for a real server.
EMAIL_BACKEND = os.environ.get("KORMO_EMAIL_BACKEND",
                               "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("KORMO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("KORMO_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("KORMO_FROM_EMAIL", "kormo@localhost")
KORMO_SITE_URL = os.environ.get("KORMO_SITE_URL", "")
