"""Django settings, read from the environment (see README: DATABASE_URL, SECRET_KEY, ...)."""

import os
import re
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
# In a source checkout (src layout) the project root holds pyproject.toml; data lives beside it.
_checkout_root = PACKAGE_DIR.parent.parent
_default_data_dir = (
    _checkout_root / "data" if (_checkout_root / "pyproject.toml").exists() else Path.cwd() / "data"
)
DATA_DIR = Path(os.environ.get("FAZHI_DATA_DIR", _default_data_dir))


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value and value.strip() else default


def _persistent_secret_key() -> str:
    """A random key kept in the data folder, so sessions survive restarts without a default key."""
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


DEBUG = _env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or _persistent_secret_key()
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "fazhi.site.errors.csrf_failure"  # the site's Chinese page, no reason shown

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "csp",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "fazhi.core",
    "fazhi.audit",
    "fazhi.accounts",
    "fazhi.orgs",
    "fazhi.people",
    "fazhi.notifications",
    "fazhi.jobs",
    # The ledger framework, then one app per ledger domain.
    "fazhi.ledgers",
    "fazhi.governance",
    "fazhi.study",
    "fazhi.publicity",
    "fazhi.legal_services",
    "fazhi.openness",
    "fazhi.normative",
    "fazhi.decisions",
    "fazhi.enforcement",
    "fazhi.disputes",
    "fazhi.deadlines",
    "fazhi.indicators",
    "fazhi.dashboards",
    "fazhi.reports",
    "fazhi.supervision",
    "fazhi.assessment",
    "fazhi.review",
    "fazhi.site",
    "fazhi.operations",
    "fazhi.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the rest, so a locked database anywhere below is 系统繁忙 (503), never a 500.
    "fazhi.core.busy.BusyDatabaseMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, so both headers are on every page and download but not on static files.
    "csp.middleware.CSPMiddleware",
    "fazhi.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A one-time password is replaced before anything else is reachable.
    "fazhi.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

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
                "fazhi.site.context_processors.navigation",
                "fazhi.notifications.context_processors.notifications",
            ],
        },
    },
]

# --- Database: SQLite (WAL) under the data folder unless DATABASE_URL says otherwise.
# A writer waits this long for another's lock before the user is told 系统繁忙 (HTTP 503,
# fazhi.core.busy); the longest lock is an import's write, which is kept to a few seconds.
DATABASE_LOCK_WAIT_SECONDS = int(os.environ.get("DATABASE_LOCK_WAIT_SECONDS", "20"))
_sqlite_url = f"sqlite:///{DATA_DIR / 'fazhi.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _sqlite_url, conn_max_age=600
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer commits.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        # Every transaction takes the write lock when it begins (waiting up to `timeout`), so
        # a read never fails to upgrade to a write halfway through.
        "transaction_mode": "IMMEDIATE",
        "timeout": DATABASE_LOCK_WAIT_SECONDS,
    }
    DATABASES["default"]["TEST"] = {"NAME": None}  # in-memory test database
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL locks rows, not the database: a writer waits for a row another transaction
    # holds at most this long, then gets the same 系统繁忙 page instead of waiting forever.
    _lock_timeout = f"-c lock_timeout={DATABASE_LOCK_WAIT_SECONDS * 1000}"
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} {_lock_timeout}".strip()
    # An unreachable server is an answer within seconds (/healthz says 503), not a hang.
    _options.setdefault("connect_timeout", 10)
