"""Production: everything from the environment. `manage.py check --deploy` is clean with these."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from core.site_url import site_url_problem
from core.topology import proxy_hops_problem, redis_problem, shared_media_problem

from .base import *  # noqa: F403
from .base import DATABASE_URL, MEDIA_SHARED_FILESYSTEM, REDIS_URL, SITE_URL, STORAGES, TRUSTED_PROXY_HOPS, WEB_NODES


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


DEBUG = False
SAMPLE_DATA_ALLOWED = False  # never sample data on a real site, whatever the environment says
SECRET_KEY = _required("SECRET_KEY")
# Earlier keys, comma-separated, while a rotation settles: signatures made with them (sessions, reset links,
# queued django-q2 tasks — moderation/task_signing.py) still verify. New ones use SECRET_KEY.
SECRET_KEY_FALLBACKS = [key.strip() for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key.strip()]
ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
# Every link in emails and digests starts here: a missing or local address would send people to 127.0.0.1.
if problem := site_url_problem(SITE_URL, ALLOWED_HOSTS, https_only=True):
    raise ImproperlyConfigured(
        f"{problem} Set SITE_URL to the platform's public https address, e.g. https://impact.example.go.th; "
        "its host must be one of ALLOWED_HOSTS."
    )
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = SITE_URL
CSRF_TRUSTED_ORIGINS = list(dict.fromkeys([SITE_URL, *(f"https://{h.lstrip('.')}" for h in ALLOWED_HOSTS if h != "*")]))
if not SECOND_FACTOR_REQUIRED_FOR_STAFF:  # noqa: F405 (from base)
    raise ImproperlyConfigured("SECOND_FACTOR_REQUIRED_FOR_STAFF cannot be switched off in production.")
if not DATABASE_URL:
    raise ImproperlyConfigured("Set DATABASE_URL (PostgreSQL) in production.")

SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
# Behind a proxy: links built inside a request use the proxy's scheme; its host only when the proxy is trusted to
# set X-Forwarded-Host (USE_X_FORWARDED_HOST=true), otherwise the Host header, checked against ALLOWED_HOSTS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = os.environ.get("USE_X_FORWARDED_HOST", "false").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host- cookies: the browser accepts them only over HTTPS, for this exact host (no Domain) and Path=/, so a
# sibling subdomain cannot set or overwrite them. Nothing reads these names except through these settings.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 587))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"

MEDIA_ROOT = os.environ.get("MEDIA_ROOT", "/srv/impact/media")
# Files of items deleted on request: outside MEDIA_ROOT so the web server can never serve them.
DELETION_QUARANTINE_ROOT = Path(os.environ.get("DELETION_QUARANTINE_ROOT", "/srv/impact/quarantine"))
# Registrants' images not (or no longer) shown by an approved profile: outside MEDIA_ROOT too.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", "/srv/impact/private-media"))
STATIC_ROOT = os.environ.get("STATIC_ROOT", "/srv/impact/static")

# --- Operations (ops/; topo-ops block) ---------------------------------------------------------------------------
# One JSON object a log line for the log collector (LOG_FORMAT=text for people reading a console).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = "json" if LOG_FORMAT == "json" else "text"  # noqa: F405
# Backups and the purge ledger's copy: on storage that outlives any one machine (README: Backups and restore).
BACKUP_ROOT = Path(os.environ.get("BACKUP_ROOT", "/srv/impact/backups"))
PURGE_LEDGER_ROOT = Path(os.environ.get("PURGE_LEDGER_ROOT", "/srv/impact/purge-ledger"))
# --- end of operations block ---------------------------------------------------------------------------------------
# --- Topology (issue 12 parts 1-2; core/topology.py, media_store/): refuse what is unsafe on several machines. ---
# A shared cache and task broker: without Redis a page deleted on request on one machine stays cached on another.
if problem := redis_problem(REDIS_URL):
    raise ImproperlyConfigured(problem)
# Several web machines: the three file areas on object storage (MEDIA_STORAGE=s3) or a declared shared mount.
if problem := shared_media_problem(nodes=WEB_NODES, storages=STORAGES, shared_filesystem=MEDIA_SHARED_FILESYSTEM):
    raise ImproperlyConfigured(problem)
if problem := proxy_hops_problem(nodes=WEB_NODES, hops=TRUSTED_PROXY_HOPS):
    raise ImproperlyConfigured(problem)
