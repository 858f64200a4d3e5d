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

DISPATCH_PREFIX = "reports.benchmarks"


def benchmarks_changed(sender, **kwargs) -> None:
    invalidate_benchmarks()
    transaction.on_commit(invalidate_benchmarks)


def connect_signals() -> None:
    published.connect(benchmarks_changed, sender=ImpactReport, dispatch_uid=f"{DISPATCH_PREFIX}.published")
    unpublished.connect(benchmarks_changed, sender=ImpactReport, dispatch_uid=f"{DISPATCH_PREFIX}.unpublished")
    post_delete.connect(benchmarks_changed, sender=ImpactReport, dispatch_uid=f"{DISPATCH_PREFIX}.deleted")
