"""
Frontline settings.

Every value a deployment changes comes from a ``DJANGO_*`` environment variable (or
``DATABASE_URL`` / ``DJANGO_CACHE_URL``). With no variables at all the project runs
on a SQLite file in the project folder; DEBUG is on only when asked for.
"""

import os
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

# A fixed key is only acceptable on a developer's machine (DJANGO_DEBUG=true): production
# refuses to start without its own, rather than sign sessions with a key anyone can read.
_DEVELOPMENT_SECRET_KEY = "django-insecure-frontline-development-only-key-0123456789abcdef"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production (DJANGO_DEBUG off) needs a secret key of "
            "its own; on a development machine set DJANGO_DEBUG=true (make run does)."
        )
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "markdownx",
    "updates",
    "control",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "updates.middleware.reject_nul_bytes",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "frontline.outage.DatabaseOutageMiddleware",
    # Public pages from the shared cache (updates/caching.py), stored compressed.
    "updates.caching.PublicPageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "updates.routing.PublicReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "frontline.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "updates.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "frontline.wsgi.application"

# Database: SQLite with no configuration; PostgreSQL (psycopg 3) via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DJANGO_DB_POOL"):
    # psycopg's pool replaces persistent connections; the two cannot be combined.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DJANGO_DB_POOL_MIN", "2")),
        "max_size": int(os.environ.get("DJANGO_DB_POOL_MAX", "10")),
    }

# Database outages (frontline/outage.py): every request gets its answer, a 503 at worst,
# well before gunicorn's 30 s worker timeout, and the pool is serving again within a second
# or two of the database's return. psycopg's pool retries a lost server with exponential
# backoff (1, 2, 4, 8 … s) for reconnect_timeout seconds; a short one keeps the retries a
# second apart, and the next waiting request starts a fresh attempt.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "3"))
    )
    if isinstance(DATABASES["default"]["OPTIONS"].get("pool"), dict):
        DATABASES["default"]["OPTIONS"]["pool"].update(
            timeout=float(os.environ.get("DJANGO_DB_POOL_TIMEOUT", "3")),
            reconnect_timeout=float(os.environ.get("DJANGO_DB_POOL_RECONNECT_TIMEOUT", "2")),
        )
FRONTLINE_OUTAGE_RETRY_AFTER = int(os.environ.get("FRONTLINE_OUTAGE_RETRY_AFTER", "30"))
# A read replica (PostgreSQL streaming replication): anonymous public reads go there,
# writes, the admin and signed-in editors to the primary (updates/routing.py).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(
            DATABASE_REPLICA_URL,
            conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
            conn_health_checks=True,
        ),
        "OPTIONS": DATABASES["default"].get("OPTIONS", {}),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["updates.routing.ReplicaRouter"]

# Cache: local memory by default; Redis shared by every app server when DJANGO_CACHE_URL is set.
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "frontline"),
            # A cache outage must cost milliseconds, not a hung worker: pages go uncached.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured(f"DJANGO_CACHE_URL must be a redis:// URL, not {CACHE_URL!r}")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages in the shared cache (versioned keys, invalidated on every publish/edit/delete)