# A read replica (a PostgreSQL standby of DATABASE_URL): dashboards and indicator pages read
# their figures from it (fazhi.core.routers; docs/scaling.md); everything else reads the primary,
# and a person who has just saved something does for DATABASE_REPLICA_PIN_SECONDS.
DATABASE_REPLICA_PIN_SECONDS = _env_int("DATABASE_REPLICA_PIN_SECONDS", 10)
if os.environ.get("DATABASE_REPLICA_URL"):
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL: needs DATABASE_URL on PostgreSQL")
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=600
    )
    if DATABASES["replica"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL: expected postgres://…")
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 10)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests read the test database
    DATABASE_ROUTERS = ["fazhi.core.routers.ReplicaRouter"]
    # Before django-axes, which must stay last.
    MIDDLEWARE.insert(len(MIDDLEWARE) - 1, "fazhi.core.routers.ReplicaPinMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The open-deadline index covers the record on PostgreSQL (INCLUDE); SQLite builds it without
# the covered columns, as intended, which Django would otherwise warn about on every command.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Accounts, passwords, login throttling.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "fazhi.accounts.backends.PasswordBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Length and character classes are ours (fazhi.accounts.password_validation: Chinese messages).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "fazhi.accounts.password_validation.MinimumLengthValidator"},
    {"NAME": "fazhi.accounts.password_validation.CharacterClassesValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Failures allowed within the cool-off time: one account from one address, one account from any
# addresses (a distributed guess), one address on any accounts (password spraying); each reached
# limit locks that account or address (fazhi.accounts.throttling).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
FAZHI_LOGIN_USERNAME_FAILURE_LIMIT = _env_int("FAZHI_LOGIN_USERNAME_FAILURE_LIMIT", 10)
FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT = _env_int("FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_HANDLER = "fazhi.accounts.throttling.LoginThrottle"
if _env_bool("BEHIND_HTTPS_PROXY", False):  # else the proxy's address would count for everyone
    AXES_CLIENT_IP_CALLABLE = "fazhi.accounts.throttling.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# --- Locale.
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Files. Media is never served from a public URL: downloads go through permission-checked views.
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"  # filled by collectstatic; WhiteNoise also uses the finders
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# --- Uploads (reports to check, ledger imports, attachments): beyond these a file is refused
# before anything parses or stores it (fazhi.core.uploads; `fazhi check` has the same defaults).
FAZHI_UPLOAD_MAX_BYTES = _env_int("FAZHI_UPLOAD_MAX_MB", 20) * 1024 * 1024
FAZHI_UPLOAD_MAX_UNPACKED_BYTES = _env_int("FAZHI_UPLOAD_MAX_UNPACKED_MB", 100) * 1024 * 1024
FAZHI_UPLOAD_MAX_MEMBERS = _env_int("FAZHI_UPLOAD_MAX_MEMBERS", 2000)  # files inside a zip
FAZHI_UPLOAD_MAX_RATIO = _env_int("FAZHI_UPLOAD_MAX_RATIO", 100)  # unpacked over packed size
FAZHI_UPLOAD_MAX_PDF_PAGES = _env_int("FAZHI_UPLOAD_MAX_PDF_PAGES", 300)
FAZHI_UPLOAD_MAX_PIXELS = _env_int("FAZHI_UPLOAD_MAX_PIXELS", 50_000_000)  # a photo's pixels
FILE_UPLOAD_HANDLERS = [
    "fazhi.core.uploads.SizeLimitedUploadHandler",  # stops keeping a file past the limit
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Security. Secure cookies and HTTPS redirect whenever DEBUG is off, unless explicitly relaxed
# for a plain-HTTP intranet (FAZHI_INSECURE_HTTP=1).
_https = not DEBUG and not _env_bool("FAZHI_INSECURE_HTTP", False)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = _https and _env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if _https else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https
# Monitoring on the server itself may call the app directly over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if _env_bool("BEHIND_HTTPS_PROXY", False) else None
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Only the site's own files run or style a page: no inline script, no style attribute, nothing
# from another host (the site runs on an intranet and serves ECharts and htmx itself). Chart
# options travel as JSON in a json_script element, which the browser never executes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws its form icons as data: SVG
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- E-mail: the daily digest of notifications (`fazhi deadlines --digest`) is sent only where
# FAZHI_EMAIL_HOST names an SMTP server; FAZHI_SITE_URL (https://…) makes its links absolute.
FAZHI_EMAIL_ENABLED = bool(os.environ.get("FAZHI_EMAIL_HOST"))
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("FAZHI_EMAIL_HOST", "localhost")
EMAIL_PORT = _env_int("FAZHI_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("FAZHI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("FAZHI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("FAZHI_EMAIL_USE_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = _env_bool("FAZHI_EMAIL_USE_SSL", False)  # implicit TLS, usually port 465
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("FAZHI_EMAIL_FROM", "fazhi@localhost")
FAZHI_SITE_URL = os.environ.get("FAZHI_SITE_URL", "").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The REST API (fazhi.api): a token or the browser's session; JSON only; Chinese errors.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "fazhi.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "fazhi.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
    # Per person, token and session together (fazhi.api.throttling): FAZHI_API_RATE, e.g. 600/min.
    "DEFAULT_THROTTLE_CLASSES": ["fazhi.api.throttling.PersonThrottle"],
}
FAZHI_API_RATE = os.environ.get("FAZHI_API_RATE", "").strip() or "600/min"
if not re.fullmatch(r"[1-9][0-9]*/(s|sec|m|min|h|hour|d|day)", FAZHI_API_RATE):
    raise ImproperlyConfigured("FAZHI_API_RATE: expected requests/period, e.g. 600/min or 20/s")
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"user": FAZHI_API_RATE}
# Counts every gunicorn worker must agree on (the API throttle) live in a database table, made
# by `fazhi migrate` (fazhi.api's post_migrate). Django's default cache stays per process.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "fazhi_shared_cache",
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "法治政府建设工作平台 API",
    "DESCRIPTION": "台账、指标、期限、年度报告、报告检查与考核的接口，权限范围与页面一致。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # The docs page's assets come from the sidecar package, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The common error answers (400/401/403/404/…) documented on every operation.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "fazhi.api.schema.document_errors",
        "fazhi.api.schema.chinese_tags",
    ],
    # Groups start folded (the ledgers alone have some 270 operations), with a filter box.
    "SWAGGER_UI_SETTINGS": {"docExpansion": "none", "filter": True, "deepLinking": True},
    # Issue 19, ledgers slice: choice sets shared by kinds, or sharing a field name.
    "ENUM_NAME_OVERRIDES": {
        "EnforcementTypeEnum": "fazhi.api.enums.ENFORCEMENT_TYPE",
        "LegalAidCaseTypeEnum": "fazhi.api.enums.LEGAL_AID_CASE_TYPE",
        "FollowUpCategoryEnum": "fazhi.api.enums.FOLLOW_UP_CATEGORY",
        "AttachmentCategoryEnum": "fazhi.api.enums.ATTACHMENT_CATEGORY",
    },
}

# --- Background jobs (fazhi.jobs): Celery over Redis when a broker is set, else a thread of the
# serving process (the same code). A job silent this long has lost its runner and is failed.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("FAZHI_REDIS_URL") or ""
FAZHI_JOBS_RUNNER = os.environ.get("FAZHI_JOBS_RUNNER", "thread")
FAZHI_JOB_STALE_MINUTES = _env_int("FAZHI_JOB_STALE_MINUTES", 30)
# Days a finished job's file (an export, a zip of drafts) is kept for download: it can be made
# again at any time, and every one kept would grow the data folder and each backup.
FAZHI_JOB_KEEP_DAYS = _env_int("FAZHI_JOB_KEEP_DAYS", 14)
