"""Social Return on Investment (SROI) calculation: pure Python, standard library, Decimal throughout.

Method (SROI Guide):

* an outcome's impact in its first year is
  quantity × financial_proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution);
  each later year is the previous year × (1 − drop_off). It starts in ``start_year`` (1 = first
  year) and lasts ``duration_years``.
* yearly totals are discounted at ``discount_rate``: value_t / (1 + r)^t when
  ``discount_first_year`` (the Guide's convention, default), otherwise value_t / (1 + r)^(t − 1).
* NPV = PV − inputs; SROI ratio = PV / inputs; net ratio = NPV / inputs;
  payback (months) = inputs / (year-1 impact / 12), None when year 1 has no impact.

Everything is computed with 40 significant digits; only ``money``, ``ratio`` and ``months`` round.
Percentages (deadweight, displacement, attribution, drop-off, discount rate) are fractions: 0.25 = 25 %.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)

from reports.sroi_sensitivity import SensitivityRow, sensitivity_rows
from reports.sroi_validation import (
    MAX_YEARS,
    MESSAGES,
    NON_FIELD,
    FieldErrors,
    SroiValidationError,
    to_decimal,
)

__all__ = [
    "MESSAGES",
    "Calculation",
    "InputItem",
    "Outcome",
    "OutcomeResult",
    "SensitivityRow",
    "SroiResult",
    "SroiValidationError",
    "YearResult",
    "build_calculation",
    "calculate",
    "money",
    "months",
    "ratio",
    "to_decimal",
    "validate",
]

WORKING_PRECISION = 40
# A fresh context, so a caller's decimal settings (precision, extra traps) never leak in.
WORKING_CONTEXT = Context(
    prec=WORKING_PRECISION, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow]
)
ZERO = Decimal(0)
ONE = Decimal(1)
MONTHS_PER_YEAR = Decimal(12)

NumberLike = Decimal | int | float | str


@dataclass
class InputItem:
    description: str
    amount: NumberLike


@dataclass
class Outcome:
    name: str
    quantity: NumberLike
    financial_proxy: NumberLike
    deadweight: NumberLike = 0
    displacement: NumberLike = 0
    attribution: NumberLike = 0
    drop_off: NumberLike = 0
    start_year: int = 1
    duration_years: int = 1


@dataclass
class Calculation:
    inputs: list[InputItem]
    outcomes: list[Outcome]
    discount_rate: NumberLike
    discount_first_year: bool = True


@dataclass(frozen=True, slots=True)
class YearResult:
    year: int
    value: Decimal
    present_value: Decimal


@dataclass(frozen=True, slots=True)
class OutcomeResult:
    name: str
    impact_year_1: Decimal
    """Impact in the outcome's own first year (``start_year``), before drop-off and discounting."""
    yearly_values: list[Decimal]
    """Aligned with ``SroiResult.years``: index 0 is year 1, zero outside the outcome's years."""
    present_value: Decimal


@dataclass(frozen=True, slots=True)
class SroiResult:
    total_inputs: Decimal
    present_value: Decimal
    net_present_value: Decimal
    sroi_ratio: Decimal
    net_sroi_ratio: Decimal
    payback_months: Decimal | None
    years: list[YearResult]
    outcomes: list[OutcomeResult]
    sensitivity: list[SensitivityRow]


def calculate(calc: Calculation, *, with_sensitivity: bool = True) -> SroiResult:
    """Validate ``calc`` (raising SroiValidationError) and compute the full SROI result."""
    clean = validate(calc)
    with localcontext(WORKING_CONTEXT):
        return _calculate_valid(clean, with_sensitivity)