# and what shared caches and CDNs are told they may keep.
FRONTLINE_PAGE_CACHE_SECONDS = int(os.environ.get("FRONTLINE_PAGE_CACHE_SECONDS", 600))
FRONTLINE_CDN_MAX_AGE = int(os.environ.get("FRONTLINE_CDN_MAX_AGE", 60))
FRONTLINE_CDN_STALE_SECONDS = int(os.environ.get("FRONTLINE_CDN_STALE_SECONDS", 600))
# PostgreSQL: no statement of a reader's request may run longer (0: no limit).
FRONTLINE_PUBLIC_STATEMENT_TIMEOUT_MS = int(
    os.environ.get("FRONTLINE_PUBLIC_STATEMENT_TIMEOUT_MS", 3000)
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalization: the interface speaks English and Dutch.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "updates" / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Static and media files.
STATIC_URL = os.environ.get("DJANGO_STATIC_URL", "/static/")
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static", ("leaflet", xstatic.pkg.leaflet.BASE_DIR)]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
FRONTLINE_SERVE_MEDIA = env_bool("FRONTLINE_SERVE_MEDIA", default=True)
STORAGES = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_DEFAULT_STORAGE", "django.core.files.storage.FileSystemStorage"
        ),
    },
    "staticfiles": {
        # Fingerprinted, compressed names; DEBUG serves the files unhashed from their folders.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Uploads: a cap on request bodies, and images checked by Pillow (see updates/uploads.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FRONTLINE_MAX_IMAGE_BYTES = int(os.environ.get("FRONTLINE_MAX_IMAGE_BYTES", 10 * 1024 * 1024))
FRONTLINE_IMPORT_MAX_BYTES = int(os.environ.get("FRONTLINE_IMPORT_MAX_BYTES", 50 * 1024 * 1024))
FRONTLINE_MAX_IMAGE_PIXELS = int(os.environ.get("FRONTLINE_MAX_IMAGE_PIXELS", 40_000_000))
# One update's Markdown (admin, importer, preview): bounds the renderer's work and keeps
# the search vector far below PostgreSQL's 1 MB tsvector limit.
FRONTLINE_MAX_MARKDOWN_CHARS = int(os.environ.get("FRONTLINE_MAX_MARKDOWN_CHARS", 100_000))
# The earliest reported date an update may have (ISO date); the latest is tomorrow.
FRONTLINE_EARLIEST_DATE = os.environ.get("FRONTLINE_EARLIEST_DATE", "2022-02-24")

# django-markdownx: one renderer for preview and pages; its endpoints are mounted
# staff-only in frontline/urls.py.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "updates.markdown.render_markdown"
MARKDOWNX_MEDIA_PATH = "uploads/"
MARKDOWNX_UPLOAD_MAX_SIZE = FRONTLINE_MAX_IMAGE_BYTES
MARKDOWNX_UPLOAD_CONTENT_TYPES = ("image/png", "image/jpeg", "image/webp")

# Maps: the tile server is a setting, so a deployment can point at its own.
FRONTLINE_TILE_URL = os.environ.get(
    "FRONTLINE_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
FRONTLINE_TILE_ATTRIBUTION = os.environ.get(
    "FRONTLINE_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors"
)
FRONTLINE_SITE_NAME = os.environ.get("FRONTLINE_SITE_NAME", "Frontline")

LOGIN_URL = "admin:login"

# Security. Production (DEBUG off) is HTTPS-only; every value can be relaxed by its
# variable, e.g. behind a proxy that terminates TLS (DJANGO_SECURE_PROXY_SSL_HEADER=true).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Hardening (issue 8): a Content-Security-Policy, throttled admin logins, the API docs'
# Swagger UI served from the site's own static files (ninja's templates, not a CDN).
INSTALLED_APPS += ["ninja", "axes"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "csp.middleware.CSPMiddleware")  # fmt: skip
# Last, as django-axes asks: it turns a locked-out login into a 429 page.
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for one user name from one address lock that pair out for an hour;
# a success resets the count. The pair, not the name alone, so an attacker cannot lock an
# editor out from everywhere. Behind proxies, DJANGO_AXES_PROXY_COUNT says how many set
# X-Forwarded-For (0: use the connection's address).
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("DJANGO_AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("DJANGO_AXES_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)


def _csp_origin(url: str) -> list[str]:
    """The origin of an absolute URL as a CSP source ({s} subdomains as *); [] if relative."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "*"))
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


# Scripts, styles, fonts, frames and forms from the site only (or from DJANGO_STATIC_URL's
# host when static files live on a CDN): no inline script, no eval, no inline style. Images
# may also come from the tile server, the media host, data: URIs (Leaflet's and Swagger
# UI's icons) and DJANGO_CSP_IMG_SRC.
_STATIC_ORIGIN = _csp_origin(STATIC_URL)
_CSP = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *_STATIC_ORIGIN],
        "style-src": ["'self'", *_STATIC_ORIGIN],
        "img-src": [
            "'self'",
            "data:",
            *_STATIC_ORIGIN,
            *_csp_origin(MEDIA_URL),
            *_csp_origin(FRONTLINE_TILE_URL),
            *env_list("DJANGO_CSP_IMG_SRC", []),
        ],
        "connect-src": ["'self'"],
        "font-src": ["'self'", *_STATIC_ORIGIN],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if env_bool("DJANGO_CSP_REPORT_ONLY"):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
    CONTENT_SECURITY_POLICY = None
else:
    CONTENT_SECURITY_POLICY = _CSP

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
