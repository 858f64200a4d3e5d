"""Property-based checks of the SROI engine: monotonicity, discounting conventions and identities."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from reports.sroi import Calculation, InputItem, Outcome, calculate, to_decimal

FRACTION_ESTIMATES = ("deadweight", "displacement", "attribution", "drop_off")
AMOUNT_ESTIMATES = ("quantity", "financial_proxy")
RELATIVE_TOLERANCE = Fraction(1, 10**30)

shares = st.decimals(min_value=0, max_value=1, places=3)
outcomes = st.builds(
    Outcome,
    name=st.text(min_size=1, max_size=5).filter(str.strip),
    quantity=st.integers(min_value=0, max_value=10_000),
    financial_proxy=st.decimals(min_value=0, max_value=10_000, places=2),
    deadweight=shares,
    displacement=shares,
    attribution=shares,
    drop_off=shares,
    start_year=st.integers(min_value=1, max_value=5),
    duration_years=st.integers(min_value=1, max_value=10),
)
amounts = st.decimals(min_value=1, max_value=10**6, places=2)
inputs = st.builds(InputItem, description=st.just("Input"), amount=amounts)
calculations = st.builds(
    Calculation,
    inputs=st.lists(inputs, min_size=1, max_size=3),
    outcomes=st.lists(outcomes, min_size=1, max_size=4),
    discount_rate=st.decimals(min_value=0, max_value=Decimal("0.2"), places=3),
    discount_first_year=st.booleans(),
)


def sroi_ratio(calc: Calculation) -> Decimal:
    return calculate(calc, with_sensitivity=False).sroi_ratio


def with_estimate(calc: Calculation, index: int, estimate: str, value) -> Calculation:
    changed = list(calc.outcomes)
    changed[index] = dataclasses.replace(changed[index], **{estimate: value})
    return dataclasses.replace(calc, outcomes=changed)


def relatively_close(value: Decimal, expected: Fraction) -> bool:
    return abs(Fraction(value) - expected) <= RELATIVE_TOLERANCE * max(1, abs(expected))


@settings(deadline=None)
@given(calculations, st.data())
def test_ratio_never_rises_when_a_share_rises(calc, data):
    index = data.draw(st.integers(min_value=0, max_value=len(calc.outcomes) - 1))
    estimate = data.draw(st.sampled_from(FRACTION_ESTIMATES))
    current = Decimal(getattr(calc.outcomes[index], estimate))
    higher = data.draw(st.decimals(min_value=current, max_value=1, places=4))
    assert sroi_ratio(with_estimate(calc, index, estimate, higher)) <= sroi_ratio(calc)


@settings(deadline=None)
@given(calculations, st.data())
def test_ratio_never_falls_when_quantity_or_proxy_rises(calc, data):
    index = data.draw(st.integers(min_value=0, max_value=len(calc.outcomes) - 1))
    estimate = data.draw(st.sampled_from(AMOUNT_ESTIMATES))
    current = Decimal(getattr(calc.outcomes[index], estimate))
    increase = data.draw(st.decimals(min_value=0, max_value=10_000, places=2))
    assert sroi_ratio(with_estimate(calc, index, estimate, current + increase)) >= sroi_ratio(calc)


@settings(deadline=None)
@given(calculations)
def test_zero_rate_present_value_is_plain_sum_of_yearly_values(calc):
    result = calculate(dataclasses.replace(calc, discount_rate=0), with_sensitivity=False)
    assert relatively_close(result.present_value, sum(Fraction(year.value) for year in result.years))
    assert all(year.present_value == year.value for year in result.years)


@settings(deadline=None)
@given(calculations)
def test_conventions_differ_by_one_plus_rate(calc):
    guide = calculate(dataclasses.replace(calc, discount_first_year=True), with_sensitivity=False)
    undiscounted_first = dataclasses.replace(calc, discount_first_year=False)
    first_year_undiscounted = calculate(undiscounted_first, with_sensitivity=False)
    expected = Fraction(guide.present_value) * (1 + Fraction(calc.discount_rate))
    assert relatively_close(first_year_undiscounted.present_value, expected)


@settings(deadline=None)
@given(calculations)
def test_identities_between_headline_figures(calc):
    result = calculate(calc, with_sensitivity=False)
    present_value = Fraction(result.present_value)
    total_inputs = Fraction(result.total_inputs)
    assert total_inputs == sum(Fraction(item.amount) for item in calc.inputs)
    assert relatively_close(result.net_present_value, present_value - total_inputs)
    assert relatively_close(result.present_value, Fraction(result.sroi_ratio) * total_inputs)
    assert relatively_close(result.net_present_value, Fraction(result.net_sroi_ratio) * total_inputs)
    outcomes_total = sum(Fraction(outcome.present_value) for outcome in result.outcomes)
    assert relatively_close(result.present_value, outcomes_total)
    if result.payback_months is not None:
        assert relatively_close(
            result.total_inputs * 12, Fraction(result.payback_months) * Fraction(result.years[0].value)
        )


@settings(deadline=None, max_examples=60)
@given(calculations, st.decimals(min_value=Decimal("0.5"), max_value=2, places=2))
def test_every_break_even_value_recomputes_to_ratio_one(calc, target_ratio):
    # Inputs near the present value, so most estimates have a break-even value in range.
    present_value = calculate(calc, with_sensitivity=False).present_value
    assume(present_value >= 1)
    inputs = (present_value / target_ratio).quantize(Decimal("0.01"))
    calc = dataclasses.replace(calc, inputs=[InputItem("Near break-even", inputs)])
    result = calculate(calc)
    assert len(result.sensitivity) == 6 * len(calc.outcomes)
    for row in result.sensitivity:
        if row.break_even_value is not None:
            at_break_even = with_estimate(calc, row.outcome_index, row.estimate, row.break_even_value)
            recomputed = sroi_ratio(at_break_even)
            assert abs(recomputed - 1) < Decimal("1e-20"), row
            event(f"break-even found for {row.estimate}")


@settings(deadline=None)
@given(calculations)
def test_swings_move_the_ratio_in_the_expected_direction(calc):
    result = calculate(calc)
    for row in result.sensitivity:
        if row.estimate in AMOUNT_ESTIMATES:
            assert row.ratio_minus_20 <= row.ratio_plus_20, row
        else:
            assert row.ratio_minus_20 >= row.ratio_plus_20, row


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=3).map(float))
def test_floats_convert_through_their_shortest_repr(value):
    converted = to_decimal(value, "x")
    assert converted == Decimal(repr(value))
    assert float(converted) == value
