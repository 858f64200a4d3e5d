"""Image files of items deleted on request: moved out of MEDIA_ROOT (so they 404) and back, or erased.

Files keep their storage name (relative path) inside ``settings.DELETION_QUARANTINE_ROOT``, so a restore
puts each one back exactly where the image and rendition rows expect it. A file may come from MEDIA_ROOT or from
the private root (an image no approved version showed, ``creators.private_media``); a restore returns every file
to the private root and the caller then shows again what the restored profile shows. Every step is idempotent.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from wagtail.images import get_image_model

from creators.private_media import image_file_names, inside, media_path, move, private_path

__all__ = ["erase_files", "image_file_names", "owner_images", "quarantine_files", "release_files"]


def _quarantine_path(name: str) -> Path:
    return inside(Path(settings.DELETION_QUARANTINE_ROOT), name)


def owner_images(*, user_id: int, profile=None) -> list:
    """The profile's logo/photo and every image the account uploaded (older logos in revisions too)."""
    images = {image.pk: image for image in get_image_model().objects.filter(uploaded_by_user_id=user_id)}
    image = getattr(profile, "logo", None) or getattr(profile, "photo", None) if profile is not None else None
    if image is not None:
        images.setdefault(image.pk, image)
    return list(images.values())


def quarantine_files(names: Iterable[str]) -> None:
    for name in names:
        for source in (media_path(name), private_path(name)):
            move(source, _quarantine_path(name))


def release_files(names: Iterable[str]) -> None:
    """Back to the private root: the restore then shows again only what the public profile shows."""
    for name in names:
        move(_quarantine_path(name), private_path(name))


def erase_files(names: Iterable[str]) -> None:
    """Remove the files for good, wherever they are (quarantine, or back in a media root after a crash)."""
    for name in names:
        for path in (_quarantine_path(name), media_path(name), private_path(name)):
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
