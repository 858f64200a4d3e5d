"""With Redis unreachable the site serves everything uncached (core/cache.py), and an invalidation Redis missed
never lets a page cached before it be served again once Redis answers (visibility/version.py).

"Unreachable" is a real Redis address with nothing listening (port 1), configured exactly as production
configures the cache from REDIS_URL. The recovery tests also need a real Redis (REDIS_TEST_URL, default db 4).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from core.cache import cache_is_healthy
from creators.models import User
from privacy.deletion import account_delete_on_request
from tests.portal.test_directory_api import make_creator, make_report
from tests.privacy.deletion_helpers import make_staff
from visibility.models import PublicCacheGeneration
from visibility.version import cache_generation

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
UNREACHABLE = "redis://127.0.0.1:1/0"
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/4")
PUBLIC_PATHS = [
    "/",
    "/en/",
    "/faq/",
    "/about/",
    "/impact-creators/",
    "/impact-reports/?sort=sroi_ratio",
    "/creators/outage-creator/",
    "/reports/outage-report/",
    "/analyst/benchmarks/",
    "/impact-data/",
    "/funders/",
    "/search/?q=ผู้สูงอายุ",
    "/sitemap.xml",
    "/api/portal/creators",
    "/api/portal/benchmarks",
    "/api/v2/pages/",
    "/accounts/login/",
    "/accounts/register/",
]


def production_caches(redis_url: str, prefix: str = "") -> dict:
    """CACHES as config.settings.base builds it from REDIS_URL (read in a fresh interpreter)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"REDIS_URL": redis_url, "CACHE_KEY_PREFIX": prefix or f"outage-{uuid.uuid4().hex[:8]}"}
    probe = "import json, config.settings.base as base; print(json.dumps(base.CACHES))"
    shown = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    caches = json.loads(shown.stdout)
    # Tests switch between "down" and "up" at once; production waits a second before trying a dead Redis again.
    caches["default"].setdefault("OPTIONS", {})["RETRY_AFTER"] = 0
    return caches


@pytest.fixture
def redis_down():
    with override_settings(CACHES=production_caches(UNREACHABLE)):
        yield


@pytest.fixture
def live_content():
    creator = make_creator("outage-creator", sdgs=[1])
    make_report("outage-report", owner=creator.user)
    return creator


def _redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.exceptions.RedisError:
        return False


@pytest.fixture
def redis_up():
    if not _redis_answers(REDIS_TEST_URL):
        pytest.skip(f"No Redis answers at {REDIS_TEST_URL} (set REDIS_TEST_URL): the recovery tests need one.")
    prefix = f"outage-{uuid.uuid4().hex[:8]}"
    return production_caches(REDIS_TEST_URL, prefix), production_caches(UNREACHABLE, prefix)


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_public_page_and_the_api_answer_with_redis_unreachable(client, live_content, redis_down, path):
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert response.get("X-Page-Cache") != "hit"
        assert response.get("X-Api-Cache") != "hit"


def test_login_and_the_dashboard_work_with_redis_unreachable(client, redis_down):
    User.objects.create_user(
        email="outage@example.org", password="x-outage-password-1", email_verified_at=timezone.now()
    )
    response = client.post("/accounts/login/", {"username": "outage@example.org", "password": "x-outage-password-1"})
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.get(response["Location"]).status_code == 200


def test_staff_reach_the_admin_with_redis_unreachable(client, redis_down):
    client.force_login(make_staff("outage-staff@example.org"))
    assert client.get("/admin/").status_code == 200


def test_failures_are_logged_once_not_per_request(client, live_content, caplog):
    # An address of its own: the process-wide failure state of the other tests' address is already "failing".
    dead = production_caches("redis://127.0.0.1:1/9")
    with override_settings(CACHES=dead), caplog.at_level(logging.INFO, logger="core.cache"):
        for _ in range(10):
            assert client.get("/impact-creators/").status_code == 200
    warnings = [r for r in caplog.records if r.name == "core.cache" and r.levelno >= logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "unreachable" in warnings[0].getMessage()


def test_cache_is_healthy_tells_a_dead_redis_from_a_working_cache(redis_down):
    assert cache_is_healthy() is False
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
        assert cache_is_healthy() is True


def test_a_delete_on_request_with_redis_down_succeeds_and_moves_the_generation(live_content, redis_down):
    before = cache_generation()
    account_delete_on_request(
        profile=live_content, reason="ขอลบ", channel="phone", requested_by="owner", staff_user=make_staff()
    )
    assert PublicCacheGeneration.objects.get(pk=1).value > before


def test_pages_cached_before_a_delete_redis_missed_are_never_served_after_it_answers(
    client, live_content, redis_up, django_capture_on_commit_callbacks
):
    up, down = redis_up
    with override_settings(CACHES=up, API_CACHE_ENABLED=True):
        cache.clear()
        for path, header in (
            ("/creators/outage-creator/", "X-Page-Cache"),
            ("/impact-creators/", "X-Page-Cache"),
            ("/api/portal/creators", "X-Api-Cache"),
        ):
            client.get(path)
            assert client.get(path)[header] == "hit", path
    with override_settings(CACHES=down, API_CACHE_ENABLED=True), django_capture_on_commit_callbacks(execute=True):
        account_delete_on_request(
            profile=live_content, reason="ขอลบ", channel="phone", requested_by="owner", staff_user=make_staff()
        )
    with override_settings(CACHES=up, API_CACHE_ENABLED=True):  # Redis is back, with the pages from before
        assert client.get("/creators/outage-creator/").status_code == 404
        assert "outage-creator" not in client.get("/impact-creators/").content.decode()
        assert "outage-creator" not in client.get("/api/portal/creators").content.decode()
        cache.clear()


def test_another_app_server_drops_them_once_the_lease_lapses(
    client, live_content, redis_up, django_capture_on_commit_callbacks
):
    """The process whose invalidation failed drops the cache's copy of the generation itself; another app
    server (or this one after a restart) re-reads the generation when that copy lapses."""
    from visibility import version as public_cache

    up, down = redis_up
    with override_settings(CACHES=up):
        cache.clear()
        client.get("/impact-creators/")
        assert client.get("/impact-creators/")["X-Page-Cache"] == "hit"
    with override_settings(CACHES=down), django_capture_on_commit_callbacks(execute=True):
        account_delete_on_request(
            profile=live_content, reason="ขอลบ", channel="phone", requested_by="owner", staff_user=make_staff()
        )
    public_cache._lease_outdated = False  # as another process: it never saw the failure
    with override_settings(CACHES=up):
        cache.delete(public_cache.LEASE_KEY)  # the lease lapsed
        response = client.get("/impact-creators/")
        assert response["X-Page-Cache"] == "miss"
        assert "outage-creator" not in response.content.decode()
        cache.clear()
