"""`make run`: SQLite under var/, emails written to files under var/, DEBUG on for local use."""

import os
import secrets

from .base import *  # noqa: F403
from .base import SITE_URL, STATIC_ROOT, STORAGES, VAR_DIR

DEBUG = True
SAMPLE_DATA_ALLOWED = True  # make demo
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# `make run` (site/deploy/run-local.sh) serves on 127.0.0.1:$PORT and passes SITE_URL; a bare manage.py gets the same.
SITE_URL = SITE_URL or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = SITE_URL


def _local_secret_key() -> str:
    # Generated once per checkout and kept out of the repo.
    key_file = VAR_DIR / "secret_key.txt"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _local_secret_key()
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "emails"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request otherwise

WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True  # a receiver on 127.0.0.1 (tests, a developer's machine)
