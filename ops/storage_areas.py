"""The places files live, each as a Django storage, so health checks and backups work on folders and on S3 alike.

``media`` is the default storage (public files). ``private`` (registrants' unapproved images) and ``quarantine``
(files of items deleted on request) are the ``STORAGES`` aliases of those names when configured (object storage),
otherwise file-system storages on ``PRIVATE_MEDIA_ROOT`` and ``DELETION_QUARANTINE_ROOT``. ``purge_ledger`` is
where the purge ledger is mirrored outside the database (``ops.purge_ledger``): ``STORAGES["purge_ledger"]`` or
the folder ``PURGE_LEDGER_ROOT``.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages

__all__ = ["MEDIA_AREAS", "area_storage", "walk"]

MEDIA_AREAS = ("media", "private", "quarantine")
_FOLDER_SETTINGS = {
    "private": "PRIVATE_MEDIA_ROOT",
    "quarantine": "DELETION_QUARANTINE_ROOT",
    "purge_ledger": "PURGE_LEDGER_ROOT",
}


def area_storage(area: str) -> Storage:
    if area == "media":
        return storages["default"]
    if area in settings.STORAGES:
        return storages[area]
    return FileSystemStorage(location=str(getattr(settings, _FOLDER_SETTINGS[area])))


def walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name under ``folder``, through the storage API (listdir works on folders and on S3 prefixes).
    A folder that does not exist yet holds nothing."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from walk(storage, f"{folder}/{sub}" if folder else sub)
