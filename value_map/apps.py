from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValueMapConfig(AppConfig):
    """The SROI Value Map workbook (.xlsx): reading an upload, writing the template and a report's value map."""

    name = "value_map"
    verbose_name = _("SROI Value Map workbooks")
