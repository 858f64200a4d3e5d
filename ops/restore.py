"""``manage.py restore``: a backup back into an empty database and empty file storages, then the purge ledger.

Order: check every checksum in the manifest (a damaged backup changes nothing) → refuse a database that already
holds tables (unless told to replace it) → load the database → copy the files back through Django storages →
replay the purge ledger, so an account or report erased after the backup was taken is erased again (PDPA: a
restore never resurrects erased personal data) → forget every cached page.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

from django.core.files import File
from django.db import connections, transaction
from django.utils import timezone

from creators.models import User
from ops.backup import MANIFEST, pg_environment, sha256_file
from ops.models import PurgeKind, PurgeLedgerEntry
from ops.purge_ledger import LedgerItem, purge_ledger_items
from ops.storage_areas import area_storage
from privacy.deletion_files import erase_files
from privacy.deletion_history import deletion_history_close, deletion_history_scrub
from privacy.erasure import account_erase
from privacy.models import DeletionRecord
from privacy.purge import report_erase
from privacy.storage import reclaim_erased_space
from reports.models import ImpactReport
from visibility.signals import public_content_changed

__all__ = ["BackupDamaged", "DatabaseNotEmpty", "backup_restore", "purge_ledger_replay"]


class BackupDamaged(Exception):
    pass


class DatabaseNotEmpty(Exception):
    pass


def _verify(folder: Path) -> dict:
    manifest = json.loads((folder / MANIFEST).read_text())
    database = manifest["database"]
    if sha256_file(folder / database["file"]) != database["sha256"]:
        raise BackupDamaged(f"{database['file']}: checksum differs from the manifest")
    for entry in manifest["files"]:
        path = folder / "files" / entry["area"] / entry["name"]
        if not path.is_file() or sha256_file(path) != entry["sha256"]:
            raise BackupDamaged(f"{entry['area']}/{entry['name']}: missing or checksum differs from the manifest")
    return manifest


def _restore_database(folder: Path, manifest: dict, *, replace: bool) -> None:
    connection = connections["default"]
    if manifest["database"]["vendor"] != connection.vendor:
        raise BackupDamaged(f"a {manifest['database']['vendor']} backup cannot go into {connection.vendor}")
    if connection.introspection.table_names() and not replace:
        raise DatabaseNotEmpty("the database already holds tables; restore into an empty one (or pass --replace)")
    source = folder / manifest["database"]["file"]
    database = connection.settings_dict
    connections.close_all()
    if connection.vendor == "sqlite":
        with sqlite3.connect(source) as backup, sqlite3.connect(database["NAME"]) as target:
            backup.backup(target)
    else:
        args, env = pg_environment(database)
        # The PostgreSQL client on PATH, with arguments from the settings and the operator's command line.
        command = ["pg_restore", "--no-owner", "--exit-on-error", *args, "--dbname", database["NAME"]]
        if replace:
            command[1:1] = ["--clean", "--if-exists"]
        subprocess.run([*command, str(source)], env=env, check=True, capture_output=True, timeout=6 * 3600)  # noqa: S603


def _restore_files(folder: Path, manifest: dict) -> int:
    restored = 0
    for entry in manifest["files"]:
        storage, name = area_storage(entry["area"]), entry["name"]
        if storage.exists(name):
            storage.delete(name)  # the backup's copy wins; names must stay exactly what the rows expect
        with open(folder / "files" / entry["area"] / name, "rb") as handle:
            saved = storage.save(name, File(handle))
        if saved != name:
            raise BackupDamaged(f"{entry['area']}/{name} was stored as {saved}")
        restored += 1
    return restored


def _records_of(item: LedgerItem):
    if item.kind == PurgeKind.ACCOUNT:
        return DeletionRecord.objects.filter(owner_id=item.object_id, deleted_at__gte=item.created_at)
    return DeletionRecord.objects.filter(kind="report", object_id=item.object_id, deleted_at__gte=item.created_at)


def _held(item: LedgerItem) -> tuple[bool, bool]:
    """(the restored database holds this very item, it holds a *different* item under the same id)."""
    if item.kind == PurgeKind.ACCOUNT:
        dates = list(User.objects.filter(pk=item.object_id).values_list("date_joined", flat=True))
    else:
        dates = list(ImpactReport.objects.filter(pk=item.object_id).values_list("created_at", flat=True))
    return item.created_at in dates, bool(dates) and item.created_at not in dates


def _replay_one(item: LedgerItem, now) -> bool:
    """Erase ``item`` again if the restored database holds it (same id *and* creation date). True if it did."""
    same, other = _held(item)
    if other:  # the id was handed out again to a newer item: not ours to touch, nor its deletion records
        return False
    with transaction.atomic():
        if same and item.kind == PurgeKind.ACCOUNT:
            account_erase(user=User.objects.get(pk=item.object_id))
        elif same:
            report_erase(report_id=item.object_id)
        records = _records_of(item)
        names = sorted({name for names in records.values_list("quarantined_files", flat=True) for name in names})
        deletion_history_scrub(records=records)
        deletion_history_close(records=records, now=now)
        PurgeLedgerEntry.objects.get_or_create(
            kind=item.kind,
            object_id=item.object_id,
            defaults={"created_at": item.created_at, "purged_at": item.purged_at},
        )
    erase_files(names)  # files of a deletion on request waiting in quarantine when the backup was taken
    return same


def purge_ledger_replay(*, items: list[LedgerItem] | None = None) -> int:
    """Erase again everything the ledger store says was erased; returns how many items were found and erased."""
    now = timezone.now()
    erased = sum(_replay_one(item, now) for item in (purge_ledger_items() if items is None else items))
    if erased:
        reclaim_erased_space()
    return erased


def backup_restore(*, folder: Path, replace: bool = False) -> dict[str, int]:
    folder = Path(folder)
    manifest = _verify(folder)
    _restore_database(folder, manifest, replace=replace)
    files = _restore_files(folder, manifest)
    erased = purge_ledger_replay()
    public_content_changed()
    return {"files": files, "erased_again": erased}
