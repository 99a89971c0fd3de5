"""conflictmap settings: one flat file, every knob read from the environment.

The helpers below refuse malformed values at start-up instead of guessing, so a
typo in a deployment's environment fails loudly rather than silently running
with a default.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def envint(name, default, minimum=None, maximum=None):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None
    if minimum is not None and value < minimum or maximum is not None and value > maximum:
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}, got {value}")
    return value


def envlist(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
# Under pytest: no collectstatic manifest is needed and a throwaway key is fine.
TESTING = "pytest" in sys.modules

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING or envbool("ALLOW_INSECURE_SECRET_KEY", False)):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment "
            "(or DEBUG=1 for local development)."
        )
    # Development only: a fixed, obviously-not-secret key so sessions survive restarts.
    SECRET_KEY = "dev-insecure-conflictmap-key-do-not-use-in-production"

# A deployment is DEBUG off with a real SECRET_KEY, outside pytest. Tests and local
# runs (ALLOW_INSECURE_SECRET_KEY=1) use plain http without collectstatic, so the
# HTTPS-only defaults and the static files manifest are off there.
IS_DEPLOYMENT = not (DEBUG or TESTING or envbool("ALLOW_INSECURE_SECRET_KEY", False))

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "conflictmap")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework_gis",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "leaflet",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "geodata",
]

MIDDLEWARE = [
    # First: the request id and the request log cover every other middleware (conflictmap/middleware.py).
    "conflictmap.middleware.RequestLogMiddleware",
    # Marks public GETs so that their reads may go to a replica (conflictmap/dbrouter.py).
    "conflictmap.dbrouter.PublicReadMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Compresses what the rest of the stack returns (not the admin: BREACH); see conflictmap/compression.py.
    "conflictmap.compression.PublicGZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: a policy binds documents (and workers), not the scripts and styles a document loads,
    # so static files go without its ~240 bytes each (about 45 files on the map page).
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The interface language: ?lang=, then Accept-Language, then English (conflictmap/locale.py).
    "conflictmap.locale.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns lockouts raised by the backend into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "conflictmap.urls"
WSGI_APPLICATION = "conflictmap.wsgi.application"

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
            ],
        },
    },
]

# Database: DATABASE_URL when given (e.g. postgis://user:pass@host:5432/name),
# otherwise the project-local cluster that `make run` starts under var/, reached
# through its unix socket (no TCP port, so several checkouts can run side by side).
LOCAL_PG_SOCKET_DIR = BASE_DIR / "var" / "run"
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "NAME": os.environ.get("DB_NAME", "conflictmap"),
            "USER": "postgres",
            "HOST": str(LOCAL_PG_SOCKET_DIR),
        }
    }
DATABASES["default"]["ENGINE"] = "django.contrib.gis.db.backends.postgis"
DATABASES["default"]["CONN_MAX_AGE"] = envint("DB_CONN_MAX_AGE", 0, minimum=0)
# A persistent connection is checked before its first use in each request, so one
# that PostgreSQL dropped (a restart, a failover) is replaced instead of failing.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = envbool("DB_CONN_HEALTH_CHECKS", True)
# PostgreSQL's JIT compiler costs tens of ms on every API query that crosses its
# cost threshold and pays off only for long analytical queries (make bench).
if not envbool("DB_JIT", False):
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (_options.get("options", "") + " -c jit=off").strip()
# Seconds to wait for a connection to PostgreSQL (psycopg's connect_timeout): an unreachable database
# host (a dropped packet, not a refusal) fails a request this fast, with a 503 or the last good copy
# of an embed, instead of holding a worker for the operating system's TCP timeout (minutes).
DB_CONNECT_TIMEOUT = envint("DB_CONNECT_TIMEOUT", 5, minimum=1, maximum=120)
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
# Every query on the web's connections is cancelled after this many milliseconds, so
# an abusive public query cannot hold the database. 0 switches it off (long imports,
# migrations on huge tables: run them with DB_STATEMENT_TIMEOUT_MS=0).
DB_STATEMENT_TIMEOUT_MS = envint("DB_STATEMENT_TIMEOUT_MS", 15000, minimum=0)
if DB_STATEMENT_TIMEOUT_MS:
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = (_options.get("options", "") + f" -c statement_timeout={DB_STATEMENT_TIMEOUT_MS}").strip()

# Executions of one statement text on a connection before psycopg prepares it, for the statements run on a
# server-side binding cursor (a slider step's, geodata/api/statements.py; Django's own cursors bind on the client
# and never prepare). Prepared, PostgreSQL plans them once per connection instead of on every slider step.
# DB_PREPARED_STATEMENTS=0 never prepares (e.g. behind a PgBouncer in transaction mode older than 1.21,
# docs/deployment.md).
DB_PREPARE_THRESHOLD = envint("DB_PREPARE_THRESHOLD", 2, minimum=0, maximum=1000)
if not envbool("DB_PREPARED_STATEMENTS", True):
    DB_PREPARE_THRESHOLD = None
DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = DB_PREPARE_THRESHOLD

# Read replicas (docs/deployment.md#read-replicas): DATABASE_REPLICA_URLS, comma-separated,
# become the aliases replica1, replica2, … with the primary's connection options; the
# router (conflictmap/dbrouter.py) sends the public read paths there, the rest to the primary.
for _number, _url in enumerate(envlist("DATABASE_REPLICA_URLS", []), start=1):
    _replica = dj_database_url.parse(_url)
    _replica.update(
        ENGINE=DATABASES["default"]["ENGINE"],
        CONN_MAX_AGE=DATABASES["default"]["CONN_MAX_AGE"],
        CONN_HEALTH_CHECKS=DATABASES["default"]["CONN_HEALTH_CHECKS"],
        # The same rows as the primary: the test suite makes no test database for it.
        TEST={"MIRROR": "default"},
    )
    _replica["OPTIONS"] = {**_replica.get("OPTIONS", {}), **DATABASES["default"].get("OPTIONS", {})}
    DATABASES[f"replica{_number}"] = _replica
DATABASE_ROUTERS = ["conflictmap.dbrouter.ReplicaRouter"]
# Seconds an unreachable replica is skipped (its reads go to the primary) before it is tried again.
REPLICA_RETRY_SECONDS = envint("REPLICA_RETRY_SECONDS", 10, minimum=1)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface's languages (docs/i18n.md): English, then the conflict's own languages and Russian,
# the language both sides read. Each name is written in its own language for the switcher.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("hy", "Հայերեն"),
    ("az", "Azərbaycanca"),
    ("ru", "Русский"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django ships date and number formats for az and ru but none for hy: ours are in conflictmap/formats/.
FORMAT_MODULE_PATH = ["conflictmap.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Deployments (and `make serve`, which sets STATIC_MANIFEST=1 for a local trial) serve
# the collectstatic output: hashed names, gzip/brotli copies, far-future caching.
STATIC_MANIFEST = envbool("STATIC_MANIFEST", IS_DEPLOYMENT)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if not STATIC_MANIFEST
            else "conflictmap.staticstorage.MinifiedManifestStorage"
        )
    },
}
# collectstatic minifies our own ES modules before hashing them (conflictmap/staticstorage.py).
MINIFY_STATIC = envbool("MINIFY_STATIC", True)
# Tests, local runs and DEBUG serve straight from the finders; deployments from collectstatic.
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

# Debian 12 ships GDAL 3.6; Django 5.2 warns (gis.W001) that GDAL < 3.9 will lose
# support in a later Django. We pin Django 5.2 LTS, which still supports 3.6, and
# the project targets Debian 12, so the warning is known and accepted.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

# One JSON object a line (conflictmap/jsonlog.py), each with the request id of the request
# it belongs to; LOG_FORMAT=text for the plain lines of development (the default with DEBUG).
LOG_FORMAT = os.environ.get("LOG_FORMAT") or ("text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "conflictmap.middleware.RequestIdFilter"}},
    "formatters": {"json": {"()": "conflictmap.jsonlog.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
# Seconds a client is told to wait (Retry-After) when the database is unreachable or
# too slow and the answer is a 503 (conflictmap/faults.py).
RETRY_AFTER_SECONDS = envint("RETRY_AFTER_SECONDS", 5, minimum=1)

# Base map shown under our data. Tiles may be unreachable (offline laptop, tests):
# the map also draws an offline Natural Earth basemap from our own static files.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)

LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (40.0, 46.8),
    "DEFAULT_ZOOM": 8,
    "MIN_ZOOM": 2,
    "MAX_ZOOM": 18,
    # No tile URL = offline: no tile layer at all (the admin draws the borders basemap).
    "TILES": [("OpenStreetMap", MAP_TILE_URL, {"attribution": MAP_TILE_ATTRIBUTION})] if MAP_TILE_URL else [],
    "RESET_VIEW": False,
}

API_MAX_PAGE_SIZE = envint("API_MAX_PAGE_SIZE", 1000, minimum=1, maximum=100000)
# Page size when the request gives none (never above the cap).
API_PAGE_SIZE = envint("API_PAGE_SIZE", min(100, API_MAX_PAGE_SIZE), minimum=1, maximum=API_MAX_PAGE_SIZE)
# Keyset-paged lists (docs/api.md, Paging): `page=N` reaches this many rows, the cursor links any depth;
# `count` is exact up to API_EXACT_COUNT rows, the planner's estimate beyond (count_is_estimate).
API_MAX_OFFSET = envint("API_MAX_OFFSET", 10000, minimum=0, maximum=10**7)
API_EXACT_COUNT = envint("API_EXACT_COUNT", 10000, minimum=0, maximum=10**8)
# /api/events/compact/ is not paginated: more events than this in one request is a 400 (narrow the
# window). The map asks for 32 days at a time (static/js/map/ApiClient.js): ~43,000 events at 1M.
API_COMPACT_LIMIT = envint("API_COMPACT_LIMIT", 200000, minimum=1, maximum=10**7)
# Results of /api/places/search/ (docs/map.md, Finding a place).
PLACE_SEARCH_LIMIT = envint("PLACE_SEARCH_LIMIT", 10, minimum=1, maximum=100)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "conflictmap API",
    "DESCRIPTION": "Read-only public API: places, control over time, events and the claims behind them.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from our own static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Editorial workflow --------------------------------------------------------
# Nobody publishes without the Reviewers group. When this is on, a reviewer may
# also publish a record they created, submitted or last edited themselves (small
# desks with one reviewer); off (the default), every publication needs a second person.
ALLOW_SELF_PUBLISH = envbool("ALLOW_SELF_PUBLISH", False)

# --- Security ----------------------------------------------------------------------
# IS_DEPLOYMENT (defined next to SECRET_KEY) turns on the HTTPS-only defaults.

SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", IS_DEPLOYMENT)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", IS_DEPLOYMENT)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", IS_DEPLOYMENT)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if IS_DEPLOYMENT else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", IS_DEPLOYMENT)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", IS_DEPLOYMENT)
# Behind a TLS-terminating proxy, set SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO
# (only if the proxy always sets or strips that header).
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")
# Load-balancer probes (conflictmap/health.py) usually speak plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"


def tile_origin(url):
    """The CSP source for the tile server: scheme://host, {s} subdomains as a wildcard; None when empty."""
    from urllib.parse import urlsplit

    if not url:
        return None
    parts = urlsplit(url.replace("{s}.", "*."))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(f"MAP_TILE_URL must be an http(s) URL or empty, got {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


# django-csp: on every response. Scripts and styles only from our own origin: no
# 'unsafe-inline', no eval. The admin's map widget (django-leaflet) has inline
# scripts: they carry a per-request nonce, which django-csp adds to the header only
# on the responses that use one. The embed view relaxes frame-ancestors for itself.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

MAP_TILE_HOST = tile_origin(MAP_TILE_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"] + ([MAP_TILE_HOST] if MAP_TILE_HOST else []),
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# django-axes: lock out an IP address after AXES_FAILURE_LIMIT failed admin logins
# for AXES_COOLOFF_HOURS (`manage.py axes_reset` lifts it early). By IP rather than by
# username, so nobody can lock a known editor out during breaking news.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_HOURS", 1, minimum=1)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
# Behind N reverse proxies, the client is the Nth address from the right of
# X-Forwarded-For (conflictmap/security.py); 0 = no proxy, REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=10)
AXES_CLIENT_IP_CALLABLE = "conflictmap.security.client_ip"

# django-otp: with OTP_REQUIRED on, the admin accepts only staff who also enter a
# TOTP code from a registered device (`manage.py totp_enroll USERNAME` makes one).
OTP_REQUIRED = envbool("OTP_REQUIRED", False)
OTP_TOTP_ISSUER = SITE_NAME

# --- Embeds for articles (/embed/<slug>/, /oembed) ---------------------------------
# Who may frame an embed: CSP frame-ancestors sources, comma-separated, e.g.
# "https://www.example-news.com,https://*.example.org"; * = any origin. Every other page
# keeps frame-ancestors 'none' and X-Frame-Options: DENY.
EMBED_FRAME_ANCESTORS = envlist("EMBED_FRAME_ANCESTORS", ["*"])
# Seconds that browsers and CDNs may reuse an embed page (and an oEmbed answer) without asking.
EMBED_CACHE_MAX_AGE = envint("EMBED_CACHE_MAX_AGE", 300, minimum=0)
# Languages the embed accepts as lang=... (each must be one of LANGUAGES). Without lang=, the embed
# speaks the reader's language (Accept-Language, conflictmap/locale.py) if it is one of these, else the first.
EMBED_LANGUAGES = envlist("EMBED_LANGUAGES", [code for code, _name in LANGUAGES]) or [LANGUAGE_CODE]
if not set(EMBED_LANGUAGES) <= {code for code, _name in LANGUAGES}:
    raise ImproperlyConfigured(f"EMBED_LANGUAGES must be among LANGUAGES, got {EMBED_LANGUAGES!r}")
# pghistory's middleware would read request.user (so the session) on every GET, which adds
# Vary: Cookie to public pages and makes an editor's embed differ from a reader's. Reads
# write no history, so only writes need its context.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

# Background tasks (the admin's ACLED upload): queued in PostgreSQL, run by `manage.py db_worker`, which
# `make run` starts beside the development server (docs/data-in-out.md#upload-in-the-admin).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Caching of public responses (geodata/httpcache.py; docs/deployment.md, Caching and CDN) -------
from conflictmap.caches import caches_from_url, code_release  # noqa: E402

# redis://host:6379/0 (Django's RedisCache), file:///dir, locmem://; unset: a file cache in var/cache/
# (with DEBUG on and no CACHE_URL: no server cache at all, so edits show at once).
CACHES = caches_from_url(os.environ.get("CACHE_URL", ""), BASE_DIR / "var" / "cache", debug=DEBUG)
# Part of every public cache key and ETag: answers rendered by another release are never served.
PUBLIC_CACHE_RELEASE = os.environ.get("PUBLIC_CACHE_RELEASE") or code_release(BASE_DIR, STATIC_ROOT)
PUBLIC_CACHE_ALIAS = "default"
# Seconds browsers and CDNs may reuse a public page or API answer (the embed: EMBED_CACHE_MAX_AGE)...
PUBLIC_CACHE_MAX_AGE = envint("PUBLIC_CACHE_MAX_AGE", 60, minimum=0, maximum=86400)
# ...and may go on serving it while they fetch a fresh one in the background.
PUBLIC_CACHE_STALE_WHILE_REVALIDATE = envint("PUBLIC_CACHE_STALE_WHILE_REVALIDATE", 30, minimum=0, maximum=86400)
# Seconds an embed's last good copy is kept (under a key without the data version) to be served,
# marked "shown as of …", while the database is unreachable or too slow. Also sent as
# Cache-Control stale-if-error (RFC 5861) for a CDN. 0 switches it off (the static 503 page).
PUBLIC_CACHE_STALE_IF_ERROR = envint("PUBLIC_CACHE_STALE_IF_ERROR", 86400, minimum=0, maximum=30 * 86400)
# Seconds the server keeps a rendered answer. Keys carry the data version, so this bounds
# storage only, never staleness. 0 turns the server-side cache off (ETags and 304s stay).
PUBLIC_CACHE_TIMEOUT = envint("PUBLIC_CACHE_TIMEOUT", 3600, minimum=0, maximum=30 * 86400)

# Vector tiles (docs/tiles.md): how long a built tile is kept in the cache, under its ETag (the
# data version and the request), so an unchanged tile is not built again. 0 switches it off.
TILE_CACHE_SECONDS = envint("TILE_CACHE_SECONDS", 300, minimum=0)
