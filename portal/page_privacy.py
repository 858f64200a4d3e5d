"""Wagtail's page-privacy check without a query per page view when no page is private.

Wagtail's ``on_serve_page`` hook asks every served page for its view restrictions (a query over the page
and its ancestors). Sites here almost never restrict a page, so the pages first read one cached flag,
"does any PageViewRestriction exist", kept under the public-content version: saving or deleting a
restriction moves that version (portal/signals.py), before and again after the commit, so a flag read
before the change is never used after it.
"""

from __future__ import annotations

from django.core.cache import cache
from wagtail.models import PageViewRestriction

from portal.public_cache import public_content_version

FLAG_KEY = "portal:any-page-view-restriction"
FLAG_SECONDS = 60 * 60


def any_view_restriction() -> bool:
    key = f"{FLAG_KEY}:{public_content_version()}"
    flag = cache.get(key)
    if flag is None:
        flag = PageViewRestriction.objects.exists()
        cache.set(key, flag, FLAG_SECONDS)
    return flag


class CheapPrivacyCheckMixin:
    """Mixed into the site's page models, before ``Page``."""

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
