"""Signal receivers for Impact Reports: keep the cached sector benchmarks in step with what is public.

A report enters or leaves the benchmarks when it is published (approved, or an approved edit goes
live), unpublished, deleted or hidden: all announced by the one "public content changed" signal.
The cache is cleared at once and again after the surrounding
transaction commits, so a request that read the old rows meanwhile cannot keep them cached.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page
from wagtail.signals import published

from faq.models import FAQItem
from reports.benchmarks import invalidate_benchmarks
from reports.models import ImpactReport
from reports.services.results import results_refreeze
from reports.sroi_fingerprint import ENGINE_FINGERPRINT
from visibility.signals import content_changed

DISPATCH_PREFIX = "reports.benchmarks"


def benchmarks_changed(sender, **kwargs) -> None:
    invalidate_benchmarks()
    transaction.on_commit(invalidate_benchmarks)


def refreeze_if_another_engine_froze(sender, instance, **kwargs) -> None:
    # A revision submitted before a deploy that changed the engine goes live with that engine's figures: recompute.
    # Rows frozen by hand or before fingerprints ("") are left to ``manage.py refreeze_results``.
    if instance.total_inputs is not None and instance.results_engine not in ("", ENGINE_FINGERPRINT):
        results_refreeze(report=instance)


# Announced objects that never change a benchmark (figures per sector from public reports).
UNRELATED_TO_BENCHMARKS = (Page, FAQItem)


def benchmarks_follow(sender=None, objects=(), **kwargs) -> None:
    """The one "public content changed" signal (visibility.signals): anything but pages and questions (a report,
    an account hiding its reports, a sector renamed), or anything when no object is named."""
    if not objects or not all(isinstance(obj, UNRELATED_TO_BENCHMARKS) for obj in objects):
        benchmarks_changed(sender)


def connect_signals() -> None:
    published.connect(refreeze_if_another_engine_froze, sender=ImpactReport, dispatch_uid=f"{DISPATCH_PREFIX}.refreeze")
    content_changed.connect(benchmarks_follow, dispatch_uid=f"{DISPATCH_PREFIX}.content-changed")


connect_signals()  # imported once at start-up by core's app config
