"""Every change the public could see moves the public-content version (portal.public_cache) and the page tags
of what it touched (portal.page_tags): a profile, report or funder only its kind and owner, the rest ``site``.

Services call ``public_content_changed()`` themselves; these receivers are the safety net for what Wagtail
does on its own (publishing pages and snippets, moves, deletions, editors' changes to taxonomies and
settings) and for anything that sets or clears ``deleted_at`` on a profile or report.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from portal.page_tags import object_changed, objects_changed
from portal.public_cache import public_content_changed

DISPATCH_PREFIX = "portal.public_content"
# The fields whose change makes a row appear in or vanish from public pages.
VISIBILITY_FIELDS = ("live", "deleted_at")


def moderated_models() -> list[type]:
    from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
    from funding.models import Funder
    from reports.models import ImpactReport

    return [ImpactCreatorProfile, ImpactAssessorProfile, ImpactReport, Funder]


def editor_models() -> list[type]:
    """Models editors change in the admin without moderation; public pages show them."""
    from wagtail.models import PageViewRestriction

    from portal.models import ContactSettings
    from taxonomy.models import Province, SdgGoal, SdgIndicator, SdgTarget, Sector, Theme

    # A page made private (or public again) must leave the page cache too (portal/page_privacy.py).
    return [Sector, Province, SdgGoal, Theme, SdgTarget, SdgIndicator, ContactSettings, PageViewRestriction]


def remember_visibility(sender, instance, update_fields=None, **kwargs) -> None:
    """Read the stored visibility before a save (an instance in memory may be stale: publish() saves a copy)."""
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


def visibility_saved(sender, instance, created: bool, update_fields=None, **kwargs) -> None:
    was = stored_visibility(instance)
    if (created and instance.live) or (was is not None and any(getattr(instance, n) != v for n, v in was.items())):
        objects_changed(instance)


def connect_signals() -> None:
    for signal, name in ((page_published, "published"), (page_unpublished, "unpublished")):
        signal.connect(public_content_changed, dispatch_uid=f"{DISPATCH_PREFIX}.page.{name}")
    post_page_move.connect(public_content_changed, dispatch_uid=f"{DISPATCH_PREFIX}.page.moved")
    post_delete.connect(public_content_changed, sender=Page, dispatch_uid=f"{DISPATCH_PREFIX}.page.deleted")
    for model in moderated_models():
        uid = f"{DISPATCH_PREFIX}.{model._meta.label_lower}"
        # Only the pages showing this object or its kind expire (portal/page_tags.py).
        published.connect(object_changed, sender=model, dispatch_uid=f"{uid}.published")
        unpublished.connect(object_changed, sender=model, dispatch_uid=f"{uid}.unpublished")
        post_delete.connect(object_changed, sender=model, dispatch_uid=f"{uid}.deleted")
        pre_save.connect(remember_visibility, sender=model, dispatch_uid=f"{uid}.before-save")
        post_save.connect(visibility_saved, sender=model, dispatch_uid=f"{uid}.saved")
    for model in editor_models():
        uid = f"{DISPATCH_PREFIX}.{model._meta.label_lower}"
        post_save.connect(public_content_changed, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(public_content_changed, sender=model, dispatch_uid=f"{uid}.deleted")
