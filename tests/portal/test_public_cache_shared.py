"""The public-content version is shared by every process and never restarts at a number old entries use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from visibility.signals import public_content_changed
from visibility.version import VERSION_KEY, public_content_version

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_an_evicted_version_restarts_above_every_earlier_one():
    first = public_content_version()
    public_content_changed()
    bumped = public_content_version()
    assert bumped > first
    cache.delete(VERSION_KEY)  # a full cache evicted it
    assert public_content_version() > bumped
    cache.delete(VERSION_KEY)
    public_content_changed()  # a bump that finds no key
    assert public_content_version() > bumped


@pytest.mark.django_db
def test_without_redis_a_change_in_another_process_reaches_this_one(tmp_path):
    """`make run` without REDIS_URL: the task cluster (another process) moves the version; runserver sees it."""
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DATABASE_URL"}}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "VAR_DIR": str(tmp_path)}
    probe = "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default'])"
    shown = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True)
    assert "FileBasedCache" in shown.stdout, shown.stderr
    location = str(tmp_path / "cache")
    shared = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": location}}
    with override_settings(CACHES=shared):
        before = public_content_version()
        bump = "import django; django.setup(); from visibility.version import _bump; _bump()"
        done = subprocess.run([sys.executable, "-c", bump], cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert public_content_version() > before
