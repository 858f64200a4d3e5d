from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Public site")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.models import Page
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from portal import checks  # noqa: F401  (registers the SITE_URL checks)
        from portal.navigation import invalidate_navigation

        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(invalidate_navigation, dispatch_uid=f"portal-nav-{signal!r}")
        post_delete.connect(invalidate_navigation, sender=Page, dispatch_uid="portal-nav-delete")

        from portal.signals import connect_signals

        connect_signals()  # pages, moderated snippets (funders too) and editors' taxonomies and catalogue
