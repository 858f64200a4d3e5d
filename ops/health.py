"""Liveness and readiness checks for load balancers and orchestrators.

Each check answers True/False and logs why it failed; the answer the public sees names the checks, never an
error message, a host, a version or a secret.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.db import connections
from django.utils import timezone

from core.cache import cache_is_healthy
from ops.models import ClusterHeartbeat
from ops.storage_areas import MEDIA_AREAS, area_storage

__all__ = ["HEARTBEAT_MAX_AGE", "readiness"]

logger = logging.getLogger(__name__)
HEARTBEAT_MAX_AGE = timedelta(minutes=2)
PROBE_NAME = "readiness-probe-never-written"
# Checks failing since their last success in this process: probes come every few seconds, so the traceback is
# logged once when a failure begins, then one line per probe, and one line when the check passes again.
_FAILING: set[str] = set()


def _failed(check: str, message: str, *args, traceback: bool = True) -> None:
    if check in _FAILING:
        logger.warning(message + " (still failing)", *args)
        return
    _FAILING.add(check)
    logger.error(message, *args, exc_info=traceback)


def _passed(check: str) -> None:
    if check in _FAILING:
        _FAILING.discard(check)
        logger.warning("readiness: %s answers again", check)


def database_ok(alias: str = "default") -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            answered = cursor.fetchone() == (1,)
    except Exception:
        _failed(f"database:{alias}", "readiness: database %s unreachable", alias)
        return False
    _passed(f"database:{alias}")
    return answered


def _storage_ok(area: str, storage: Storage) -> bool:
    if isinstance(storage, FileSystemStorage):
        # Write-free: the folder is there (or can be made) and this process may write into it.
        path = Path(storage.location)
        path.mkdir(parents=True, exist_ok=True)
        if not os.access(path, os.W_OK | os.X_OK):
            raise PermissionError(f"{area}: folder not writable")
        return True
    # Object storage: one read (a HEAD request on S3) proves the bucket answers to our credentials.
    storage.exists(PROBE_NAME)
    return True


def storage_ok() -> bool:
    for area in MEDIA_AREAS:
        try:
            _storage_ok(area, area_storage(area))
        except Exception:
            _failed(f"storage:{area}", "readiness: storage %s unusable", area)
            return False
        _passed(f"storage:{area}")
    return True


def tasks_ok(now=None) -> bool:
    """The scheduled heartbeat task ran less than two minutes ago: the scheduler and a worker are alive."""
    now = now or timezone.now()
    try:
        latest = ClusterHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    except Exception:
        _failed("tasks", "readiness: heartbeat unreadable")
        return False
    if latest is None or now - latest > HEARTBEAT_MAX_AGE:
        _failed("tasks", "readiness: task cluster heartbeat stale (last %s)", latest, traceback=False)
        return False
    _passed("tasks")
    return True


def readiness() -> tuple[bool, dict[str, str]]:
    """(ready, {check: "ok" | "failing"}). The task heartbeat makes the node unready only when
    ``READYZ_REQUIRE_TASKS`` is on (the default): see the README on what that means for the load balancer."""
    database = database_ok()
    results = {
        "database": database,
        "cache": cache_is_healthy(),
        "storage": storage_ok(),
        "tasks": database and tasks_ok(),
    }
    required = [name for name in results if name != "tasks" or settings.READYZ_REQUIRE_TASKS]
    ready = all(results[name] for name in required)
    return ready, {name: "ok" if ok else "failing" for name, ok in results.items()}
