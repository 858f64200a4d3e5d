"""Read-only queries for the moderation app."""

from __future__ import annotations

from datetime import date

from moderation.models import ClosureDay


def closure_dates(start: date | None = None) -> frozenset[date]:
    """Staff-entered closure days (on or after ``start`` when given), ready for ``moderation.sla``."""
    return ClosureDay.closure_dates(start)
