"""Registrants' images are public only while the live, public profile shows them.

Every image a registrant uploads is written to the private area (the ``private`` storage: ``PRIVATE_MEDIA_ROOT``
outside ``MEDIA_ROOT``, or a private bucket; no web server or ``django.conf.urls.static`` serves it). When a
moderator approves the version of a profile that shows it, the original and its renditions move to the public
area (``default``); an image the public profile no longer shows (replaced by a newer approved logo, unpublished,
never approved) moves back. Moves go through ``media_store.areas``, on folders and on S3 alike. Files keep their
storage name in both places, so image and rendition rows never change. Wagtail cannot read a private original,
so no rendition of it can be made: moderators see it through a staff-only view (``creators.admin_images``).
Delete on request moves files on to the quarantine area (``privacy.deletion_files``).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.checks import Error
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Q
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile, User
from media_store import areas

__all__ = [
    "UPLOAD_COLLECTION",
    "hide_files",
    "image_file_names",
    "registrant_documents_q",
    "registrant_images_q",
    "registrant_media_sync",
    "save_private_original",
    "show_files",
    "store_uploaded_image",
    "stored_area",
]

UPLOAD_COLLECTION = "Registrant uploads"


def stored_area(name: str) -> str | None:
    """The storage alias where a file is now, private or public (None: quarantined, erased or never there)."""
    return areas.locate(name, areas=(areas.PRIVATE, areas.PUBLIC))


def show_files(names: Iterable[str]) -> None:
    areas.move_all(names, sources=(areas.PRIVATE,), target=areas.PUBLIC)


def hide_files(names: Iterable[str]) -> None:
    areas.move_all(names, sources=(areas.PUBLIC,), target=areas.PRIVATE)


def image_file_names(images: Iterable) -> list[str]:
    """Storage names of each original and all its renditions."""
    names: list[str] = []
    for image in images:
        if image.file.name:
            names.append(image.file.name)
        names.extend(rendition.file.name for rendition in image.renditions.all() if rendition.file.name)
    return names


def _owned_q() -> Q:
    # Only fields Wagtail indexes as filters (collection, uploaded_by_user): the API and admin search filter by it.
    registrants = User.objects.filter(Q(creator_profile__isnull=False) | Q(assessor_profile__isnull=False))
    uploads = Collection.objects.filter(name=UPLOAD_COLLECTION)
    return Q(collection__in=uploads.values("pk")) | Q(uploaded_by_user__in=registrants.values("pk"))


def registrant_images_q() -> Q:
    """Images that belong to registrants (uploaded through the public forms), as opposed to editors' images."""
    return _owned_q()


def registrant_documents_q() -> Q:
    """Documents a registrant uploaded: none can today (no public form takes one); never public if one appears."""
    return _owned_q()


def save_private_original(*, image, upload) -> None:
    """Write an already re-encoded upload into the private area and fill the image's file fields.

    Width, height, size and hash come from the bytes in memory, so nothing ever reads the private file through
    the public storage. Names are unique across both roots (``creators.media_storage.MediaStorage.exists``).
    """
    upload.seek(0)
    data = upload.read()
    with PILImage.open(io.BytesIO(data)) as header:
        width, height = header.size
    field = image.file.field
    name = default_storage.get_available_name(field.generate_filename(image, upload.name), max_length=field.max_length)
    name = areas.save_new(areas.PRIVATE, name, ContentFile(data))  # never over an existing file
    image.width, image.height = width, height
    image.file.name = name  # not ``image.file = name``: that would read the (public) file for its dimensions
    image.file_size = len(data)
    image.file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()  # what Wagtail stores


def _upload_collection():
    existing = Collection.objects.filter(name=UPLOAD_COLLECTION).first()
    return existing or Collection.get_first_root_node().add_child(name=UPLOAD_COLLECTION)


def store_uploaded_image(*, image_file, title: str, owner):
    """Store an already validated and re-encoded upload as a Wagtail image, in the private area: it becomes
    public only when a moderator approves a profile version that shows it."""
    image = get_image_model()(title=title[:255], collection=_upload_collection(), uploaded_by_user=owner)
    save_private_original(image=image, upload=image_file)
    image.save()
    return image


def _shown_image_ids(user_id: int) -> set[int]:
    shown = set()
    for model, field in ((ImpactCreatorProfile, "logo_id"), (ImpactAssessorProfile, "photo_id")):
        for profile in model.objects.filter(user_id=user_id):
            if profile.is_public and getattr(profile, field):
                shown.add(getattr(profile, field))
    return shown


def registrant_media_sync(*, user_id: int) -> None:
    """Put each image the account uploaded where the profile's stored state says: in the public area when the
    live, public profile shows it, in the private area otherwise. Idempotent; files in quarantine are left there."""
    shown = _shown_image_ids(user_id)
    for image in get_image_model().objects.filter(uploaded_by_user_id=user_id).prefetch_related("renditions"):
        (show_files if image.pk in shown else hide_files)(image_file_names([image]))


def registrant_media_sync_all() -> int:
    """Every registrant's images (after restoring a backup, or when upgrading a site whose files were public)."""
    registrants = User.objects.filter(Q(creator_profile__isnull=False) | Q(assessor_profile__isnull=False))
    count = 0
    for user_id in registrants.values_list("pk", flat=True).iterator():
        registrant_media_sync(user_id=user_id)
        count += 1
    return count


def check_private_roots(app_configs=None, **kwargs) -> list[Error]:
    """The private and quarantine folders must never be inside the folder the web server serves."""
    media = Path(settings.MEDIA_ROOT).resolve()
    errors = []
    for setting in ("PRIVATE_MEDIA_ROOT", "DELETION_QUARANTINE_ROOT"):
        root = Path(getattr(settings, setting)).resolve()
        if root.is_relative_to(media):
            errors.append(Error(f"{setting} ({root}) must be outside MEDIA_ROOT ({media})", id="creators.E001"))
    return errors
