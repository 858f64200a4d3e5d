"""Moderation models: staff-maintained closure days (and, below, deletion records and workflow tasks).

Reads live in ``moderation/selectors.py``.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClosureDay(models.Model):
    """A day the office is closed (beyond weekends and Thai public holidays): no SLA clock runs."""

    date = models.DateField(_("date"), unique=True)
    reason = models.CharField(_("reason"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.reason}"

    @classmethod
    def closure_dates(cls, start: date | None = None) -> frozenset[date]:
        """All closure dates (on or after ``start`` if given), ready for ``moderation.sla``."""
        queryset = cls.objects.all()
        if start is not None:
            queryset = queryset.filter(date__gte=start)
        return frozenset(queryset.values_list("date", flat=True))


from moderation.workflow_models import ModerationTask  # noqa: E402  (a model: Django must import it with the app)

__all__ = ["ClosureDay", "ModerationTask"]
