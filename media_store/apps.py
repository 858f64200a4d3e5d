from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaStoreConfig(AppConfig):
    """Where files live; its topology checks (checks.py) are registered by core's app config."""

    name = "media_store"
    verbose_name = _("File storage")
