"""Wagtail's page-privacy check without a query per page view when no page is private.

Wagtail's ``on_serve_page`` hook asks every served page for its view restrictions (a query over the page
and its ancestors). Sites here almost never restrict a page, so the pages first read one cached flag,
"does any PageViewRestriction exist", kept under its own version (and the public cache generation):
saving or deleting a restriction moves that version before and again after the commit, so a flag read
before the change is never used after it, while publishing content leaves the flag cached. Restriction
changes also move the public-content version (portal/signals.py), so the page cache drops such a page.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction

from visibility.version import cache_generation, invalidate

FLAG_KEY = "portal:any-page-view-restriction"
FLAG_SECONDS = 60 * 60
VERSION_KEY = "portal:page-view-restrictions-version"


def _fresh_version() -> int:
    return time.time_ns()  # never a number used before, even after an eviction


def any_view_restriction() -> bool:
    version = cache.get_or_set(VERSION_KEY, _fresh_version, timeout=None)
    key = f"{FLAG_KEY}:{cache_generation()}.{version}"
    flag = cache.get(key)
    if flag is None:
        flag = PageViewRestriction.objects.exists()
        cache.set(key, flag, FLAG_SECONDS)
    return flag


def _bump() -> None:
    invalidate(lambda: cache.set(VERSION_KEY, _fresh_version(), timeout=None))


@receiver([post_save, post_delete], sender=PageViewRestriction)
def restrictions_changed(**kwargs) -> None:
    _bump()
    transaction.on_commit(_bump)


class CheapPrivacyCheckMixin:
    """Mixed into the site's page models, before ``Page``."""

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
