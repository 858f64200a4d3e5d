"""The default file storage: MEDIA_ROOT, aware of the private root where registrants' unapproved images wait."""

from __future__ import annotations

import contextlib
import os

from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

from creators.private_media import private_path


# The path matters: Wagtail deletes files in a task that rebuilds the storage from ``deconstruct()``.
@deconstructible(path="creators.media_storage.MediaStorage")
class MediaStorage(FileSystemStorage):
    """Reads and writes MEDIA_ROOT only, so nothing private is ever read for a rendition or written in public;
    but a name held in the private root is taken (never reused), and deleting a file deletes it there too."""

    def exists(self, name: str) -> bool:
        return super().exists(name) or private_path(name).exists()

    def delete(self, name: str) -> None:
        super().delete(name)
        with contextlib.suppress(FileNotFoundError):
            os.remove(private_path(name))
