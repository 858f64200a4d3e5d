"""Wagtail admin URLs of the outbox (the listing itself is registered in moderation's "Operations" menu)."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks

from outbox.admin_views import REQUEUE_URL_NAME, REQUEUE_URL_PATH, outbox_requeue_view


@hooks.register("register_admin_urls")
def register_outbox_admin_urls():
    return [path(REQUEUE_URL_PATH, outbox_requeue_view, name=REQUEUE_URL_NAME)]
