from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicCacheGeneration(models.Model):
    """One row (pk 1) whose value is part of every public cache key (``visibility.version``).

    It moves on only when the shared cache could not be told that public content changed (Redis unreachable):
    entries stored before such a change, still in Redis when it answers again, are then never served.
    """

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        db_table = "portal_publiccachegeneration"  # moved from portal (#20): the table kept its name
        verbose_name = _("public cache generation")
        verbose_name_plural = _("public cache generations")

    def __str__(self) -> str:
        return str(self.value)
