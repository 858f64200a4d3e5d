"""django-q2 task entry points of the operations app."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from ops.models import ClusterHeartbeat


def cluster_heartbeat() -> str:
    """Every minute ("cluster-heartbeat" schedule): stamp this cluster's row; ``/readyz/`` reads the stamp."""
    now = timezone.now()
    ClusterHeartbeat.objects.update_or_create(cluster=settings.Q_CLUSTER["name"], defaults={"beat_at": now})
    return now.isoformat()
