"""What the public sees changes when an editor publishes, unpublishes or deletes a funder or edits a theme."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import published, unpublished

from portal.models import Funder, Theme
from portal.public_cache import public_content_changed

DISPATCH_PREFIX = "portal.funding"


def connect_signals() -> None:
    for signal, name in ((published, "published"), (unpublished, "unpublished"), (post_delete, "deleted")):
        signal.connect(public_content_changed, sender=Funder, dispatch_uid=f"{DISPATCH_PREFIX}.funder-{name}")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(public_content_changed, sender=Theme, dispatch_uid=f"{DISPATCH_PREFIX}.theme-{name}")
