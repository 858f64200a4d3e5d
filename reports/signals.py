"""Signal receivers for Impact Reports: keep the cached sector benchmarks in step with what is public.

A report enters or leaves the benchmarks when it is published (approved, or an approved edit goes
live), unpublished or deleted. The cache is cleared at once and again after the surrounding
transaction commits, so a request that read the old rows meanwhile cannot keep them cached.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

from reports.benchmarks import invalidate_benchmarks
from reports.models import ImpactReport
from reports.services.results import results_refreeze
from reports.sroi_fingerprint import ENGINE_FINGERPRINT

DISPATCH_PREFIX = "reports.benchmarks"


def benchmarks_changed(sender, **kwargs) -> None:
    invalidate_benchmarks()
    transaction.on_commit(invalidate_benchmarks)


def refreeze_if_another_engine_froze(sender, instance, **kwargs) -> None:
    # A revision submitted before a deploy that changed the engine goes live with that engine's figures: recompute.
    # Rows frozen by hand or before fingerprints ("") are left to ``manage.py refreeze_results``.
    if instance.total_inputs is not None and instance.results_engine not in ("", ENGINE_FINGERPRINT):
        results_refreeze(report=instance)


def connect_signals() -> None:
    published.connect(refreeze_if_another_engine_froze, sender=ImpactReport, dispatch_uid=f"{DISPATCH_PREFIX}.refreeze")
    published.connect(benchmarks_changed, sender=ImpactReport, dispatch_uid=f"{DISPATCH_PREFIX}.published")
    unpublished.connect(benchmarks_changed, sender=ImpactReport, dispatch_uid=f"{DISPATCH_PREFIX}.unpublished")
    post_delete.connect(benchmarks_changed, sender=ImpactReport, dispatch_uid=f"{DISPATCH_PREFIX}.deleted")


connect_signals()  # imported once at start-up by core's app config
