"""Moving files between the three areas (``default`` public, ``private``, ``quarantine``) through Django storages,
so the same code runs on folders (the embedded default) and on S3 buckets. A file keeps its storage name in every
area, so image and rendition rows never change. Every step is idempotent: a rerun after a crash finishes the job.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable

from django.core.files.storage import FileSystemStorage, Storage, storages

__all__ = ["PRIVATE", "PUBLIC", "QUARANTINE", "erase", "holds", "locate", "move", "save_new"]

PUBLIC, PRIVATE, QUARANTINE = "default", "private", "quarantine"


def _area(alias: str) -> Storage:
    return storages[alias]


def holds(alias: str, name: str) -> bool:
    """Whether this area itself has the file (the public storage's ``exists`` also looks in the private one)."""
    storage = _area(alias)
    return storage.holds(name) if hasattr(storage, "holds") else storage.exists(name)


def _discard(storage: Storage, name: str) -> None:
    if hasattr(storage, "discard"):
        storage.discard(name)
    else:
        storage.delete(name)


def _write_exact(storage: Storage, name: str, source: Storage) -> None:
    # ``_save`` writes under this very name: ``save()`` would pick another one, since the public storage counts
    # the name as taken while the file is still in the private area.
    with source.open(name, "rb") as content:
        written = storage._save(name, content)
    if written != name:
        storage.delete(written)
        raise FileExistsError(f"{name!r} could not be written under its own name ({written!r})")


def move(name: str, *, source: str, target: str) -> bool:
    """Move one file between areas; False when the source does not hold it (already moved, elsewhere, never there)."""
    src, dst = _area(source), _area(target)
    if not holds(source, name):
        return False
    if isinstance(src, FileSystemStorage) and isinstance(dst, FileSystemStorage):
        path = dst.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        shutil.move(src.path(name), path)  # a rename within one file system
        return True
    if not holds(target, name):  # a rerun after a crash between the copy and the delete finds it there
        _write_exact(dst, name, src)
    _discard(src, name)
    return True


def move_all(names: Iterable[str], *, sources: tuple[str, ...], target: str) -> None:
    for name in names:
        for source in sources:
            move(name, source=source, target=target)


def erase(names: Iterable[str], *, areas: tuple[str, ...] = (QUARANTINE, PUBLIC, PRIVATE)) -> None:
    """Remove the files for good from every area named."""
    for name in names:
        for alias in areas:
            _discard(_area(alias), name)


def locate(name: str, *, areas: tuple[str, ...] = (PRIVATE, PUBLIC)) -> str | None:
    """The alias of the first area holding the file (None: in none of them)."""
    return next((alias for alias in areas if holds(alias, name)), None)


def save_new(alias: str, name: str, content) -> str:
    """Write a new file into an area under a free name (given or close to it): the name it got."""
    return _area(alias).save(name, content)
