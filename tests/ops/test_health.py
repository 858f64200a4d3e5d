"""/healthz/ and /readyz/: JSON for load balancers, 200 or 503, never cached, each failure mode for real."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from django_q.models import Schedule

from ops import health
from ops.models import ClusterHeartbeat
from ops.tasks import cluster_heartbeat

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]
# Nothing listens on port 1: connecting is refused at once, as for a Redis or PostgreSQL host that is down.
DEAD_REDIS = {
    "default": {
        "BACKEND": "core.cache.FailOpenRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def beat(age: timedelta) -> None:
    ClusterHeartbeat.objects.update_or_create(cluster="impact", defaults={"beat_at": timezone.now() - age})


def ready(client, **headers):
    response = client.get("/readyz/", **headers)
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    return response.status_code, json.loads(response.content)


def test_liveness_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_ready_when_every_part_answers(client):
    cluster_heartbeat()  # what the scheduled task writes
    status, body = ready(client)
    assert (status, body) == (200, {"status": "ok", "checks": dict.fromkeys(body["checks"], "ok")})
    assert set(body["checks"]) == {"database", "cache", "storage", "tasks"}


def test_a_stale_heartbeat_makes_the_node_unready(client):
    beat(timedelta(seconds=100))
    assert ready(client)[0] == 200
    beat(timedelta(minutes=2, seconds=5))
    status, body = ready(client)
    assert status == 503
    assert body == {"status": "unavailable", "checks": {**body["checks"], "tasks": "failing"}}
    assert [value for key, value in body["checks"].items() if key != "tasks"] == ["ok", "ok", "ok"]


def test_no_heartbeat_yet_is_unready_and_the_schedule_that_writes_it_exists(client):
    assert ready(client)[0] == 503
    schedule = Schedule.objects.get(name="cluster-heartbeat")
    assert (schedule.func, schedule.schedule_type, schedule.minutes) == ("ops.tasks.cluster_heartbeat", "I", 1)


def test_a_stale_heartbeat_is_reported_but_not_fatal_when_tasks_are_not_required(client, settings):
    settings.READYZ_REQUIRE_TASKS = False
    beat(timedelta(hours=1))
    status, body = ready(client)
    assert (status, body["checks"]["tasks"]) == (200, "failing")


def test_an_unreachable_redis_makes_the_node_unready(client):
    cluster_heartbeat()
    with override_settings(CACHES=DEAD_REDIS):
        status, body = ready(client)
    assert (status, body["checks"]["cache"]) == (503, "failing")
    assert body["checks"]["database"] == "ok"


def test_storage_that_cannot_be_written_makes_the_node_unready(client, settings, tmp_path):
    cluster_heartbeat()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.DELETION_QUARANTINE_ROOT = blocker / "quarantine"  # cannot exist: its parent is a file
    status, body = ready(client)
    assert (status, body["checks"]["storage"]) == (503, "failing")
    settings.DELETION_QUARANTINE_ROOT = tmp_path / "quarantine"
    assert ready(client)[0] == 200


def test_probes_skip_host_checks_https_redirects_and_the_page_cache(client, settings):
    """A load balancer probes each node over plain HTTP with the node's own address as Host."""
    settings.SECURE_SSL_REDIRECT = True
    cluster_heartbeat()
    for _ in range(2):  # the second answer is computed again, not a stored page
        assert client.get("/healthz/", HTTP_HOST="10.0.0.7:8000").status_code == 200
        assert client.get("/readyz/", HTTP_HOST="10.0.0.7:8000").status_code == 200
        assert "X-Page-Cache" not in client.get("/readyz/")
    ClusterHeartbeat.objects.update(beat_at=timezone.now() - timedelta(minutes=5))
    assert client.get("/readyz/", HTTP_HOST="10.0.0.7:8000").status_code == 503


def test_the_answer_names_no_host_version_or_error(client):
    with override_settings(CACHES=DEAD_REDIS):
        response = client.get("/readyz/")
    text = response.content.decode()
    for secret in ("127.0.0.1", "redis", "Connection", "wagtail", "django", "8.0", "5.2", settings.SECRET_KEY):
        assert secret.lower() not in text.lower()


def test_a_database_that_is_down_fails_readiness_but_not_liveness(tmp_path):
    """A real process whose DATABASE_URL points at a PostgreSQL port where nothing listens."""
    code = (
        "import json\n"
        "from django.test import Client\n"
        "client = Client()\n"
        "for path in ('/healthz/', '/readyz/'):\n"
        "    response = client.get(path)\n"
        "    print(response.status_code, response.content.decode())\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/impact_nowhere?connect_timeout=2",
        "VAR_DIR": str(tmp_path),
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    live, readiness = result.stdout.strip().splitlines()[-2:]
    assert live == '200 {"status": "ok"}'
    status, body = readiness.split(" ", 1)
    assert status == "503"
    assert json.loads(body)["checks"]["database"] == "failing"
    assert json.loads(body)["checks"]["tasks"] == "failing"


def test_a_failing_check_logs_its_traceback_once_then_one_line_per_probe_until_it_answers(
    client, settings, tmp_path, caplog, monkeypatch
):
    monkeypatch.setattr(health, "_FAILING", set())  # what earlier tests left failing in this process
    cluster_heartbeat()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.DELETION_QUARANTINE_ROOT = blocker / "quarantine"
    with caplog.at_level(logging.WARNING, logger="ops.health"):
        for _ in range(3):
            assert ready(client)[0] == 503
        settings.DELETION_QUARANTINE_ROOT = tmp_path / "quarantine"
        assert ready(client)[0] == 200
    records = [r for r in caplog.records if r.name == "ops.health"]
    assert [r.exc_info is not None for r in records] == [True, False, False, False]
    assert "still failing" in records[1].getMessage() and "still failing" in records[2].getMessage()
    assert "answers again" in records[3].getMessage()
