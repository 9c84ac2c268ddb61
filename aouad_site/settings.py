"""Settings for the AOUAD fan community.

Everything that differs between a laptop and production comes from environment
variables read through the small helpers below, which fail loudly on a value they
cannot understand. A fresh checkout runs with no variables set (development mode);
production mode is `DJANGO_DEBUG=0` plus `DJANGO_SECRET_KEY` and `DJANGO_ALLOWED_HOSTS`.
The README has the table of every variable.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use 1 or 0.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

if DEBUG:
    SECRET_KEY = env_str(
        "DJANGO_SECRET_KEY", "dev-only-key-never-used-in-production-0123456789-abcdef"
    )
else:
    if not os.environ.get("DJANGO_SECRET_KEY"):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

SITE_NAME = gettext_lazy("AOUAD Fan Community")
THEORIES_PER_PAGE = env_int("THEORIES_PER_PAGE", 20)
# Top-level comments per page of a discussion, newest first (their replies come with them).
COMMENTS_PER_PAGE = env_int("COMMENTS_PER_PAGE", 50)
HOME_THEORIES = 8
# Anonymous readers get whole pages from the shared cache for this long (pagecache.py): vote
# counts and ranked order may be this old for them; removals and edits show at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 5)
# A proxy or CDN in front (aouad_site/nginx.conf) may keep the same pages this long
# (`Cache-Control: s-maxage`): it cannot be told of a removal, so keep it short (nginx counts
# whole seconds, so 1 means a removal reaches readers behind it within 2 s); 0 makes every
# response private. While the app fails, a proxy may serve its last copy for
# PROXY_STALE_IF_ERROR_SECONDS.
PROXY_CACHE_SECONDS = env_int("PROXY_CACHE_SECONDS", 1)
PROXY_STALE_IF_ERROR_SECONDS = env_int("PROXY_STALE_IF_ERROR_SECONDS", 60)
# What an anonymous page varies by in the reader's session: the episode watched (spoilers).
PAGE_CACHE_SESSION_KEYS = ["watched"]

# --- Trust and limits ---------------------------------------------------------
# A fan's theories wait for a moderator until this many of theirs have been approved.
TRUST_AFTER_APPROVED = env_int("TRUST_AFTER_APPROVED", 2)
# Accounts younger than this are "new" and get the lower daily limits below.
NEW_ACCOUNT_DAYS = env_int("NEW_ACCOUNT_DAYS", 7)
# Per fan and UTC day: (new account, established account).
DAILY_LIMITS = {
    "theory": (env_int("LIMIT_THEORIES_NEW", 3), env_int("LIMIT_THEORIES", 20)),
    "quote": (env_int("LIMIT_QUOTES_NEW", 3), env_int("LIMIT_QUOTES", 20)),
    "vote": (env_int("LIMIT_VOTES_NEW", 60), env_int("LIMIT_VOTES", 600)),
    "estimate": (env_int("LIMIT_ESTIMATES_NEW", 60), env_int("LIMIT_ESTIMATES", 600)),
    "report": (env_int("LIMIT_REPORTS_NEW", 5), env_int("LIMIT_REPORTS", 40)),
    "comment": (env_int("LIMIT_COMMENTS_NEW", 30), env_int("LIMIT_COMMENTS", 300)),
    "edit": (env_int("LIMIT_EDITS_NEW", 20), env_int("LIMIT_EDITS", 100)),
}
# Per client address (accounts/addresses.py) or e-mail address and clock hour, counted in the
# database (accounts.RateCount); past them the form comes back with HTTP 429.
HOURLY_LIMITS = {
    "signup-address": env_int("LIMIT_SIGNUPS_PER_ADDRESS", 10),
    "reset-address": env_int("LIMIT_RESETS_PER_ADDRESS", 10),
    "reset-email": env_int("LIMIT_RESETS_PER_EMAIL", 3),
}
# Proxies in front of the app that append the client's address to X-Forwarded-For; 0 means
# clients connect directly and REMOTE_ADDR is theirs.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Reports weighing this much hide an item until a moderator looks. A report weighs 1 from an
# account older than NEW_ACCOUNT_DAYS with published content, one per address and item, else 0.
REPORT_WEIGHT_TO_HIDE = env_int("REPORT_WEIGHT_TO_HIDE", 3)
# Rows per page of the moderation queue (/admin/moderation/).
MODERATION_QUEUE_PER_PAGE = env_int("MODERATION_QUEUE_PER_PAGE", 50)
# Scored predictions a fan needs before the leaderboard ranks them.
LEADERBOARD_MIN_PREDICTIONS = env_int("LEADERBOARD_MIN_PREDICTIONS", 3)
# Whether /modlog/ names the moderator who acted.
MODLOG_SHOWS_MODERATORS = env_bool("MODLOG_SHOWS_MODERATORS", False)

INSTALLED_APPS = [
    "moderation.apps.SiteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "accounts",
    "characters",
    "episodes",
    "notifications",
    "moderation",
    "quotes",
    "theories",
    "discussion",
    "search",
    "verdicts",
    "pages",
    "aouad_site",
]

MIDDLEWARE = [
    # First: times everything below and gives every response, redirects too, its request id.
    "aouad_site.monitoring.RequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Pages compressed for every setup (runserver, gunicorn alone, behind nginx); it pads each
    # response against BREACH and leaves whitenoise's precompressed files alone.
    "django.middleware.gzip.GZipMiddleware",
    # Early, so that every page below, error pages too, speaks the address's language.
    "aouad_site.locale.LanguageFromPath",
    # Before anything reads the body (aouad_site/uploads.py).
    "aouad_site.uploads.BodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that sets cookies: says which responses a proxy may keep.
    "aouad_site.pagecache.SharedCacheHeaders",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "aouad_site.locale.ReadersTimeZone",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SuspensionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # An unreachable database: 503 with Retry-After, not a traceback per request.
    "aouad_site.outages.DatabaseOutageMiddleware",
    # Axes must come last: it turns a locked-out login into its 429 response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "aouad_site.urls"
WSGI_APPLICATION = "aouad_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "aouad_site.context_processors.site",
                "episodes.spoilers.context",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# SQLite is the embedded default, tuned so that concurrent writers queue politely
# instead of failing: WAL lets readers run beside the writer, IMMEDIATE transactions
# take the write lock up front (no upgrade deadlocks), and the busy timeout waits.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# How long a request may wait for the database, so a worker is never stuck past gunicorn's
# timeout (10 s): a statement on PostgreSQL (set for requests by aouad_site/gunicorn.conf.py;
# 0, no limit, for manage.py commands such as migrations), the write lock on SQLite.
DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 0)
SQLITE_WRITE_TIMEOUT = env_int("SQLITE_WRITE_TIMEOUT", 5)
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
    # An unreachable server fails the request in seconds (a 503), not after the kernel's minutes.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DATABASE_CONNECT_TIMEOUT", 3
    )
    if DATABASE_STATEMENT_TIMEOUT_MS > 0:
        DATABASES["default"]["OPTIONS"]["options"] = (
            f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"
        )
else:
    DATABASES = {
        "default": {
            # Django's backend with writers queued by the kernel (see aouad_site/sqlite/base.py).
            "ENGINE": "aouad_site.sqlite",
            "NAME": env_str("DJANGO_SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "CONN_MAX_AGE": env_int("DJANGO_CONN_MAX_AGE", 60),
            # Tests use a real file too, so concurrency tests see real locking.
            "TEST": {
                "NAME": env_str(
                    "DJANGO_SQLITE_TEST_PATH",
                    str(Path(tempfile.gettempdir()) / f"aouad-test-{os.getpid()}.sqlite3"),
                )
            },
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": SQLITE_WRITE_TIMEOUT,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    # FULL in production: an acknowledged vote survives a power cut.
                    f"PRAGMA synchronous={'NORMAL' if DEBUG else 'FULL'};"
                    f"PRAGMA busy_timeout={SQLITE_WRITE_TIMEOUT * 1000};"
                    "PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions -----------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
# "default" is shared by every process of the site: the page cache's versions and pages, cached
# sessions, sign-in throttles. Redis when REDIS_URL is set (production, several app servers):
# django-redis turns every Redis error into a miss, short socket timeouts bound a frozen Redis,
# and a circuit breaker skips it after repeated errors (aouad_site/redis_breaker.py). Without
# Redis, production on one machine shares a folder of files between its worker processes
# (DJANGO_CACHE_DIR); `make run`'s single development process keeps it in memory.
if REDIS_URL:
    _shared_cache = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env_str("DJANGO_CACHE_PREFIX", "aouad"),
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": env_int("REDIS_TIMEOUT_MS", 250) / 1000,
            "SOCKET_TIMEOUT": env_int("REDIS_TIMEOUT_MS", 250) / 1000,
            "CONNECTION_POOL_CLASS": "aouad_site.redis_breaker.BreakerConnectionPool",
        },
    }
elif DEBUG and not os.environ.get("DJANGO_CACHE_DIR"):
    _shared_cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
else:
    _checkout_digest = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]
    _shared_cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str(
            "DJANGO_CACHE_DIR",
            # One folder per checkout (a stable digest: hash() differs between processes).
            str(Path(tempfile.gettempdir()) / f"aouad-cache-{_checkout_digest}"),
        ),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
CACHES = {
    "default": _shared_cache,
    # Each process's copies of pages from "default" (aouad_site/pagecache.py): served only
    # while the versions they carry are current there, so they are never staler than it.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
    # {% cache %} fragments: keyed by the stamps of what they show, so a copy in each process's
    # memory is never stale and costs no round trip.
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}
# Sessions in the database, read through the cache: with the cache down they still work.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# A fragment's key names the release, so a deployment with new templates renders afresh.
RELEASE = (
    env_str("RELEASE_ID", "")
    or hashlib.sha256(
        b"".join(
            path.read_bytes()
            for pattern in ("templates/**/*.html", "*/templatetags/*.py")
            for path in sorted(BASE_DIR.glob(pattern))
        )
    ).hexdigest()[:12]
)

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Failed sign-ins cool off one account from one address (LOGIN_FAILURE_LIMIT), and one address
# for every account once it fails far more often (LOGIN_FAILURES_PER_ADDRESS, larger: many fans
# can share an address). Failures from elsewhere never lock the owner out. accounts/lockouts.py.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 30)
AXES_FAILURE_LIMIT = "accounts.lockouts.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "accounts.lockouts.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
# Axes asks the site for the client's address, so lockouts and the other limits count the
# same one (its other source, django-ipware, is not installed and has no /64 grouping).
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.views.login_throttled"
AXES_VERBOSE = False

# --- E-mail and background tasks ----------------------------------------------
# Development prints mail (password resets) to the console; production sends it by SMTP.
EMAIL_SMTP = env_bool("EMAIL_SMTP", not DEBUG)
# Seconds an SMTP connect or reply may take; only the task worker waits on it (aouad_site/mail.py).
# (Not named EMAIL_TIMEOUT: Django 6.1 refuses its old e-mail settings beside MAILERS.)
SMTP_TIMEOUT = env_int("EMAIL_TIMEOUT", 5)
if EMAIL_SMTP:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": SMTP_TIMEOUT,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "AOUAD Fan Community <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Production queues tasks (mail) in the database for `manage.py db_worker`, so no request waits
# on SMTP; development and tests run them inside the request, so `make run` needs no worker.
TASKS_WORKER = env_bool("TASKS_WORKER", not DEBUG)
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_WORKER
        else "django.tasks.backends.immediate.ImmediateBackend"
    }
}

# --- Internationalisation ---------------------------------------------------
# English at /…, Korean at /ko/… (aouad_site/urls.py): the address alone names the language,
# so a cached page never varies by a request header.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ko", "한국어")]  # the default first: it is x-default
LOCALE_PATHS = [BASE_DIR / "locale"]
# How dates and times read in each language (aouad_site/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["aouad_site.formats"]
TIME_ZONE = "UTC"
# Each language's default zone for absolute times; a signed-in fan's own zone overrides it.
LANGUAGE_TIME_ZONES = {"en": "UTC", "ko": "Asia/Seoul"}
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)
# `manage.py backup` writes one folder per backup here (aouad_site/backups.py).
BACKUP_DIR = Path(env_str("DJANGO_BACKUP_DIR", str(BASE_DIR / "backups")))
# bench/run.py turns this on: /bench/minimal/ answers "ok" through the full middleware stack.
BENCH_ENDPOINT = env_bool("DJANGO_BENCH_ENDPOINT", False)
# Uploaded pictures: refused above these limits before they are decoded.
IMAGE_MAX_UPLOAD_BYTES = env_int("IMAGE_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
# Form fields kept in memory (Django's default); a body larger than a picture and its form is
# refused from its length before it is read, and only picture forms take multipart bodies.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 25_000_000)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 60 if DEBUG else 31536000

# --- Security ---------------------------------------------------------------
# Strict CSP: only our own files, no inline code at all (so no nonce: a cached page is the
# same bytes for every reader).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Load balancers probe, and Prometheus scrapes, over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Metrics and logs -------------------------------------------------------
# /metrics (aouad_site/metrics.py) answers these addresses or networks (the client's address
# as TRUSTED_PROXY_COUNT defines it), or `Authorization: Bearer <METRICS_TOKEN>`; anyone else
# gets a 404. An empty token turns token access off.
METRICS_ALLOWED_ADDRESSES = env_list("METRICS_ALLOWED_ADDRESSES", ["127.0.0.1", "::1"])
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
# Dotted paths to callables returning metric families at scrape time (e.g. a task queue's
# depth, read from its table): a scrape sees the current value whichever worker answers it.
METRICS_COLLECTORS: list[str] = ["aouad_site.task_queue.collect"]
# `json`: one JSON object per line (aouad_site/logs.py), for a log collector; `text` to read.
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} is neither json nor text.")
# One line per request (method, path, view, status, duration, request id) at INFO; gunicorn's
# own access log is off by default, as it would repeat them without the request id.
LOG_REQUESTS = env_bool("LOG_REQUESTS", True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "aouad_site.logs.RequestIdFilter"},
        "skip_outage_answers": {"()": "aouad_site.logs.SkipOutageAnswers"},
    },
    "formatters": {
        "json": {"()": "aouad_site.logs.JsonLineFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.request": {"filters": ["skip_outage_answers"]},
    },
}

CSRF_FAILURE_VIEW = "aouad_site.views.csrf_failure"
