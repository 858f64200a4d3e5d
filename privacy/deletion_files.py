"""Image files of items deleted on request: moved out of the public area (so they 404) and back, or erased.

Files keep their storage name in the quarantine area (``DELETION_QUARANTINE_ROOT``, or a quarantine bucket that
no web server or CDN serves), so a restore puts each one back exactly where the image and rendition rows expect
it. A file may come from the public area or from the private one (an image no approved version showed,
``creators.private_media``); a restore returns every file to the private area and the caller then shows again what
the restored profile shows. Moves go through ``media_store.areas`` (folders or S3). Every step is idempotent.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.images import get_image_model

from creators.private_media import image_file_names
from media_store import areas

__all__ = ["erase_files", "image_file_names", "owner_images", "quarantine_files", "release_files"]


def owner_images(*, user_id: int, profile=None) -> list:
    """The profile's logo/photo and every image the account uploaded (older logos in revisions too)."""
    images = {image.pk: image for image in get_image_model().objects.filter(uploaded_by_user_id=user_id)}
    image = getattr(profile, "logo", None) or getattr(profile, "photo", None) if profile is not None else None
    if image is not None:
        images.setdefault(image.pk, image)
    return list(images.values())


def quarantine_files(names: Iterable[str]) -> None:
    areas.move_all(names, sources=(areas.PUBLIC, areas.PRIVATE), target=areas.QUARANTINE)


def release_files(names: Iterable[str]) -> None:
    """Back to the private area: the restore then shows again only what the public profile shows."""
    areas.move_all(names, sources=(areas.QUARANTINE,), target=areas.PRIVATE)


def erase_files(names: Iterable[str]) -> None:
    """Remove the files for good, wherever they are (quarantine, or back in a media area after a crash)."""
    areas.erase(names, areas=(areas.QUARANTINE, areas.PUBLIC, areas.PRIVATE))
