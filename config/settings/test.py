"""pytest: fast hashing, tasks inline, in-memory mail."""

from media_store.environment import FILESYSTEM_STORAGES

from .base import *  # noqa: F403
from .base import Q_CLUSTER, STATIC_ROOT, VAR_DIR

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
SAMPLE_DATA_ALLOWED = True
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# django-q2 reads its Conf at import, so sync mode is chosen here, not per test.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
MEDIA_ROOT = VAR_DIR / "test-media"
DELETION_QUARANTINE_ROOT = VAR_DIR / "test-quarantine"
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private-media"
PURGE_LEDGER_ROOT = VAR_DIR / "test-purge-ledger"
BACKUP_ROOT = VAR_DIR / "test-backups"
# Folders, whatever the environment says: tests/media_store switch to S3 (a moto server) themselves.
STORAGES = {
    **FILESYSTEM_STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SITE_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request otherwise
# The page cache stays on in tests; query-count tests measure rendering with the bypass header.
PAGE_CACHE_ALLOW_BYPASS = True
# The cache's copy of the public cache generation never lapses here: query counts must not depend on how long a
# test takes (tests/portal/test_cache_outage.py removes it itself to test a lapse).
PUBLIC_CACHE_LEASE_SECONDS = None
# API tests count the queries of each answer; tests/portal/test_api_cache.py switches the cache on.
API_CACHE_ENABLED = False
# Many tests register several accounts from 127.0.0.1; tests/creators/test_throttles.py sets the real limits.
REGISTRATIONS_PER_IP_PER_HOUR = 1000
REGISTRATIONS_PER_IP_PER_DAY = 1000

WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True  # a receiver on 127.0.0.1 (tests, a developer's machine)
# API tests call the APIs many times from one address; tests/api_access set small limits themselves.
API_RATE_LIMIT_ANONYMOUS = 100_000
API_RATE_LIMIT_KEYED = 100_000
