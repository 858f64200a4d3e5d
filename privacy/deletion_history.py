"""The history a purge must also erase: every earlier delete/restore cycle of the same account or report.

A restored deletion keeps its record (the name, the reason, who asked) and its audit entries. Once the account
or report is purged, none of that may name anyone: only ids, dates, the channel and reason codes stay.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from wagtail.models import ModelLogEntry

from privacy.models import DeletionKind, DeletionRecord

__all__ = [
    "ERASED_WITH_ACCOUNT",
    "PURGE_REASON_CODE",
    "deletion_history",
    "deletion_history_close",
    "deletion_history_scrub",
]

PURGE_REASON_CODE = "restore_window_ended"
ERASED_WITH_ACCOUNT = "erased_with_account"
REASON_CODES = frozenset({PURGE_REASON_CODE, ERASED_WITH_ACCOUNT})
# Audit data that names nobody: ids, the channel code, the kind.
KEPT_KEYS = ("channel", "record", "reports", "with_account", "kind", "object_id")


def deletion_history(record: DeletionRecord) -> QuerySet[DeletionRecord]:
    """Every record about what ``record`` erases: for an account, all the owner's records (its reports' too)."""
    if record.kind == DeletionKind.ACCOUNT:
        return DeletionRecord.objects.filter(owner_id=record.owner_id)
    return DeletionRecord.objects.filter(content_type_id=record.content_type_id, object_id=record.object_id)


def _kept(data) -> dict:
    if not isinstance(data, dict):
        return {}
    kept = {key: data[key] for key in KEPT_KEYS if key in data}
    if data.get("reason") in REASON_CODES:
        kept["reason"] = data["reason"]
    return kept


def deletion_history_scrub(*, records: QuerySet[DeletionRecord]) -> int:
    """Blank the names, reasons and requesters of ``records`` and of their audit entries (labels and data).

    Leaves ``quarantined_files`` alone: the purge still needs those names to erase the files.
    """
    by_id = {record.pk: record for record in records.only("pk", "kind", "object_id")}
    if not by_id:
        return 0
    DeletionRecord.objects.filter(pk__in=by_id).update(label="", reason="", requested_by="")
    content_type = ContentType.objects.get_for_model(DeletionRecord)
    entries = ModelLogEntry.objects.filter(content_type=content_type, object_id__in=[str(pk) for pk in by_id])
    for entry in entries.iterator():
        label, data = str(by_id[int(entry.object_id)]), _kept(entry.data)
        if (entry.label, entry.data) != (label, data):
            entry.label, entry.data = label, data
            entry.save(update_fields=["label", "data"])
    return len(by_id)


def deletion_history_close(*, records: QuerySet[DeletionRecord], now: datetime) -> list[int]:
    """Records still waiting in their restore window whose item is erased now: they can never be restored.

    Returns their ids (the caller logs them); also drops every record's list of quarantined files.
    """
    waiting = list(records.filter(restored_at__isnull=True, purged_at__isnull=True).values_list("pk", flat=True))
    DeletionRecord.objects.filter(pk__in=waiting).update(
        purge_started_at=Coalesce("purge_started_at", now), purged_at=now
    )
    records.update(quarantined_files=[])
    return waiting
