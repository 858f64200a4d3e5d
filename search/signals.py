"""Keep the search index in step: index on publish, remove on unpublish and on delete (a purge leaves no trace).

The index holds public items only: a soft delete (``deleted_at`` set, by the deletion service or by any save)
takes an item out at once and clearing it puts the item back. Queries still check visibility of what they show.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, published, unpublished

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from faq.models import FAQItem
from reports.models import ImpactReport
from search.indexing import (
    MODEL_KINDS,
    hide_objects,
    index_object,
    index_page,
    remove_object,
    remove_page,
    show_objects,
)
from search.models import Kind
from taxonomy.models import SdgIndicator, SdgTarget
from visibility.signals import stored_visibility

_PREFIX = "search-index"


def _on_published(sender, instance, **kwargs):
    index_object(obj=instance)


def _on_removed(sender, instance, **kwargs):
    """Unpublished or deleted: out of the index (a creator's reports stop naming it)."""
    user_id = instance.user_id if isinstance(instance, ImpactCreatorProfile) else None
    remove_object(kind=MODEL_KINDS[sender], object_id=instance.pk, user_id=user_id)


def _on_visibility_saved(sender, instance, created: bool = False, raw: bool = False, **kwargs):
    """``deleted_at`` set or cleared by a save: follow it (visibility.signals read the stored value before the save)."""
    was = stored_visibility(instance)
    if raw or created or was is None or was.get("deleted_at") == instance.deleted_at:
        return
    if instance.deleted_at is not None:
        hide_objects(objects=[instance])
    else:
        show_objects(objects=[instance])  # only if it is live


def _on_catalogue_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_object(obj=instance)


def _on_page_published(sender, instance, **kwargs):
    index_page(page=instance)


def _on_page_unpublished(sender, instance, **kwargs):
    remove_page(page=instance)


def _on_page_deleted(sender, instance, **kwargs):
    remove_object(kind=Kind.PAGE, object_id=instance.pk)


def connect_signals() -> None:
    for model in (ImpactCreatorProfile, ImpactAssessorProfile, ImpactReport):
        label = model._meta.label_lower
        published.connect(_on_published, sender=model, dispatch_uid=f"{_PREFIX}.published.{label}")
        unpublished.connect(_on_removed, sender=model, dispatch_uid=f"{_PREFIX}.unpublished.{label}")
        post_save.connect(_on_visibility_saved, sender=model, dispatch_uid=f"{_PREFIX}.visibility.{label}")
    for model in (ImpactCreatorProfile, ImpactAssessorProfile, ImpactReport, SdgTarget, SdgIndicator, FAQItem):
        post_delete.connect(_on_removed, sender=model, dispatch_uid=f"{_PREFIX}.deleted.{model._meta.label_lower}")
    for model in (SdgTarget, SdgIndicator):
        post_save.connect(_on_catalogue_saved, sender=model, dispatch_uid=f"{_PREFIX}.saved.{model._meta.label_lower}")
    page_published.connect(_on_page_published, dispatch_uid=f"{_PREFIX}.page_published")
    page_unpublished.connect(_on_page_unpublished, dispatch_uid=f"{_PREFIX}.page_unpublished")
    post_delete.connect(_on_page_deleted, sender=Page, dispatch_uid=f"{_PREFIX}.page_deleted")


connect_signals()  # imported once at start-up by core's app config
