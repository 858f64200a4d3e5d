"""Portal turns what Wagtail and editors do on their own into the one "public content changed" signal
(visibility.signals), and its page cache listens to it: the public-content version and the page tags of what
changed (portal.page_tags) move on — a profile, report or funder only its kind and owner, the rest ``site``.

Services announce their own changes (``visibility.signals.announce``); these receivers are the safety net for
publishing pages and snippets, moves, deletions, editors' changes to vocabularies and settings, and anything
that sets or clears ``deleted_at`` on a profile or report. Imported once at start-up by core's app config.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from faq.models import FAQItem
from funding.models import Funder
from portal.models import ContactSettings
from portal.navigation import invalidate_navigation
from portal.page_tags import objects_changed
from reports.models import ImpactReport
from taxonomy.models import Province, SdgGoal, SdgIndicator, SdgTarget, Sector, Theme
from visibility.signals import (
    announce,
    announce_saved,
    announce_unless_saved,
    content_changed,
    remember_visibility,
)

DISPATCH_PREFIX = "portal.public_content"
MODERATED_MODELS = (ImpactCreatorProfile, ImpactAssessorProfile, ImpactReport, Funder)
# Changed by editors in the admin without moderation; public pages show them. A page made private (or public
# again) must leave the page cache too (directory/page_privacy.py).
EDITOR_MODELS = (Sector, Province, SdgGoal, Theme, SdgTarget, SdgIndicator, ContactSettings, PageViewRestriction)
# Rows listed on pages but never in the header menus: announcing only these leaves the menus as they are.
CONTENT_ROWS = (*MODERATED_MODELS, FAQItem, SdgTarget, SdgIndicator)


def object_announced(sender=None, instance=None, **kwargs) -> None:
    """A page, row or setting published, unpublished, moved, renamed, saved or deleted: announce that object."""
    announce(*([instance] if instance is not None else []))


def moderated_object_announced(sender=None, instance=None, **kwargs) -> None:
    """Wagtail's published/unpublished of a moderated object, once: its save may have announced it already."""
    if instance is not None:
        announce_unless_saved(instance)


def visibility_saved(sender, instance, created: bool, update_fields=None, **kwargs) -> None:
    announce_saved(instance, created=created)


def expire_cached_pages(sender=None, objects=(), **kwargs) -> None:
    """The one receiver of the page cache: the pages showing these objects (none: every page)."""
    objects_changed(*objects)


def navigation_follows(sender=None, objects=(), **kwargs) -> None:
    """Menus list pages: rebuilt unless only content rows (profiles, reports, funders, questions) changed."""
    if not objects or not all(isinstance(obj, CONTENT_ROWS) for obj in objects):
        invalidate_navigation()


def connect_signals() -> None:
    content_changed.connect(expire_cached_pages, dispatch_uid=f"{DISPATCH_PREFIX}.expire-pages")
    # A page's publish, unpublish, move, new web address (every link to it changes) and deletion.
    for signal, name in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
        (page_slug_changed, "slug"),
    ):
        signal.connect(object_announced, dispatch_uid=f"{DISPATCH_PREFIX}.page.{name}")
    post_delete.connect(object_announced, sender=Page, dispatch_uid=f"{DISPATCH_PREFIX}.page.deleted")
    for model in MODERATED_MODELS:
        uid = f"{DISPATCH_PREFIX}.{model._meta.label_lower}"
        published.connect(moderated_object_announced, sender=model, dispatch_uid=f"{uid}.published")
        unpublished.connect(moderated_object_announced, sender=model, dispatch_uid=f"{uid}.unpublished")
        post_delete.connect(object_announced, sender=model, dispatch_uid=f"{uid}.deleted")
        pre_save.connect(remember_visibility, sender=model, dispatch_uid=f"{uid}.before-save")
        post_save.connect(visibility_saved, sender=model, dispatch_uid=f"{uid}.saved")
    for model in EDITOR_MODELS:
        uid = f"{DISPATCH_PREFIX}.{model._meta.label_lower}"
        post_save.connect(object_announced, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(object_announced, sender=model, dispatch_uid=f"{uid}.deleted")
    # A question leaves with its page's publication (modelcluster deletes the rows the new revision dropped).
    post_delete.connect(object_announced, sender=FAQItem, dispatch_uid=f"{DISPATCH_PREFIX}.faq.faqitem.deleted")
    content_changed.connect(navigation_follows, dispatch_uid="portal-nav.content-changed")


connect_signals()
