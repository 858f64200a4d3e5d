"""Registrants' image files follow their profile's public state (``creators.private_media``)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from wagtail.signals import published, unpublished

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from creators.private_media import registrant_media_sync
from creators.session_policy import session_start
from visibility.signals import stored_visibility

_PREFIX = "creators.private-media"


def _follow_profile(sender, instance, **kwargs) -> None:
    registrant_media_sync(user_id=instance.user_id)


def _follow_saved_visibility(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    """A save that makes the row public or hides it (``live``/``deleted_at``), outside publish and unpublish."""
    if raw:
        return
    was = stored_visibility(instance)
    changed = was is not None and any(getattr(instance, name) != value for name, value in was.items())
    if changed or (created and instance.live):
        _follow_profile(sender, instance)


def connect_signals() -> None:
    for model in (ImpactCreatorProfile, ImpactAssessorProfile):
        label = model._meta.label_lower
        # Publishing a newer version may show a new logo and retire the old one, without changing ``live``.
        published.connect(_follow_profile, sender=model, dispatch_uid=f"{_PREFIX}.published.{label}")
        unpublished.connect(_follow_profile, sender=model, dispatch_uid=f"{_PREFIX}.unpublished.{label}")
        post_save.connect(_follow_saved_visibility, sender=model, dispatch_uid=f"{_PREFIX}.saved.{label}")
    user_logged_in.connect(session_start, dispatch_uid="creators.session_start")


connect_signals()  # imported once at start-up by core's app config
