from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactDataConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "impact_data"
    verbose_name = _("Impact Data")
