"""Sensitivity analysis: break-even value and a -20 % / +20 % swing for every estimate of every outcome.

Each row is recomputed from one outcome only. The other outcomes' present value stays fixed, and one
outcome's present value factorises as

    quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution) × G(1 − drop_off)

where G(y) = Σₖ discount_factor(start_year + k) × yᵏ over the outcome's years. So the ratio is linear
in the first five factors (break-even solved directly) and strictly monotone in drop-off (solved
numerically inside a bracket).

These functions expect to run inside ``calculate()``'s high-precision decimal context.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Context, Decimal
from typing import TYPE_CHECKING

from reports.sroi_validation import MAX_DECIMAL_PLACES, MAX_SIGNIFICANT_DIGITS

if TYPE_CHECKING:
    from reports.sroi import Outcome

ZERO = Decimal(0)
ONE = Decimal(1)
HALF = Decimal("0.5")
SWING_DOWN = Decimal("0.8")
SWING_UP = Decimal("1.2")
SOLVER_TOLERANCE = Decimal("1e-36")
MAX_SOLVER_STEPS = 400
FRACTION_ESTIMATES = ("deadweight", "attribution", "displacement", "drop_off")
ESTIMATES = (*FRACTION_ESTIMATES, "financial_proxy", "quantity")
LINEAR_ESTIMATES = ("quantity", "financial_proxy", "deadweight", "displacement", "attribution")
TERM_ORDER = (*LINEAR_ESTIMATES, "drop_off")  # drop-off's term is G(1 − drop_off)
# Break-even values are rounded to what validation accepts, so they can be entered as inputs.
BREAK_EVEN_PLACES = Decimal(1).scaleb(-MAX_DECIMAL_PLACES)
BREAK_EVEN_CONTEXT = Context(prec=MAX_SIGNIFICANT_DIGITS)


@dataclass(frozen=True, slots=True)
class SensitivityRow:
    outcome_index: int
    outcome_name: str
    estimate: str
    current_value: Decimal
    break_even_value: Decimal | None
    ratio_minus_20: Decimal
    ratio_plus_20: Decimal


def sensitivity_rows(
    outcomes: Sequence[Outcome],
    outcome_discount_factors: Sequence[Sequence[Decimal]],
    outcome_present_values: Sequence[Decimal],
    total_present_value: Decimal,
    total_inputs: Decimal,
) -> list[SensitivityRow]:
    """One row per (outcome, estimate); ``outcome_discount_factors[i]`` covers outcome i's own years."""
    rows = []
    for index, outcome in enumerate(outcomes):
        model = _OutcomeModel(outcome, outcome_discount_factors[index], outcome_present_values[index])
        others = total_present_value - outcome_present_values[index]
        needed = total_inputs - others  # the present value this outcome alone must reach for ratio 1
        for estimate in ESTIMATES:
            present_value_down, present_value_up = model.swung_present_values(estimate)
            rows.append(
                SensitivityRow(
                    index,
                    outcome.name,
                    estimate,
                    model.values[estimate],
                    model.break_even(estimate, needed),
                    (others + present_value_down) / total_inputs,
                    (others + present_value_up) / total_inputs,
                )
            )
    return rows


def _factor(estimate: str, value: Decimal) -> Decimal:
    """The estimate's term in the present value; its own inverse, which break_even relies on."""
    return ONE - value if estimate in FRACTION_ESTIMATES else value


