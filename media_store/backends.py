"""Storage classes of the three file areas (``media_store.environment``), on the file system and on S3.

The file-system classes read their folder from the settings at each use (``override_settings`` in tests moves
them). The public storage (``creators.media_storage``) knows the private area: a name held there is taken (never
reused by another upload) and deleting a file deletes it there too; ``holds``/``discard`` act on its own area only.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from storages.backends.s3 import S3Storage

__all__ = ["PrivateAware", "PrivateFileStorage", "PrivateS3Storage", "QuarantineFileStorage", "QuarantineS3Storage"]

PRIVATE = "private"


class _SettingFolder(FileSystemStorage):
    """A folder named by a setting, never served: no URL."""

    root_setting = ""

    def __init__(self, **kwargs):
        kwargs.setdefault("base_url", None)
        super().__init__(**kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, getattr(settings, self.root_setting))

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError(f"{self.root_setting} files are never served by URL")


@deconstructible(path="media_store.backends.PrivateFileStorage")
class PrivateFileStorage(_SettingFolder):
    root_setting = "PRIVATE_MEDIA_ROOT"


@deconstructible(path="media_store.backends.QuarantineFileStorage")
class QuarantineFileStorage(_SettingFolder):
    root_setting = "DELETION_QUARANTINE_ROOT"


@deconstructible(path="media_store.backends.PrivateS3Storage")
class PrivateS3Storage(S3Storage):
    pass


@deconstructible(path="media_store.backends.QuarantineS3Storage")
class QuarantineS3Storage(S3Storage):
    pass


class PrivateAware:
    """For the public storage: ``exists`` and ``delete`` also cover the private area."""

    @cached_property
    def _private(self):
        return storages[PRIVATE]

    def holds(self, name: str) -> bool:
        return super().exists(name)

    def discard(self, name: str) -> None:
        super().delete(name)

    def exists(self, name: str) -> bool:
        return super().exists(name) or self._private.exists(name)

    def delete(self, name: str) -> None:
        super().delete(name)
        self._private.delete(name)
