from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisibilityConfig(AppConfig):
    """What the public may see, and the one signal that says it changed (caches, search, navigation listen)."""

    name = "visibility"
    verbose_name = _("Public visibility")
