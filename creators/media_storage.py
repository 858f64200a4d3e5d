"""The default (public) file storage, aware of the private area where registrants' unapproved images wait."""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from storages.backends.s3 import S3Storage

from media_store.backends import PrivateAware


# The path matters: Wagtail deletes files in a task that rebuilds the storage from ``deconstruct()``.
@deconstructible(path="creators.media_storage.MediaStorage")
class MediaStorage(PrivateAware, FileSystemStorage):
    """Reads and writes MEDIA_ROOT only, so nothing private is ever read for a rendition or written in public;
    but a name held in the private area is taken (never reused), and deleting a file deletes it there too."""


@deconstructible(path="creators.media_storage.PublicS3Storage")
class PublicS3Storage(PrivateAware, S3Storage):
    """The same on object storage: the public bucket (``MEDIA_STORAGE=s3``)."""
