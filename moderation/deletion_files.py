"""Image files of items deleted on request: moved out of MEDIA_ROOT (so they 404) and back, or erased.

Files keep their storage name (relative path) inside ``settings.DELETION_QUARANTINE_ROOT``, so a restore
puts each one back exactly where the image and rendition rows expect it. Every step is idempotent.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from wagtail.images import get_image_model

__all__ = ["erase_files", "image_file_names", "owner_images", "quarantine_files", "release_files"]


def _media_path(name: str) -> Path:
    return _inside(Path(settings.MEDIA_ROOT), name)


def _quarantine_path(name: str) -> Path:
    return _inside(Path(settings.DELETION_QUARANTINE_ROOT), name)


def _inside(root: Path, name: str) -> Path:
    # Names come from our own image rows, but never follow one outside its root.
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        raise ValueError(f"file name outside its root: {name!r}")
    return path


def owner_images(*, user_id: int, profile=None) -> list:
    """The profile's logo/photo and every image the account uploaded (older logos in revisions too)."""
    images = {image.pk: image for image in get_image_model().objects.filter(uploaded_by_user_id=user_id)}
    image = getattr(profile, "logo", None) or getattr(profile, "photo", None) if profile is not None else None
    if image is not None:
        images.setdefault(image.pk, image)
    return list(images.values())


def image_file_names(images: Iterable) -> list[str]:
    """Storage names of each original and all its renditions."""
    names: list[str] = []
    for image in images:
        if image.file.name:
            names.append(image.file.name)
        names.extend(rendition.file.name for rendition in image.renditions.all() if rendition.file.name)
    return names


def _move(source: Path, target: Path) -> None:
    if not source.exists():
        return  # already moved (a rerun) or never there
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(source, target)


def quarantine_files(names: Iterable[str]) -> None:
    for name in names:
        _move(_media_path(name), _quarantine_path(name))


def release_files(names: Iterable[str]) -> None:
    for name in names:
        _move(_quarantine_path(name), _media_path(name))


def erase_files(names: Iterable[str]) -> None:
    """Remove the files for good, wherever they are (quarantine, or back in MEDIA_ROOT after a crash)."""
    for name in names:
        for path in (_quarantine_path(name), _media_path(name)):
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
