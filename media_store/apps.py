from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaStoreConfig(AppConfig):
    name = "media_store"
    verbose_name = _("File storage")

    def ready(self):
        from media_store import checks  # noqa: F401  (registers the topology checks)
