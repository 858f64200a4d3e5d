"""An organisation's Impact Performance from the sums of its approved reports. Pure Python, no Django.

The inputs-weighted SROI ratio is Σ present value / Σ inputs over the reports that have results: each
report counts in proportion to what was invested in it, so a small pilot with a high ratio does not
outweigh a large programme. It always lies between the lowest and the highest ratio of those reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

RATIO_PLACES = Decimal("0.0001")
MONEY_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class ImpactPerformance:
    report_count: int
    reports_with_results: int
    total_inputs: Decimal
    total_present_value: Decimal
    weighted_ratio: Decimal | None
    sdg_goals: tuple = field(default=())


def weighted_sroi_ratio(total_inputs: Decimal | None, total_present_value: Decimal | None) -> Decimal | None:
    """Σ present value / Σ inputs to 4 places; None when nothing was invested (no ratio can be stated)."""
    if total_inputs is None or total_present_value is None or Decimal(total_inputs) <= 0:
        return None
    return (Decimal(total_present_value) / Decimal(total_inputs)).quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)


def impact_performance(
    *,
    report_count: int,
    reports_with_results: int,
    total_inputs: Decimal | None,
    total_present_value: Decimal | None,
    sdg_goals: tuple = (),
) -> ImpactPerformance:
    """Assemble the figures the database summed into what the page shows (money to the satang)."""
    inputs = Decimal(total_inputs or 0).quantize(MONEY_PLACES, rounding=ROUND_HALF_UP)
    present_value = Decimal(total_present_value or 0).quantize(MONEY_PLACES, rounding=ROUND_HALF_UP)
    return ImpactPerformance(
        report_count=report_count,
        reports_with_results=reports_with_results,
        total_inputs=inputs,
        total_present_value=present_value,
        weighted_ratio=weighted_sroi_ratio(total_inputs, total_present_value) if reports_with_results else None,
        sdg_goals=tuple(sdg_goals),
    )
