"""`make bench` load test: the production shape (DEBUG off, whitenoise, gunicorn) on a benchmark SQLite file.

The database lives under var/bench/ (never the development database); BENCH_DB overrides its path.
"""

import os
from pathlib import Path

import dj_database_url

from .base import *  # noqa: F403
from .base import VAR_DIR, sqlite_database

BENCH_DIR = VAR_DIR / "bench"
DEBUG = False
SECRET_KEY = "bench-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SITE_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = os.environ.get("SITE_URL") or "http://127.0.0.1"
DATABASES = {"default": sqlite_database(Path(os.environ.get("BENCH_DB", BENCH_DIR / "bench.sqlite3")))}
if os.environ.get("BENCH_DATABASE_URL"):  # bench/migration_roundtrip.py on PostgreSQL
    DATABASES = {"default": dj_database_url.parse(os.environ["BENCH_DATABASE_URL"])}
STATIC_ROOT = BENCH_DIR / "static"
MEDIA_ROOT = BENCH_DIR / "media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Production shares Redis; here each worker's memory stands in for it (nothing is published during a run).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Uncached numbers are measured with the X-Page-Cache-Bypass request header.
PAGE_CACHE_ALLOW_BYPASS = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"handlers": [], "level": "WARNING"}}
# The site plus /bench-bare/, a bare Django view measured beside every page (bench/load_bench.py).
ROOT_URLCONF = "bench.bench_urls"
# Every benchmark request comes from 127.0.0.1: the API limits count (their cost is measured) but never refuse.
API_RATE_LIMIT_ANONYMOUS = 10_000_000
API_RATE_LIMIT_KEYED = 10_000_000
