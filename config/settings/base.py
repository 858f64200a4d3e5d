"""Settings shared by every environment. Environment-specific modules import * from here."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.topology import web_nodes
from media_store.environment import StorageConfigError, storages_from_environment

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
# `manage.py demo_data` (make demo) loads fictional sample organisations and reports: dev and test only.
SAMPLE_DATA_ALLOWED = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "core",  # first: its ready() imports every app's checks.py and signals.py (core/apps.py)
    "creators",
    "portal",
    "taxonomy",
    "directory",
    "funding",
    "impact_data",
    "faq",
    "moderation",
    "outbox",
    "privacy",
    "visibility",
    "reports",
    "value_map",
    "search",
    "ops",
    "media_store",
    "account_security",
    "webhooks",
    "assurance",
    "headless_preview",
    "api_access",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_q",
    "axes",
    "csp",
    "corsheaders",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Probes and metrics first: before host checks, the HTTPS redirect and the caches (ops/middleware.py).
    "ops.middleware.ProbeMiddleware",
    "ops.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CORS for /api/ only (CORS_URLS_REGEX): before anything that can answer, so a 401 or 429 is readable too.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # API keys and rate limits of /api/v2/ and /api/portal/ (after locale: translated errors; before the API cache).
    "api_access.middleware.ApiAccessMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "creators.middleware.KeepRegistrantsOutOfAdminMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends logins past their idle or absolute limit (after auth and messages: it logs out and says why).
    "creators.session_policy.SessionTimeoutMiddleware",
    # Staff (and registrants who turned it on) get nothing but the second-factor pages until they pass it.
    "account_security.middleware.SecondFactorRequiredMiddleware",
    # Creating, editing or deleting a group (granting staff roles): password and second factor again first.
    "account_security.middleware.ReauthBeforeStaffRolesMiddleware",
    # After sessions, locale, auth and messages (it checks them); before CSP, so stored pages keep their header.
    "portal.page_cache.AnonymousPageCacheMiddleware",
    "portal.api_cache.PortalApiCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.csp.SiteCSPMiddleware",  # django-csp's, with a policy of its own for the Wagtail admin
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
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
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]


def sqlite_database(path: Path) -> dict:
    # WAL + IMMEDIATE transactions: qcluster and web writers otherwise hit "database is locked".
    # secure_delete: deleted rows are overwritten with zeros, so a purge leaves no readable text in the file.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;",
        },
    }


DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {"default": sqlite_database(VAR_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "creators.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Lock per email + IP with a cool-off, never on IP alone; a successful login resets the count.
# Attempts and lockouts live in the database, so login works while the cache (Redis) is down.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "creators/locked_out.html"
AXES_USERNAME_CALLABLE = "creators.lockout.lockout_username"
# Behind a load balancer every visitor arrives from its address: count by the X-Forwarded-For entry our own proxies
# wrote (ops/client_address.py). Production refuses WEB_NODES > 1 until TRUSTED_PROXY_HOPS is set explicitly.
AXES_CLIENT_IP_CALLABLE = "ops.client_address.client_address"
try:  # None: not set (treated as 0, no proxy), which production refuses with several web machines
    TRUSTED_PROXY_HOPS = int(os.environ["TRUSTED_PROXY_HOPS"]) if os.environ.get("TRUSTED_PROXY_HOPS") else None
    if TRUSTED_PROXY_HOPS is not None and TRUSTED_PROXY_HOPS < 0:
        raise ValueError(TRUSTED_PROXY_HOPS)
except ValueError as error:
    message = "TRUSTED_PROXY_HOPS must be the number of proxies in front of the site (0, 1, 2…)."
    raise ImproperlyConfigured(message) from error
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        # Registration also compares with the organisation and contact names it is given (creators/forms.py).
        "OPTIONS": {
            "user_attributes": ("email", "first_name", "last_name", "name", "name_th", "name_en", "contact_name")
        },
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
PASSWORD_RESET_TIMEOUT = 60 * 60
# The admin's "forgot password" goes through the same worker and outbox as the public one, for staff only.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "creators.admin_forms.AdminPasswordResetForm"  # noqa: S105 (a form)
LOGIN_URL = "creators:login"
LOGIN_REDIRECT_URL = "creators:dashboard"

# Thai first: no URL prefix for Thai, /en/ for English.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
# The first path wins for a message id both hold: the project's own strings (locale/, rewritten by
# makemessages) over the Thai for Wagtail's and Django's admin strings (locale/admin/, never rewritten by it),
# which in turn wins over the Thai the packages ship.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "admin"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Registrants' images until a moderator approves the profile that shows them: outside MEDIA_ROOT, never served.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private-media"))
# The three file areas (media_store/environment.py): "default" (public), "private", "quarantine". Folders here
# (MEDIA_ROOT, PRIVATE_MEDIA_ROOT, DELETION_QUARANTINE_ROOT) unless MEDIA_STORAGE=s3 (README: Object storage).
try:
    STORAGES = storages_from_environment(
        os.environ, {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    )
except StorageConfigError as error:
    raise ImproperlyConfigured(str(error)) from error
# How many web machines serve the site, and whether the media folders are one network file system they all mount:
# production refuses several machines with media on local folders (core/topology.py).
try:
    WEB_NODES = web_nodes(os.environ.get("WEB_NODES", ""))
except ValueError as error:
    raise ImproperlyConfigured("WEB_NODES must be a whole number of web machines, 1 or more.") from error
# Documents always through Wagtail's view (its privacy checks), on S3 too, never a redirect to a bucket URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
MEDIA_SHARED_FILESYSTEM = os.environ.get("MEDIA_SHARED_FILESYSTEM", "false").lower() == "true"

# Delete on request: restorable this many days, then purged; files wait outside MEDIA_ROOT meanwhile.
DELETION_RESTORE_DAYS = 30
DELETION_QUARANTINE_ROOT = Path(os.environ.get("DELETION_QUARANTINE_ROOT", VAR_DIR / "quarantine"))
DELETION_PURGE_BATCH_SIZE = 20
# SQLite: VACUUM after a purge run that erased something, so no erased text stays in unused page space.
DELETION_PURGE_VACUUM = os.environ.get("DELETION_PURGE_VACUUM", "1") == "1"

# The largest real form is wizard step 2 or 3 at its 100-row limit: about 810 fields with every box ticked
# (tests/reports/test_form_limits.py). Django's 10,000 let 9,000-field posts through; beyond this: a 400 page.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1_200
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

WAGTAIL_SITE_NAME = "Impact Partnership"
# The platform's one public address (scheme://host[:port]): every absolute link made outside a request (emails,
# digests, tasks) starts with it, Wagtail's admin and API base URLs are it, and load_initial_content keeps the
# default Wagtail Site on it. dev derives it from PORT; production refuses to start without an https one.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# Staff avatars never come from Gravatar: it would send a hash of each staff email to a third party (and break
# the admin's img-src). Nor do admins' browsers ask wagtail.io for new releases: upgrades are the operators' call.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# Wagtail's default lets a tiny PNG that decodes to 100+ megapixels through.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILAPI_BASE_URL = SITE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ALLOW_UNICODE_SLUGS = False

REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

EMAIL_TIMEOUT = 15
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Impact Partnership <no-reply@impact-partnership.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

REDIS_URL = os.environ.get("REDIS_URL", "")

Q_CLUSTER = {
    "name": os.environ.get("Q_CLUSTER_NAME", "impact"),
    "workers": 2,
    # retry must exceed timeout or a slow task is delivered twice.
    "timeout": 60,
    "retry": 120,
    "max_attempts": 3,
    "catch_up": False,
    "save_limit": 1000,
    "label": _("Background tasks"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

if REDIS_URL:
    CACHES = {
        "default": {
            # An unreachable Redis is an empty cache (pages render uncached), never a 500: core/cache.py.
            "BACKEND": "core.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            # Deployments (and test stacks) sharing one Redis must not read each other's entries.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "impact"),
            # A dead Redis host must cost a fraction of a second, not the operating system's connect timeout.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
else:
    # Without Redis, a cache every process on this machine shares (runserver, the task cluster, each gunicorn
    # worker): a per-process memory cache would keep serving a deleted item's cached page in the processes that
    # didn't delete it, until the page timed out.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# The read APIs (/api/v2/, /api/portal/; api_access/middleware.py): requests per window, counted in the cache above.
# Anonymous clients per network address, clients sending an API key (issued by staff in the admin) per key.
API_RATE_LIMIT_WINDOW_SECONDS = int(os.environ.get("API_RATE_LIMIT_WINDOW_SECONDS", "60"))
API_RATE_LIMIT_ANONYMOUS = int(os.environ.get("API_RATE_LIMIT_ANONYMOUS", "60"))
API_RATE_LIMIT_KEYED = int(os.environ.get("API_RATE_LIMIT_KEYED", "600"))
# Browsers on these origins (comma-separated, e.g. "https://partner.example,https://app.example") may read the APIs;
# empty: none. Read-only methods, no cookies; clients send keys in a header.
CORS_ALLOWED_ORIGINS = [o.strip() for o in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",") if o.strip()]
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "authorization", "content-type", "if-none-match", "x-api-key")
CORS_EXPOSE_HEADERS = ("Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "ETag")
CORS_ALLOW_CREDENTIALS = False

# Whole anonymous pages (portal/page_cache.py), keyed on the public-content version.
PAGE_CACHE_ENABLED = True
PAGE_CACHE_MAX_AGE = 60  # what browsers and proxies may keep; the server copy lives until content changes
PAGE_CACHE_TIMEOUT = 60 * 60
API_CACHE_ENABLED = True  # portal API answers kept until public content changes (portal/api_cache.py)
API_CACHE_TIMEOUT = 60 * 60
# How long the cache's copy of the public cache generation is trusted (visibility/version.py): after a short
# Redis outage that swallowed an invalidation, another app server may serve older pages this long at most.
PUBLIC_CACHE_LEASE_SECONDS = 5
PAGE_CACHE_ALLOW_BYPASS = False  # the X-Page-Cache-Bypass request header: benchmarks and query-count tests only

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Database sessions that store their user's id (creators.models.sessions): ending an account's sessions reads
# only its own rows.
SESSION_ENGINE = "creators.session_store"
CSRF_COOKIE_HTTPONLY = False
# How long a login lasts (creators/session_policy.py), in seconds; None = no such limit. Registrants: two weeks
# from the login at most, and two hours without a request. Staff: 30 minutes without a request, 12 hours at most.
REGISTRANT_SESSION_IDLE_SECONDS = 2 * 60 * 60
REGISTRANT_SESSION_ABSOLUTE_SECONDS = 14 * 24 * 60 * 60
STAFF_SESSION_IDLE_SECONDS: int | None = 30 * 60
STAFF_SESSION_ABSOLUTE_SECONDS: int | None = 12 * 60 * 60
SESSION_ACTIVITY_WRITE_SECONDS = 60  # the last activity is rewritten at most once a minute (no write per request)

# Strict on the public site; the Wagtail admin has a policy of its own (below, config/csp.py).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/django-admin/", "/api/portal/docs"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Wagtail 8's admin writes inline scripts (date pickers, inline panels, chooser modals) and inline styles without a
# nonce, so those need 'unsafe-inline'; everything is still loaded only from this site. Found by opening every
# main admin screen in Chromium and listening for violations (tests/e2e/test_admin_csp.py).
ADMIN_CONTENT_SECURITY_POLICY = {
    "REPORT_ONLY": False,
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}

# --- Operations (ops/): logs, probes, metrics, backups -------------------------------------------------------
# LOG_FORMAT=json: one JSON object a line (python-json-logger) with the request id; "text" for people.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ops.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(process)d",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
# GET METRICS_PATH answers Prometheus only with "Authorization: Bearer METRICS_TOKEN" or from METRICS_ALLOWED_IPS
# (comma-separated addresses or networks); 404 to everyone else. Neither set: metrics are off.
METRICS_PATH = os.environ.get("METRICS_PATH", "/metrics")
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_ALLOWED_IPS = [ip.strip() for ip in os.environ.get("METRICS_ALLOWED_IPS", "").split(",") if ip.strip()]
# /readyz/ answers 503 when the task cluster's heartbeat is older than 2 minutes (false: reported, not fatal).
READYZ_REQUIRE_TASKS = os.environ.get("READYZ_REQUIRE_TASKS", "true").lower() == "true"
# The purge ledger's copy outside the database (ops/purge_ledger.py): keep it with the backups, not on a web node.
PURGE_LEDGER_ROOT = Path(os.environ.get("PURGE_LEDGER_ROOT", VAR_DIR / "purge-ledger"))
BACKUP_ROOT = Path(os.environ.get("BACKUP_ROOT", VAR_DIR / "backups"))
# --- end of operations settings ---------------------------------------------------------------------------------

PRIVACY_NOTICE_VERSION = "2026-11"
# Retention purges (privacy/retention.py, daily): how long records are kept, in days.
OUTBOX_RETENTION_DAYS = int(os.environ.get("OUTBOX_RETENTION_DAYS", "90"))  # sent emails only
TASK_RESULT_RETENTION_DAYS = int(os.environ.get("TASK_RESULT_RETENTION_DAYS", "30"))  # django-q2 results
LOGIN_RECORD_RETENTION_DAYS = int(os.environ.get("LOGIN_RECORD_RETENTION_DAYS", "90"))  # django-axes records
AXES_VERBOSE = False

# CREATE IMPACT consultation requests a sender may send, counted from the database (every app server agrees).
CONSULTATION_LIMIT_PER_HOUR = 5
CONSULTATION_LIMIT_PER_DAY = 20
# Registrants' image uploads (registration, profile edits) per network address and hour, counted in the database.
IMAGE_UPLOAD_LIMIT_PER_HOUR = 20
# Emails and accounts a sender can cause, counted in the database (creators/services/throttle.py); 0 = no limit.
# "Per IP" counts an IPv4 address or an IPv6 /64. Reset and resend limits are logged when reached, never shown.
PASSWORD_RESET_EMAILS_PER_ADDRESS_PER_HOUR = 3
PASSWORD_RESET_REQUESTS_PER_IP_PER_HOUR = 20
REGISTRATIONS_PER_IP_PER_HOUR = 5
REGISTRATIONS_PER_IP_PER_DAY = 20
VERIFICATION_EMAILS_PER_ADDRESS_PER_HOUR = 3  # re-sends of the confirmation link (also at most one a minute)
VERIFICATION_RESENDS_PER_IP_PER_HOUR = 10

# Two-step sign-in (account_security/): every account that may use the Wagtail admin needs a confirmed second factor
# (authenticator app, or a recovery code) before the admin shows anything but enrolment. Production refuses False;
# SECOND_FACTOR_REQUIRED_FOR_STAFF=false in the environment relaxes it on a developer's own machine only.
SECOND_FACTOR_REQUIRED_FOR_STAFF = os.environ.get("SECOND_FACTOR_REQUIRED_FOR_STAFF", "true").lower() != "false"
# The second-factor step's own lockout: this many wrong codes within the window lock the step for the cool-off.
SECOND_FACTOR_FAILURE_LIMIT = 5
SECOND_FACTOR_LOCKOUT_SECONDS = 15 * 60
# Deleting or restoring on request, resetting someone's second factor, granting staff roles: password and second
# factor again unless the account passed both within this many seconds.
REAUTH_MAX_AGE_SECONDS = 10 * 60
RECOVERY_CODE_COUNT = 10
OTP_TOTP_ISSUER = "Impact Partnership"
# django-otp's own exponential delay after a wrong code is off: the lockout above counts every kind of code.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Passkeys (django-otp-webauthn) as a second factor beside the authenticator app, never instead of the password.
# The relying party (RP ID and origin) is SITE_URL's host (account_security/passkeys.py): a passkey made for one
# address does not work at another, so SITE_URL must be the address people use.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "account_security.passkeys.PasskeyHelper"
OTP_WEBAUTHN_RP_NAME = "Impact Partnership"
# The package's checks read OTP_WEBAUTHN_RP_ID and OTP_WEBAUTHN_ALLOWED_ORIGINS, which this site leaves unset: the
# helper above takes both from SITE_URL when asked (production already refuses a SITE_URL that is not https).
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E010", "otp_webauthn.E030"]

# Webhooks (webhooks/addresses.py): refuse endpoints on loopback, private and link-local addresses (SSRF);
# development and test settings allow them so a receiver on 127.0.0.1 works.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False

# Preview for partner sites (headless_preview/): the partner front-end's preview address; the editor's browser is
# sent there with ?token=…&content_type=… . Empty: the admin shows the API address to hand over instead.
HEADLESS_PREVIEW_CLIENT_URL = os.environ.get("HEADLESS_PREVIEW_CLIENT_URL", "")
