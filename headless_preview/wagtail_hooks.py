"""The page menus' "Preview for partner sites" item and its admin URL."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks

from headless_preview.admin_views import URL_NAME, PartnerPreviewMenuItem, partner_preview


@hooks.register("register_admin_urls")
def register_headless_preview_urls():
    return [path("pages/<int:page_id>/partner-preview/", partner_preview, name=URL_NAME)]


@hooks.register("register_page_header_buttons")
def partner_preview_header_button(page, user, view_name, next_url=None):
    yield PartnerPreviewMenuItem(page=page, priority=66)


@hooks.register("register_page_listing_more_buttons")
def partner_preview_listing_button(page, user, next_url=None):
    yield PartnerPreviewMenuItem(page=page, priority=52)
