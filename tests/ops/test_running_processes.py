"""The probes and metrics with real processes: a django-q2 cluster whose scheduled heartbeat makes /readyz/ pass,
and gunicorn workers (recycled every few requests) whose request counters add up at every scrape."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.file_database import REPO, file_database

WAIT = 120  # seconds: a generous bound on a loaded machine; the tests stop waiting as soon as it happened
TOKEN = "scrape-token-for-tests-0123456789"
READY = (
    "import json\nfrom django.test import Client\n"
    "response = Client(HTTP_HOST='127.0.0.1').get('/readyz/')\n"
    "print(response.status_code, response.content.decode())"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:  # qcluster can hang while stopping: its guard waits on busy workers
        process.kill()
        process.wait(timeout=10)


def heartbeats(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path, timeout=20) as connection:
        return connection.execute("SELECT cluster, beat_at FROM ops_clusterheartbeat").fetchall()


def test_the_running_task_cluster_stamps_the_heartbeat_that_readiness_reads(tmp_path):
    database = file_database(tmp_path / "var")
    status, body = database.shell(READY).strip().splitlines()[-1].split(" ", 1)
    assert (status, json.loads(body)["checks"]["tasks"]) == ("503", "failing")  # no cluster has run yet
    cluster = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"], cwd=REPO, env=database.env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + WAIT
        while not heartbeats(database.path) and time.monotonic() < deadline:
            time.sleep(1)
        assert [cluster for cluster, _at in heartbeats(database.path)] == ["impact"]
    finally:
        stop(cluster)
    status, body = database.shell(READY).strip().splitlines()[-1].split(" ", 1)
    assert (status, json.loads(body)) == (
        "200",
        {"status": "ok", "checks": dict.fromkeys(json.loads(body)["checks"], "ok")},
    )


RESET_REQUEST = (
    "from django.test import Client\n"
    "from creators.models import User\n"
    "User.objects.create_user(email='registrant@example.org', password='x-password-123')\n"
    "response = Client(HTTP_HOST='127.0.0.1').post('/admin/password_reset/', {'email': 'registrant@example.org'})\n"
    "print(response.status_code, response['X-Request-ID'])"
)


def test_the_request_id_reaches_the_log_lines_of_the_task_a_running_worker_executes(tmp_path):
    """A registrant asks for an admin password reset: the task, run by a real qcluster, logs (in JSON) that no email
    goes out, under the id of the request that enqueued it."""
    database = file_database(tmp_path / "var")
    status, request_id = database.shell(RESET_REQUEST).strip().splitlines()[-1].split()
    assert status == "302" and len(request_id) == 32
    cluster = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"], cwd=REPO, env={**database.env, "LOG_FORMAT": "json"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines = []
    try:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            line = cluster.stderr.readline()
            lines.append(line)
            if "not a staff account" in line:
                break
    finally:
        stop(cluster)
    task_line = json.loads(lines[-1])
    assert task_line["request_id"] == request_id, lines
    assert task_line["logger"] == "creators.services.passwords" and task_line["level"] == "INFO"
    # Other log lines of the worker are JSON too, and none carries this id outside the task.
    others = [json.loads(line) for line in lines[:-1] if line.startswith("{")]
    assert others and all(line.get("request_id") != request_id for line in others)


def get(url: str, **headers) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.mark.parametrize("requests", [23])
def test_request_counters_add_up_across_gunicorn_workers_dead_and_alive(tmp_path, requests):
    database = file_database(tmp_path / "var")
    port, metrics_dir = free_port(), tmp_path / "prometheus"
    metrics_dir.mkdir()
    env = {
        **database.env,
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
        "METRICS_TOKEN": TOKEN,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": "2",
    }
    # --max-requests 5: each worker is replaced after 5 requests, so 23 requests are answered by at least 5 processes.
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "site/deploy/gunicorn.conf.py", "--max-requests", "5"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                if get(f"{base}/healthz/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        assert [get(f"{base}/robots.txt")[0] for _ in range(requests)] == [200] * requests
        assert get(f"{base}/metrics")[0] == 404
        counts = set()
        for _ in range(4):  # whichever worker answers the scrape, it reports every worker's requests
            status, text = get(f"{base}/metrics", Authorization=f"Bearer {TOKEN}")
            assert status == 200
            # The first answer renders (view robots_txt), the others come from the page cache (page_cache_hit).
            found = re.findall(r'^impact_http_requests_total\{status="200",view="(\w+)"\} (\S+)$', text, re.M)
            counts.add(tuple(sorted((view, float(count)) for view, count in found)))
        assert counts == {(("page_cache_hit", requests - 1.0), ("robots_txt", 1.0))}, text
        assert len(list(metrics_dir.glob("counter_*.db"))) >= 5  # files of dead workers are still counted
    finally:
        stop(server)
    assert os.path.isdir(metrics_dir)
