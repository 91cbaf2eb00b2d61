"""Clausier settings: one module, every knob from the environment (12-factor).

Development works with no variable set except DEBUG=True (what `make run` does): an embedded
SQLite database under var/, e-mails printed on the console. Production sets DEBUG=False (the
default), SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; `config/wsgi.py` refuses to start
without the first two, and `clausier check --deploy` is clean with them.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CLAUSIER_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", "False")
# The fallback key only exists so that commands and tests run on a fresh clone; it is refused
# by config/wsgi.py when DEBUG is False and flagged by `check --deploy`.
INSECURE_DEFAULT_SECRET_KEY = "django-insecure-clausier-development-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", INSECURE_DEFAULT_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "dsfr",
    "widget_tweaks",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "ui",
    "accounts",
    "referential",
    "sources",
    "detection",
    "notices",
    "followup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.CookieLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "accounts.context_processors.navigation",
            ],
        },
    },
]

# Database: embedded SQLite by default, PostgreSQL in production (DATABASE_URL).
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'clausier.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", "60"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The statement timeout protects the database from the worst queries (DESIGN.md section 7):
    # 500 ms by default. JIT is off: on our short aggregate queries PostgreSQL spent seconds
    # compiling plans that run in milliseconds (seen on the territory bilan).
    DATABASES["default"]["OPTIONS"] = {
        "options": f"-c statement_timeout={env_int('DATABASE_STATEMENT_TIMEOUT_MS', '500')} -c jit=off"
    }
else:
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
# Several test runs may share one PostgreSQL server: each can name its own test database.
if env_str("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home"
# Failed logins allowed per account and address before a pause (accounts/throttling.py).
LOGIN_FAILURES_ALLOWED = env_int("LOGIN_FAILURES_ALLOWED", "10")
LOGIN_FAILURES_WINDOW_SECONDS = env_int("LOGIN_FAILURES_WINDOW_SECONDS", "900")

# Personal data (DESIGN.md section 8): participants are anonymised this long after their last
# activity (CNIL référentiel 2023-095: two years), audit events deleted after 12 months.
PERSONAL_DATA_RETENTION_MONTHS = env_int("PERSONAL_DATA_RETENTION_MONTHS", "24")
AUDIT_LOG_RETENTION_MONTHS = env_int("AUDIT_LOG_RETENTION_MONTHS", "12")

# French by default whatever the browser says; English on request (language switcher).
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Serve static files straight from the apps (DSFR assets ship in django-dsfr): no collectstatic
# step is needed to run; `clausier collectstatic` then lets WhiteNoise serve compressed copies.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", "True")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", str(10 * 1024 * 1024))

# E-mail through Django's mail API: console by default, file or SMTP by configuration.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", "25")
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", "False")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Clausier <ne-pas-repondre@clausier.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (django-tasks, database backend): `clausier db_worker` runs them.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public read API: requests per client address ("120/min"; periods s, min, h, day).
PUBLIC_API_RATE = env_str("PUBLIC_API_RATE", "120/min")

# Security: safe by default, relaxed only by DEBUG (local development).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", str(not DEBUG))
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", str(not DEBUG))
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", str(not DEBUG))
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("BEHIND_TLS_PROXY", "False"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
DSFR_USE_INTEGRITY_CHECKSUMS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

FORMAT_MODULE_PATH = ["config.formats"]
