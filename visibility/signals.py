"""The one path for "public content changed" (#20 step 5).

Whatever changes what the public may see sends ``content_changed`` with the objects it changed (none: anything
may have changed, e.g. an editor's page or an erasure). Services call ``announce(*objects)``; Wagtail's own
publishing is turned into it by portal/signals.py. Receivers: portal's page tags and public-content version
(portal/signals.py), search's index, navigation. The state of ``live``/``deleted_at`` before a save is read
here too (``remember_visibility``), so whoever asks ``stored_visibility`` gets the same answer.
"""

from __future__ import annotations

from django.dispatch import Signal

# Receivers get ``objects``: a tuple of the changed instances, empty when anything public may have changed.
content_changed = Signal()
# Set on an instance whose last save was announced (see announce_saved / announce_unless_saved).
_ANNOUNCED_BY_SAVE = "_visibility_announced_by_save"
# The fields whose change makes a row appear in or vanish from public pages.
VISIBILITY_FIELDS = ("live", "deleted_at")


def announce(*objects) -> None:
    """Public content changed: these objects, or (none given) anything."""
    content_changed.send(sender=None, objects=tuple(objects))


def public_content_changed(**kwargs) -> None:
    """Everything public may have changed. Signal-receiver friendly: accepts and ignores keyword arguments."""
    announce()


def remember_visibility(sender, instance, update_fields=None, **kwargs) -> None:
    """pre_save: read the stored visibility (an instance in memory may be stale: publish() saves a copy)."""
    instance.__dict__.pop(_ANNOUNCED_BY_SAVE, None)  # a new save: whatever was announced before is history
    fields = [name for name in VISIBILITY_FIELDS if hasattr(sender, name)]
    if instance.pk is None or (update_fields is not None and not set(fields) & set(update_fields)):
        instance._public_visibility = None
        return
    instance._public_visibility = sender._base_manager.filter(pk=instance.pk).values_list(*fields).first()


def stored_visibility(instance) -> dict | None:
    """What ``live``/``deleted_at`` were in the database before the save now being signalled (None: unknown,
    a new row, or a save that didn't touch them)."""
    was = getattr(instance, "_public_visibility", None)
    if was is None:
        return None
    fields = [name for name in VISIBILITY_FIELDS if hasattr(type(instance), name)]
    return dict(zip(fields, was, strict=True))


def visibility_changed(instance, *, created: bool) -> bool:
    """post_save: did this save make the row appear in or vanish from public pages?"""
    was = stored_visibility(instance)
    return (created and instance.live) or (was is not None and any(getattr(instance, n) != v for n, v in was.items()))


def announce_saved(instance, *, created: bool) -> None:
    """post_save: announce a save that made the row appear in or vanish from public pages, and remember it."""
    if visibility_changed(instance, created=created):
        instance.__dict__[_ANNOUNCED_BY_SAVE] = True
        announce(instance)


def announce_unless_saved(instance) -> None:
    """Wagtail's publish and unpublish save the object and then signal with the same instance: announce once.
    The mark is consumed, so a later publish of the same instance (after another save) is announced again."""
    if not instance.__dict__.pop(_ANNOUNCED_BY_SAVE, False):
        announce(instance)
