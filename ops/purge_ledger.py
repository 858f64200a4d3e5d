"""The purge ledger: which accounts and reports were erased for good, as ids, kinds and dates (no personal data).

Written in the same transaction as every erasure (``privacy.erasure.account_erase`` for accounts,
``privacy.purge`` for a report purged on its own), and copied after the commit to the ledger store: one small
JSON file per entry in ``storage_areas.area_storage("purge_ledger")`` (a folder, or a bucket), which lives outside
the database so that it outlasts a database restored from an older backup. ``manage.py restore`` replays the store
(``ops.restore.purge_ledger_replay``). ``purge_ledger_sync`` copies any row whose copy was lost (store down at
commit time); ``manage.py backup`` runs it first.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ops.models import PurgeKind, PurgeLedgerEntry
from ops.storage_areas import area_storage, walk

__all__ = ["LedgerItem", "purge_ledger_items", "purge_ledger_record", "purge_ledger_sync"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LedgerItem:
    kind: str
    object_id: int
    created_at: datetime
    purged_at: datetime


def _name(item: LedgerItem) -> str:
    return f"{item.kind}/{item.object_id}-{item.created_at.strftime('%Y%m%dT%H%M%S%f')}.json"


def _as_item(entry: PurgeLedgerEntry) -> LedgerItem:
    return LedgerItem(entry.kind, entry.object_id, entry.created_at, entry.purged_at)


def _write(item: LedgerItem) -> None:
    storage, name = area_storage("purge_ledger"), _name(item)
    if storage.exists(name):
        return
    body = {
        "kind": item.kind,
        "object_id": item.object_id,
        "created_at": item.created_at.isoformat(),
        "purged_at": item.purged_at.isoformat(),
    }
    storage.save(name, ContentFile(json.dumps(body).encode()))


def _write_after_commit(item: LedgerItem) -> None:
    try:
        _write(item)
    except Exception:  # the row is committed; purge_ledger_sync (every backup) copies it later
        logger.exception("purge ledger: could not copy %s #%s to the ledger store", item.kind, item.object_id)


def purge_ledger_record(*, kind: str, object_id: int, created_at: datetime) -> None:
    """Note that ``kind`` #``object_id`` (created at ``created_at``) is being erased; call inside the erasure's
    transaction. The copy outside the database is written once that transaction commits."""
    entry, _created = PurgeLedgerEntry.objects.get_or_create(
        kind=PurgeKind(kind), object_id=object_id, defaults={"created_at": created_at, "purged_at": timezone.now()}
    )
    item = _as_item(entry)
    transaction.on_commit(lambda: _write_after_commit(item))


def purge_ledger_sync() -> int:
    """Copy every database row missing from the ledger store; returns how many were written."""
    written = 0
    storage = area_storage("purge_ledger")
    for entry in PurgeLedgerEntry.objects.order_by("pk").iterator():
        item = _as_item(entry)
        if not storage.exists(_name(item)):
            _write(item)
            written += 1
    return written


def purge_ledger_items() -> list[LedgerItem]:
    """Everything the ledger store holds, oldest erasure first."""
    storage = area_storage("purge_ledger")
    items = []
    for name in walk(storage):
        with storage.open(name, "rb") as handle:
            data = json.loads(handle.read())
        items.append(
            LedgerItem(
                kind=PurgeKind(data["kind"]),
                object_id=int(data["object_id"]),
                created_at=datetime.fromisoformat(data["created_at"]),
                purged_at=datetime.fromisoformat(data["purged_at"]),
            )
        )
    return sorted(items, key=lambda item: (item.purged_at, item.kind, item.object_id))
