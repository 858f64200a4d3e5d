"""The daily purge of items deleted on request whose restore window has passed (django-q2, 03:30 Bangkok).

Each record goes through: claim (a conditional UPDATE that a restore can no longer pass) → erase the
database rows in one transaction → erase the quarantined files → mark purged (last). Killed at any
point, a rerun continues where it stopped: every step finds nothing left to do when it already ran.
The purge sends no email; its audit entry carries only ids and a reason code.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from creators.models import User
from moderation.deletion import ACTION_PURGE
from moderation.deletion_files import erase_files
from moderation.deletion_models import DeletionKind, DeletionRecord
from moderation.deletion_traces import (
    erase_object_history,
    public_caches_changed,
)
from reports.models import ImpactReport

__all__ = ["PURGE_REASON_CODE", "deletion_purge_due", "deletion_purge_one"]

logger = logging.getLogger(__name__)
PURGE_REASON_CODE = "restore_window_ended"


def _due_q(now: datetime) -> Q:
    return Q(restored_at__isnull=True, purged_at__isnull=True, purge_after__lte=now)


def _claim(record_id: int, now: datetime) -> bool:
    """After this UPDATE no restore can succeed; a rerun after a crash claims its own record again."""
    return bool(
        DeletionRecord.objects.filter(_due_q(now), pk=record_id).update(
            purge_started_at=Coalesce("purge_started_at", now)
        )
    )


def _report_names(report: ImpactReport) -> list[str]:
    return [report.title_th, report.title_en, report.slug]


def _erase_report(report: ImpactReport) -> None:
    erase_object_history(report)
    report.delete()  # stakeholders, inputs, outcomes and M2M rows go with it


def _erase_account(record: DeletionRecord) -> None:
    # The same erasure as an owner's self-delete; the quarantined files go in the next step (erase_files).
    from creators.services.erasure import account_erase

    user = User.objects.filter(pk=record.owner_id).first()
    if user is not None:
        account_erase(user=user)


def _erase_single_report(record: DeletionRecord) -> None:
    from moderation.models import OutboxEmail

    report = ImpactReport.objects.filter(pk=record.object_id).first()
    if report is None:
        return
    owner = User.objects.filter(pk=report.owner_id).first()
    if owner is not None:  # emails to the owner about this report (the owner's other emails stay)
        about = Q()
        for name in filter(None, _report_names(report)):
            about |= Q(subject__icontains=name) | Q(body_text__icontains=name)
        OutboxEmail.objects.filter(about, to__iexact=owner.email).delete()
    _erase_report(report)


def _scrub_record(record_id: int, now: datetime) -> bool:
    """Mark purged (the last step) and drop the personal data the record and its audit entries held."""
    with transaction.atomic():
        done = DeletionRecord.objects.filter(pk=record_id, purged_at__isnull=True).update(
            purged_at=now, label="", reason="", requested_by="", quarantined_files=[]
        )
        if not done:
            return False
        record = DeletionRecord.objects.get(pk=record_id)
        for entry in ModelLogEntry.objects.for_instance(record):
            entry.label = str(record)
            entry.data = {key: entry.data[key] for key in ("channel", "record", "reports") if key in entry.data}
            entry.save(update_fields=["label", "data"])
        log(
            instance=record,
            action=ACTION_PURGE,
            user=None,
            data={"record": record.pk, "kind": record.kind, "object_id": record.object_id, "reason": PURGE_REASON_CODE},
        )
        public_caches_changed()
    return True


def deletion_purge_one(*, record_id: int, now: datetime | None = None) -> bool:
    """Purge one record if it is due and not restored. True when this call finished it."""
    now = now or timezone.now()
    if not _claim(record_id, now):
        return False
    record = DeletionRecord.objects.get(pk=record_id)
    with transaction.atomic():
        if record.kind == DeletionKind.ACCOUNT:
            _erase_account(record)
        else:
            _erase_single_report(record)
    erase_files(record.quarantined_files)
    return _scrub_record(record_id, now)


def deletion_purge_due(*, now: datetime | None = None, batch_size: int | None = None) -> int:
    """Purge everything due, batch after batch; returns how many records were purged by this run."""
    now = now or timezone.now()
    batch_size = batch_size or settings.DELETION_PURGE_BATCH_SIZE
    purged, last_pk = 0, 0
    while True:
        batch = list(
            DeletionRecord.objects.filter(_due_q(now), pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not batch:
            return purged
        for record_id in batch:
            purged += deletion_purge_one(record_id=record_id, now=now)
        last_pk = batch[-1]
        logger.info("purge: %s records done so far", purged)