def _calculate_valid(calc: Calculation, with_sensitivity: bool) -> SroiResult:
    total_inputs = sum((item.amount for item in calc.inputs), ZERO)
    last_years = (outcome.start_year + outcome.duration_years - 1 for outcome in calc.outcomes)
    year_count = max(last_years, default=0)
    factors = _discount_factors(calc.discount_rate, year_count, calc.discount_first_year)

    yearly_totals = [ZERO] * year_count
    outcome_results = []
    outcome_factors = []
    for outcome in calc.outcomes:
        first = outcome.start_year - 1
        own_factors = factors[first : first + outcome.duration_years]
        yearly_values = [ZERO] * year_count
        impact = _first_year_impact(outcome)
        retention = ONE - outcome.drop_off
        present_value = ZERO
        value = impact
        for offset, factor in enumerate(own_factors):
            yearly_values[first + offset] = value
            yearly_totals[first + offset] += value
            present_value += value * factor
            value *= retention
        outcome_results.append(OutcomeResult(outcome.name, impact, yearly_values, present_value))
        outcome_factors.append(own_factors)

    years = [
        YearResult(year=index + 1, value=value, present_value=value * factors[index])
        for index, value in enumerate(yearly_totals)
    ]
    present_value = sum((year.present_value for year in years), ZERO)
    net_present_value = present_value - total_inputs
    first_year_total = yearly_totals[0] if yearly_totals else ZERO
    sensitivity = []
    if with_sensitivity:
        sensitivity = sensitivity_rows(
            calc.outcomes,
            outcome_factors,
            [result.present_value for result in outcome_results],
            present_value,
            total_inputs,
        )
    return SroiResult(
        total_inputs=total_inputs,
        present_value=present_value,
        net_present_value=net_present_value,
        sroi_ratio=present_value / total_inputs,
        net_sroi_ratio=net_present_value / total_inputs,
        payback_months=(total_inputs / (first_year_total / MONTHS_PER_YEAR) if first_year_total else None),
        years=years,
        outcomes=outcome_results,
        sensitivity=sensitivity,
    )


def _first_year_impact(outcome: Outcome) -> Decimal:
    return (
        outcome.quantity
        * outcome.financial_proxy
        * (ONE - outcome.deadweight)
        * (ONE - outcome.displacement)
        * (ONE - outcome.attribution)
    )


def _discount_factors(rate: Decimal, year_count: int, discount_first_year: bool) -> list[Decimal]:
    """Multipliers 1 / (1 + r)^t (or ^(t − 1)) for years 1 … year_count."""
    growth = ONE + rate
    first_exponent = 1 if discount_first_year else 0
    return [ONE / growth ** (first_exponent + index) for index in range(year_count)]


# --- Rounding for display and storage ------------------------------------------------------------


def money(value: Decimal | None) -> Decimal | None:
    """Round to 0.01, halves up (None passes through)."""
    return _round(value, places=2)


def ratio(value: Decimal | None) -> Decimal | None:
    """Round to 0.0001, halves up (None passes through)."""
    return _round(value, places=4)


def months(value: Decimal | None) -> Decimal | None:
    """Round to 0.01, halves up (None passes through)."""
    return _round(value, places=2)


def _round(value: Decimal | None, *, places: int) -> Decimal | None:
    if value is None:
        return None
    # quantize() fails when the result needs more digits than the context allows, so make room.
    digits_needed = max(value.adjusted(), 0) + 1 + places + 1
    context = Context(prec=max(WORKING_PRECISION, digits_needed), rounding=ROUND_HALF_UP)
    return value.quantize(ONE.scaleb(-places), context=context)


# --- Validation and building from JSON-like data ---------------------------------------------------

OUTCOME_FIELDS = (
    "name",
    "quantity",
    "financial_proxy",
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
    "start_year",
    "duration_years",
)
INPUT_FIELDS = ("description", "amount")
# Only these may be left out of the dict given to build_calculation(); the rest are required.
DICT_DEFAULTS: dict[str, object] = {
    "description": "",
    "start_year": 1,
    "displacement": 0,
    "drop_off": 0,
    "discount_first_year": True,
}


def validate(calc: Calculation) -> Calculation:
    """Check every field; return a copy holding Decimals and ints, or raise SroiValidationError.

    The error lists every problem at once, keyed by paths such as "inputs[0].amount",
    "outcomes[2].deadweight" or "discount_rate".
    """
    with localcontext(WORKING_CONTEXT):
        return _clean(calc.inputs, calc.outcomes, calc.discount_rate, calc.discount_first_year)


