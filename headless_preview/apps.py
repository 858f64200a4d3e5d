from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeadlessPreviewConfig(AppConfig):
    name = "headless_preview"
    verbose_name = _("Preview for partner sites")
