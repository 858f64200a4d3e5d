"""The daily purge of items deleted on request whose restore window has passed (django-q2, 03:30 Bangkok).

Each record goes through: claim (a conditional UPDATE that a restore can no longer pass) → erase the
database rows in one transaction → erase the quarantined files → mark purged (last). Killed at any
point, a rerun continues where it stopped: every step finds nothing left to do when it already ran.
The purge sends no email; its audit entry carries only ids and a reason code. It also erases the history:
earlier (restored) deletions of the same account or report keep no name, reason or requester
(``privacy.deletion_history``), and the development copies of its emails go (``outbox.mail_copies``).
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

from creators.models import User
from outbox.mail_copies import erase_mail_copies
from outbox.models import OutboxEmail
from privacy.deletion import ACTION_PURGE
from privacy.deletion_files import erase_files
from privacy.deletion_history import (
    ERASED_WITH_ACCOUNT,
    PURGE_REASON_CODE,
    deletion_history,
    deletion_history_close,
    deletion_history_scrub,
)
from privacy.deletion_traces import (
    erase_object_history,
    public_caches_changed,
)
from privacy.erasure import account_erase, identifying_strings, redact_others_emails
from privacy.events import purged
from privacy.models import DeletionKind, DeletionRecord
from privacy.storage import reclaim_erased_space
from reports.models import ImpactReport

__all__ = ["PURGE_REASON_CODE", "deletion_purge_due", "deletion_purge_one", "report_erase"]

logger = logging.getLogger(__name__)


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
    """Its titles in every revision (an email may quote an older title) and its web address."""
    from wagtail.models import Revision

    names = {report.title_th, report.title_en, report.slug}
    for content in Revision.objects.for_instance(report).values_list("content", flat=True):
        names.update(content.get(field) for field in ("title_th", "title_en"))
    return sorted(name.strip() for name in names if isinstance(name, str) and len(name.strip()) >= 3)


def _erase_report(report: ImpactReport) -> None:
    erase_object_history(report)
    report.delete()  # stakeholders, inputs, outcomes and M2M rows go with it


def _erase_account(record: DeletionRecord) -> None:
    # The same erasure as an owner's self-delete; the quarantined files go in the next step (erase_files).
    user = User.objects.filter(pk=record.owner_id).first()
    if user is not None:
        account_erase(user=user)


def _erase_single_report(record: DeletionRecord) -> None:
    report_erase(report_id=record.object_id)


def report_erase(*, report_id: int) -> None:
    """Erase one report (not its account) and the emails about it; also replayed by ``manage.py restore``."""
    report = ImpactReport.objects.filter(pk=report_id).first()
    if report is None:
        return
    names = _report_names(report)
    owner = User.objects.filter(pk=report.owner_id).first()
    owner_email = owner.email if owner is not None else ""
    if names and owner_email:  # emails to the owner about this report (the owner's other emails stay)
        about = Q()
        for name in names:
            about |= Q(subject__icontains=name) | Q(body_text__icontains=name)
        OutboxEmail.objects.filter(about, to__iexact=owner_email).delete()
    redact_others_emails(except_to=owner_email, needles=names)
    # Ids and dates only: a restore from an older backup erases this report again (ops/purge_ledger.py).
    purged(kind="report", object_id=report.pk, created_at=report.created_at)
    _erase_report(report)


def _needles(record: DeletionRecord) -> list[str]:
    """What the development copies of emails must not contain once this record is purged."""
    if record.kind == DeletionKind.ACCOUNT:
        user = User.objects.filter(pk=record.owner_id).first()
        return identifying_strings(user=user) if user is not None else []
    report = ImpactReport.objects.filter(pk=record.object_id).first()
    return _report_names(report) if report is not None else []


def _scrub_record(record_id: int, now: datetime) -> bool:
    """Mark purged (the last step); drop the personal data of this record, of every earlier deletion of the
    same account or report, and of their audit entries."""
    with transaction.atomic():
        done = DeletionRecord.objects.filter(pk=record_id, purged_at__isnull=True).update(purged_at=now)
        if not done:
            return False
        record = DeletionRecord.objects.get(pk=record_id)
        history = deletion_history(record)
        deletion_history_scrub(records=history)
        for closed in DeletionRecord.objects.filter(pk__in=deletion_history_close(records=history, now=now)):
            # A report deleted on its own and still restorable is erased with its account: never restorable now.
            log(
                instance=closed,
                action=ACTION_PURGE,
                user=None,
                data={"record": closed.pk, "kind": closed.kind, "object_id": closed.object_id,
                      "reason": ERASED_WITH_ACCOUNT},
            )  # fmt: skip
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
    # Files are not transactional: the development copies of its emails go first, while the names are known.
    erase_mail_copies(needles=_needles(record))
    with transaction.atomic():
        if record.kind == DeletionKind.ACCOUNT:
            _erase_account(record)
        else:
            _erase_single_report(record)
    history_files = deletion_history(record).values_list("quarantined_files", flat=True)
    erase_files(sorted({name for names in history_files for name in names}))
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
            if purged:
                # Erased rows must not stay readable in the database files (SQLite: page gaps, the WAL, FTS5).
                reclaim_erased_space()
            return purged
        for record_id in batch:
            purged += deletion_purge_one(record_id=record_id, now=now)
        last_pk = batch[-1]
        logger.info("purge: %s records done so far", purged)
