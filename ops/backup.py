"""``manage.py backup``: the database and every stored file, with a manifest of checksums.

A backup is a folder ``<BACKUP_ROOT>/<UTC time>/`` holding ``database.sqlite3`` (SQLite's online backup API: a
consistent copy while the site runs) or ``database.pgdump`` (``pg_dump --format=custom``), ``files/<area>/<name>``
for the media, private and quarantine areas (read through Django storages, so folders and S3 buckets alike) and
``manifest.json`` listing every file with its size and SHA-256. Ship the folder off the machine (README).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from ops.purge_ledger import purge_ledger_sync
from ops.storage_areas import MEDIA_AREAS, area_storage, walk

__all__ = ["MANIFEST", "backup_create", "pg_environment", "sha256_file"]

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
CHUNK = 1024 * 1024


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def pg_environment(database: dict) -> tuple[list[str], dict[str, str]]:
    """libpq connection arguments and environment (the password never on a command line)."""
    args = ["--host", database.get("HOST") or "127.0.0.1", "--port", str(database.get("PORT") or 5432)]
    if database.get("USER"):
        args += ["--username", database["USER"]]
    env = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or "", "PGCONNECT_TIMEOUT": "10"}
    return args, env


def _backup_database(target: Path) -> dict:
    connection = connections["default"]
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        path = target / "database.sqlite3"
        source = sqlite3.connect(database["NAME"])
        copy = sqlite3.connect(path)
        try:
            source.backup(copy)  # page by page, consistent even while other processes write
        finally:
            copy.close()
            source.close()
    elif connection.vendor == "postgresql":
        path = target / "database.pgdump"
        args, env = pg_environment(database)
        command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *args, "--dbname", database["NAME"]]
        # The PostgreSQL client on PATH, with arguments from the settings: no shell, nothing from a request.
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=6 * 3600)  # noqa: S603
    else:
        raise NotImplementedError(f"no backup for {connection.vendor} databases")
    return {"vendor": connection.vendor, "file": path.name, "sha256": sha256_file(path)}


def _backup_files(target: Path) -> list[dict]:
    files = []
    for area in MEDIA_AREAS:
        storage = area_storage(area)
        for name in walk(storage):
            destination = target / "files" / area / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with storage.open(name, "rb") as source, open(destination, "wb") as copy:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    copy.write(chunk)
            files.append({"area": area, "name": name, "size": destination.stat().st_size, "sha256": digest.hexdigest()})
    return files


def backup_create(*, root: Path | None = None) -> Path:
    """Write a new backup folder and return it. A failed backup leaves no folder that looks complete."""
    root = Path(root or settings.BACKUP_ROOT)
    started = timezone.now()
    target = root / started.strftime("%Y%m%dT%H%M%SZ")
    partial = root / f".{target.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    purge_ledger_sync()  # the ledger's copy outside the database is complete before the database is copied
    database = _backup_database(partial)
    files = _backup_files(partial)
    manifest = {
        "format": FORMAT_VERSION,
        "started_at": started.isoformat(),
        "finished_at": timezone.now().isoformat(),
        "database": database,
        "files": files,
    }
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=1))
    os.replace(partial, target)  # only a finished backup carries a timestamp name
    return target
