"""Keeping each report's frozen results (total inputs, present value, SROI ratio) those of the current engine.

Listings, benchmarks, the API and the detail page all read the frozen figures; these services recompute them from the
report's own rows when another engine froze them (``reports/sroi_fingerprint.py``), so no two pages disagree.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from reports.benchmarks import invalidate_benchmarks
from reports.models import ImpactReport
from reports.sroi import SroiValidationError, money, ratio
from reports.sroi_fingerprint import ENGINE_FINGERPRINT
from visibility.signals import public_content_changed

__all__ = ["RefreezeSummary", "results_refreeze", "results_refreeze_stale"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RefreezeSummary:
    checked: int
    changed: int
    failed: int


def results_refreeze(*, report: ImpactReport) -> bool:
    """Recompute one report's frozen figures from its rows (the live version for a published report); True when a
    figure changed. A report the engine now refuses keeps its figures and is logged for staff to look at."""
    try:
        result = report.results(with_sensitivity=False)
    except SroiValidationError as error:
        logger.warning("report %s: the current SROI engine refuses its rows (%s)", report.pk, error.errors)
        return False
    figures = {
        "total_inputs": money(result.total_inputs),
        "present_value": money(result.present_value),
        "sroi_ratio": ratio(result.sroi_ratio),
    }
    changed = any(getattr(report, name) != value for name, value in figures.items())
    # update(): no new revision, no updated_at, no publish signals — the content did not change, only its arithmetic.
    ImpactReport.objects.filter(pk=report.pk).update(**figures, results_engine=ENGINE_FINGERPRINT)
    for name, value in figures.items():
        setattr(report, name, value)
    report.results_engine = ENGINE_FINGERPRINT
    return changed


def results_refreeze_stale(*, batch_size: int = 200) -> RefreezeSummary:
    """Every report whose figures another engine froze (or that predate the fingerprint), in batches; public caches
    move on once if any figure changed."""
    stale = (
        ImpactReport.objects.filter(total_inputs__isnull=False)
        .filter(~Q(results_engine=ENGINE_FINGERPRINT))
        .order_by("pk")
        .prefetch_related("inputs", "outcomes")
    )
    checked = changed = failed = 0
    last_pk = 0
    while batch := list(stale.filter(pk__gt=last_pk)[:batch_size]):
        with transaction.atomic():
            for report in batch:
                checked += 1
                if results_refreeze(report=report):
                    changed += 1
                elif report.results_engine != ENGINE_FINGERPRINT:
                    failed += 1
        last_pk = batch[-1].pk
    if changed:
        invalidate_benchmarks()
        public_content_changed()
    return RefreezeSummary(checked=checked, changed=changed, failed=failed)