def build_calculation(data: Mapping[str, object]) -> Calculation:
    """Build and validate a Calculation from the JSON-like shape::

        {"inputs": [{"description", "amount"}], "discount_rate", "discount_first_year",
         "outcomes": [{"name", "quantity", "financial_proxy", "start_year", "duration_years",
                       "deadweight", "displacement", "attribution", "drop_off"}]}

    Missing (or null) description, start_year, displacement, drop_off and discount_first_year take
    their defaults ("", 1, 0, 0, True); every other field is required.
    """
    if not isinstance(data, Mapping):
        errors = FieldErrors()
        errors.add(NON_FIELD, "not_an_object")
        errors.raise_if_any()
    with localcontext(WORKING_CONTEXT):
        return _clean(
            data.get("inputs"),
            data.get("outcomes"),
            data.get("discount_rate"),
            _with_default(data, "discount_first_year"),
        )


def _with_default(fields: Mapping[str, object], name: str) -> object:
    value = fields.get(name)
    return DICT_DEFAULTS.get(name) if value is None else value


def _fields_of(item: object, names: Sequence[str]) -> Mapping[str, object] | None:
    if isinstance(item, Mapping):
        return {name: _with_default(item, name) for name in names}
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return {name: getattr(item, name, None) for name in names}
    return None


def _items(value: object, field: str, errors: FieldErrors) -> Sequence[object]:
    if value is None:
        errors.add(field, "required")
        return []
    if not isinstance(value, (list, tuple)):
        errors.add(field, "not_a_list")
        return []
    return value


def _clean(inputs: object, outcomes: object, discount_rate: object, first_year_flag: object) -> Calculation:
    errors = FieldErrors()
    clean_inputs = []
    for index, item in enumerate(_items(inputs, "inputs", errors)):
        fields = _fields_of(item, INPUT_FIELDS)
        if fields is None:
            errors.add(f"inputs[{index}]", "not_an_object")
            continue
        description = errors.text(fields["description"], f"inputs[{index}].description", required=False)
        amount = errors.non_negative(fields["amount"], f"inputs[{index}].amount")
        if description is not None and amount is not None:
            clean_inputs.append(InputItem(description, amount))
    if not errors and sum((item.amount for item in clean_inputs), ZERO) <= 0:
        errors.add("inputs", "inputs_total_not_positive")

    clean_outcomes = []
    for index, item in enumerate(_items(outcomes, "outcomes", errors)):
        fields = _fields_of(item, OUTCOME_FIELDS)
        if fields is None:
            errors.add(f"outcomes[{index}]", "not_an_object")
            continue
        outcome = _clean_outcome(fields, f"outcomes[{index}]", errors)
        if outcome is not None:
            clean_outcomes.append(outcome)

    rate = errors.number(discount_rate, "discount_rate")
    if rate is not None and not 0 <= rate < 1:
        errors.add("discount_rate", "discount_rate_out_of_range")
    first_year_discounted = errors.boolean(first_year_flag, "discount_first_year")
    errors.raise_if_any()
    assert rate is not None and first_year_discounted is not None
    return Calculation(clean_inputs, clean_outcomes, rate, first_year_discounted)


def _clean_outcome(fields: Mapping[str, object], path: str, errors: FieldErrors) -> Outcome | None:
    problems_before = len(errors.errors)
    name = errors.text(fields["name"], f"{path}.name", required=True)
    quantity = errors.non_negative(fields["quantity"], f"{path}.quantity")
    proxy = errors.non_negative(fields["financial_proxy"], f"{path}.financial_proxy")
    shares = {
        estimate: errors.fraction(fields[estimate], f"{path}.{estimate}")
        for estimate in ("deadweight", "displacement", "attribution", "drop_off")
    }
    start_year = errors.year_number(fields["start_year"], f"{path}.start_year", "start_year_too_small")
    duration = errors.year_number(fields["duration_years"], f"{path}.duration_years", "duration_too_small")
    if start_year is not None and duration is not None and start_year + duration - 1 > MAX_YEARS:
        errors.add(f"{path}.duration_years", "too_many_years")
    if len(errors.errors) != problems_before:
        return None
    return Outcome(name, quantity, proxy, start_year=start_year, duration_years=duration, **shares)
