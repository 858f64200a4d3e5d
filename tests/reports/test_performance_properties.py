"""The inputs-weighted SROI ratio of an organisation (reports.performance): pure maths, property-tested."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from reports.performance import impact_performance, weighted_sroi_ratio

amounts = st.decimals(min_value=Decimal("1"), max_value=Decimal("1e9"), places=2)
ratios = st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=4)
reports = st.lists(st.tuples(amounts, ratios), min_size=1, max_size=30)
TOLERANCE = Decimal("0.0001")


def sums(rows):
    inputs = sum((amount for amount, _ratio in rows), Decimal(0))
    present_value = sum((amount * ratio for amount, ratio in rows), Decimal(0))
    return inputs, present_value


@given(reports)
def test_weighted_ratio_lies_between_the_lowest_and_highest_ratio(rows):
    inputs, present_value = sums(rows)
    weighted = weighted_sroi_ratio(inputs, present_value)
    lowest, highest = min(r for _a, r in rows), max(r for _a, r in rows)
    assert lowest - TOLERANCE <= weighted <= highest + TOLERANCE


@given(reports, st.integers(min_value=2, max_value=1000))
def test_scaling_every_investment_alike_changes_nothing(rows, factor):
    scaled = [(amount * factor, ratio) for amount, ratio in rows]
    assert weighted_sroi_ratio(*sums(rows)) == weighted_sroi_ratio(*sums(scaled))


@given(amounts, ratios)
def test_one_report_gives_its_own_ratio(amount, ratio):
    assert abs(weighted_sroi_ratio(amount, amount * ratio) - ratio) <= TOLERANCE


@given(reports)
def test_weighted_by_inputs_not_a_plain_mean(rows):
    inputs, present_value = sums(rows)
    expected = sum((amount / inputs * ratio for amount, ratio in rows), Decimal(0))
    assert abs(weighted_sroi_ratio(inputs, present_value) - expected) <= TOLERANCE


def test_no_investment_has_no_ratio_and_totals_are_rounded():
    assert weighted_sroi_ratio(Decimal(0), Decimal(5)) is None
    assert weighted_sroi_ratio(None, None) is None
    empty = impact_performance(report_count=0, reports_with_results=0, total_inputs=None, total_present_value=None)
    assert (empty.total_inputs, empty.total_present_value, empty.weighted_ratio) == (0, 0, None)
    some = impact_performance(
        report_count=3,
        reports_with_results=2,
        total_inputs=Decimal("400000.004"),
        total_present_value=Decimal("600000"),
    )
    assert (some.total_inputs, some.weighted_ratio) == (Decimal("400000.00"), Decimal("1.5000"))