class _OutcomeModel:
    """One outcome's present value as a function of a single estimate, the others held fixed."""

    def __init__(self, outcome: Outcome, discount_factors: Sequence[Decimal], present_value: Decimal):
        self.values = {estimate: getattr(outcome, estimate) for estimate in ESTIMATES}
        self.current_present_value = present_value
        self.discount_factors = discount_factors
        terms = [_factor(estimate, self.values[estimate]) for estimate in LINEAR_ESTIMATES]
        terms.append(growth(discount_factors, ONE - self.values["drop_off"]))
        # Coefficient of a term = product of all the other terms. Prefix and suffix products instead of
        # dividing the full product, because a term can be zero (e.g. deadweight 1).
        prefix = [ONE]
        for term in terms[:-1]:
            prefix.append(prefix[-1] * term)
        coefficients = {}
        suffix = ONE
        for position in range(len(terms) - 1, -1, -1):
            coefficients[TERM_ORDER[position]] = prefix[position] * suffix
            suffix *= terms[position]
        self.coefficients = coefficients

    def swung_present_values(self, estimate: str) -> tuple[Decimal, Decimal]:
        """Present value with the estimate × 0.8 and × 1.2 (shares capped at 1)."""
        coefficient = self.coefficients[estimate]
        down = self.values[estimate] * SWING_DOWN
        up = self.values[estimate] * SWING_UP
        if estimate not in FRACTION_ESTIMATES:
            return coefficient * down, coefficient * up
        up = min(up, ONE)
        if estimate == "drop_off":
            return (
                coefficient * growth(self.discount_factors, ONE - down),
                coefficient * growth(self.discount_factors, ONE - up),
            )
        return coefficient * (ONE - down), coefficient * (ONE - up)

    def break_even(self, estimate: str, needed: Decimal) -> Decimal | None:
        """Value of ``estimate`` giving this outcome a present value of ``needed`` (ratio 1), or None."""
        if needed < 0:
            return None  # the other outcomes already exceed the inputs and no present value is negative
        coefficient = self.coefficients[estimate]
        if estimate == "drop_off":
            return self._drop_off_break_even(coefficient, needed)
        if coefficient == 0:
            return self._when_constant(estimate, needed)
        value = _factor(estimate, needed / coefficient)
        if value < 0 or (estimate in FRACTION_ESTIMATES and value > 1):
            return None
        return _as_input_value(value)

    def _drop_off_break_even(self, first_year_impact: Decimal, needed: Decimal) -> Decimal | None:
        if first_year_impact == 0 or len(self.discount_factors) == 1:
            return self._when_constant("drop_off", needed)
        target = needed / first_year_impact
        # G rises with retention y = 1 − drop_off, so G(0) and G(1) bound every reachable value.
        if not self.discount_factors[0] <= target <= growth(self.discount_factors, ONE):
            return None
        return _as_input_value(ONE - _solve_retention(self.discount_factors, target))

    def _when_constant(self, estimate: str, needed: Decimal) -> Decimal | None:
        # The ratio ignores this estimate: every value breaks even (keep the current one) or none does.
        return self.values[estimate] if self.current_present_value == needed else None


def growth(discount_factors: Sequence[Decimal], retention: Decimal) -> Decimal:
    """G(y) = Σₖ discount_factors[k] × yᵏ, by Horner's rule (0⁰ counts as 1)."""
    total = ZERO
    for factor in reversed(discount_factors):
        total = total * retention + factor
    return total


def _growth_and_slope(discount_factors: Sequence[Decimal], retention: Decimal) -> tuple[Decimal, Decimal]:
    total = slope = ZERO
    for factor in reversed(discount_factors):
        slope = slope * retention + total
        total = total * retention + factor
    return total, slope


def _solve_retention(discount_factors: Sequence[Decimal], target: Decimal) -> Decimal:
    """y in [0, 1] with G(y) = target; the caller guarantees G(0) ≤ target ≤ G(1).

    Bisection on the bracket [low, high] guarantees convergence because G is strictly increasing.
    A Newton step replaces the midpoint whenever it lands inside the bracket: plain halving needs
    ~120 steps to reach the tolerance, which made sensitivity several times slower than the rest.
    """
    low, high, guess = ZERO, ONE, HALF
    for _ in range(MAX_SOLVER_STEPS):
        value, slope = _growth_and_slope(discount_factors, guess)
        gap = value - target
        if gap == 0:
            return guess
        if gap < 0:
            low = guess
        else:
            high = guess
        if high - low <= SOLVER_TOLERANCE:
            return (low + high) / 2
        newton = guess - gap / slope  # slope ≥ discount_factors[1] > 0 on [0, 1]
        if low <= newton <= high and abs(newton - guess) <= SOLVER_TOLERANCE:
            return newton
        guess = newton if low < newton < high else (low + high) / 2
    return guess


def _as_input_value(value: Decimal) -> Decimal:
    """Round to at most 30 significant digits and 30 decimal places, without trailing zeros."""
    rounded = BREAK_EVEN_CONTEXT.plus(value)
    if rounded.as_tuple().exponent < -MAX_DECIMAL_PLACES:
        rounded = rounded.quantize(BREAK_EVEN_PLACES)
    if rounded == rounded.to_integral_value():
        return rounded.quantize(ONE)
    return rounded.normalize(BREAK_EVEN_CONTEXT)
