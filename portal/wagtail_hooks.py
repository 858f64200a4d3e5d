"""Wagtail hooks of the public site."""

from wagtail import hooks

from portal.page_tags import declare_site_content_only

hooks.register("before_serve_page", declare_site_content_only)
