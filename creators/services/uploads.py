"""How many images one network address may upload: decoding an image costs memory and CPU in the web process.

Counted in the database (``ImageUploadAttempt``), so the limit holds across every app server. Only a keyed hash of
the address is stored, and rows older than the window are deleted as new ones arrive.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from creators.models import ImageUploadAttempt

__all__ = ["UPLOAD_WINDOW", "image_upload_claim"]

logger = logging.getLogger(__name__)
UPLOAD_WINDOW = datetime.timedelta(hours=1)
_SALT = "creators.image-upload-client"


def _client_key(client_ip: str | None) -> str:
    return salted_hmac(_SALT, client_ip or "unknown", algorithm="sha256").hexdigest()


@transaction.atomic
def image_upload_claim(*, client_ip: str | None, now: datetime.datetime | None = None) -> bool:
    """Count one upload for this address and say yes, or say no (counting nothing) once the hourly limit is reached."""
    now = now or timezone.now()
    since = now - UPLOAD_WINDOW
    ImageUploadAttempt.objects.filter(created_at__lt=since).delete()
    key = _client_key(client_ip)
    if (
        ImageUploadAttempt.objects.filter(client=key, created_at__gte=since).count()
        >= settings.IMAGE_UPLOAD_LIMIT_PER_HOUR
    ):
        logger.warning("image upload limit reached for a client (hash %s)", key[:12])
        return False
    ImageUploadAttempt.objects.create(client=key)
    return True
