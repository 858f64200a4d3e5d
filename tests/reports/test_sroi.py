"""Hand-computed checks of the SROI engine (reports.sroi), its sensitivity analysis and validation."""

from __future__ import annotations

import dataclasses
from decimal import Context, Decimal, getcontext, localcontext
from fractions import Fraction

import pytest

from reports.sroi import (
    MESSAGES,
    Calculation,
    InputItem,
    Outcome,
    SroiValidationError,
    build_calculation,
    calculate,
    money,
    months,
    ratio,
    to_decimal,
    validate,
)

D = Decimal
EXACT = Fraction(1, 10**30)  # the engine keeps 40 significant digits; results must match to ~1e-30


def close_to(value: Decimal, expected: Fraction | int, tolerance: Fraction = EXACT) -> bool:
    return abs(Fraction(value) - Fraction(expected)) <= tolerance


def employment_case(**calculation_changes) -> Calculation:
    """The SROI Guide style example: 60 people into jobs worth £8,500 each, over two years."""
    outcome = Outcome(
        "Jobs",
        quantity=60,
        financial_proxy=8500,
        deadweight=D("0.4"),
        attribution=D("0.3"),
        drop_off=D("0.3"),
        duration_years=2,
    )
    calc = Calculation([InputItem("Grant", D(100000))], [outcome], discount_rate=D("0.035"))
    return dataclasses.replace(calc, **calculation_changes)


def two_outcome_case(**calculation_changes) -> Calculation:
    # A: 10 × 1000 × 0.8 × 0.9 × 0.75 = 5400 (year 1), × 0.5 → 2700 (year 2), × 0.5 → 1350 (year 3)
    # B: 5 × 2000 = 10000 from year 3, × 0.9 → 9000 (year 4)
    # Totals: year 1 5400, year 2 2700, year 3 11350, year 4 9000
    outcomes = [
        Outcome(
            "A",
            10,
            1000,
            deadweight="0.2",
            displacement="0.1",
            attribution="0.25",
            drop_off="0.5",
            duration_years=3,
        ),
        Outcome("B", 5, 2000, drop_off="0.1", start_year=3, duration_years=2),
    ]
    inputs = [InputItem("Staff", 15000), InputItem("Venue", "5000")]
    calc = Calculation(inputs, outcomes, discount_rate=D("0.1"))
    return dataclasses.replace(calc, **calculation_changes)


# --- Calculation -------------------------------------------------------------------------------------


def test_guide_example_with_first_year_discounted():
    result = calculate(employment_case())
    # Year 1: 60 × 8500 = 510000; × (1 − 0.4) = 306000; × (1 − 0.3) = 214200
    # Year 2: 214200 × (1 − 0.3) = 149940
    assert [year.value for year in result.years] == [214200, 149940]
    # PV = 214200 / 1.035 + 149940 / 1.035² = 206956.5217… + 139970.5944… = 346927.1161…
    expected_pv = Fraction(214200) / Fraction("1.035") + Fraction(149940) / Fraction("1.035") ** 2
    assert close_to(result.present_value, expected_pv)
    assert close_to(result.years[0].present_value, Fraction(214200) / Fraction("1.035"))
    assert money(result.present_value) == D("346927.12")
    assert money(result.net_present_value) == D("246927.12")  # 346927.12 − 100000
    assert ratio(result.sroi_ratio) == D("3.4693")  # 346927.1161… / 100000
    assert ratio(result.net_sroi_ratio) == D("2.4693")
    # Payback: 100000 / (214200 / 12) = 100000 / 17850 = 5.6022… months
    assert close_to(result.payback_months, Fraction(100000 * 12, 214200))
    assert months(result.payback_months) == D("5.60")
    assert result.total_inputs == 100000


def test_guide_example_with_first_year_undiscounted():
    result = calculate(employment_case(discount_first_year=False))
    # PV = 214200 + 149940 / 1.035 = 214200 + 144869.5652… = 359069.5652…
    assert close_to(result.present_value, Fraction(214200) + Fraction(149940) / Fraction("1.035"))
    assert result.years[0].present_value == 214200
    assert money(result.present_value) == D("359069.57")
    assert ratio(result.sroi_ratio) == D("3.5907")


def test_per_outcome_results():
    result = calculate(employment_case())
    [jobs] = result.outcomes
    assert jobs.name == "Jobs"
    assert jobs.impact_year_1 == 214200
    assert jobs.yearly_values == [214200, 149940]
    assert jobs.present_value == result.present_value


def test_later_start_year_and_several_outcomes():
    result = calculate(two_outcome_case())
    assert [year.year for year in result.years] == [1, 2, 3, 4]
    assert [year.value for year in result.years] == [5400, 2700, 11350, 9000]
    # PV at 10 %: 5400/1.1 + 2700/1.21 + 11350/1.331 + 9000/1.4641
    #           = 4909.0909 + 2231.4050 + 8527.4230 + 6147.1211 = 21815.0400
    rate = Fraction("1.1")
    yearly = [5400, 2700, 11350, 9000]
    expected_pv = sum(Fraction(value) / rate**year for year, value in enumerate(yearly, start=1))
    assert close_to(result.present_value, expected_pv)
    assert money(result.present_value) == D("21815.04")
    assert result.total_inputs == 20000  # 15000 + 5000
    assert ratio(result.sroi_ratio) == D("1.0908")  # 21815.04 / 20000
    # Payback uses year 1 only: 20000 / (5400 / 12) = 20000 / 450 = 44.44 months
    assert months(result.payback_months) == D("44.44")

    outcome_a, outcome_b = result.outcomes
    assert outcome_a.yearly_values == [5400, 2700, 1350, 0]
    assert outcome_b.impact_year_1 == 10000  # its own first year is year 3
    assert outcome_b.yearly_values == [0, 0, 10000, 9000]
    # 10000 / 1.331 + 9000 / 1.4641 = 7513.1480 + 6147.1211
    assert close_to(outcome_b.present_value, Fraction(10000) / rate**3 + Fraction(9000) / rate**4)
    outcomes_total = Fraction(outcome_a.present_value) + Fraction(outcome_b.present_value)
    assert close_to(result.present_value, outcomes_total)


def test_later_start_year_undiscounted_first_year():
    result = calculate(two_outcome_case(discount_first_year=False))
    # 5400 + 2700/1.1 + 11350/1.21 + 9000/1.331 = 5400 + 2454.5455 + 9380.1653 + 6761.8332 = 23996.5440
    assert money(result.present_value) == D("23996.54")


def test_payback_is_none_when_nothing_happens_in_year_one():
    calc = two_outcome_case()
    calc = dataclasses.replace(calc, outcomes=[calc.outcomes[1]])
    result = calculate(calc)
    assert result.payback_months is None
    assert months(result.payback_months) is None
    assert [year.value for year in result.years] == [0, 0, 10000, 9000]


def test_zero_outcomes_give_zero_value():
    result = calculate(Calculation([InputItem("Grant", 500)], [], discount_rate="0.035"))
    assert result.present_value == 0
    assert result.net_present_value == -500
    assert result.sroi_ratio == 0
    assert result.net_sroi_ratio == -1
    assert result.payback_months is None
    assert result.years == [] and result.outcomes == [] and result.sensitivity == []


def test_zero_rate_present_value_is_plain_sum():
    result = calculate(two_outcome_case(discount_rate=0))
    assert result.present_value == 5400 + 2700 + 11350 + 9000


def test_drop_off_of_one_leaves_only_first_year():
    outcome = Outcome("Short", 1, 100, drop_off=1, duration_years=3)
    result = calculate(Calculation([InputItem("x", 100)], [outcome], discount_rate=0))
    assert [year.value for year in result.years] == [100, 0, 0]


def test_calculation_ignores_callers_decimal_context():
    with localcontext() as context:
        context.prec = 5
        result = calculate(employment_case())
    assert close_to(
        result.present_value, Fraction(214200) / Fraction("1.035") + Fraction(149940) / Fraction("1.035") ** 2
    )
    assert getcontext().prec == 28


def test_without_sensitivity_skips_rows():
    assert calculate(employment_case(), with_sensitivity=False).sensitivity == []


# --- Rounding helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("helper", "value", "expected"),
    [
        (money, D("2.345"), D("2.35")),  # halves go up, not to even
        (money, D("-2.345"), D("-2.35")),
        (money, D("2.3449999"), D("2.34")),
        (ratio, D("3.46925"), D("3.4693")),
        (ratio, D("0.00004"), D("0.0000")),
        (months, D("5.6022408963585434"), D("5.60")),
        (money, D("123456789012345678901234567890123456.785"), D("123456789012345678901234567890123456.79")),
        (ratio, D("1E+60"), D("1E+60").quantize(D("0.0001"), context=Context(prec=80))),
    ],
)
def test_rounding_helpers(helper, value, expected):
    assert helper(value) == expected
    assert helper(value).as_tuple().exponent == expected.as_tuple().exponent


# --- Sensitivity --------------------------------------------------------------------------------------


def rows_by_estimate(result, outcome_index=0):
    return {row.estimate: row for row in result.sensitivity if row.outcome_index == outcome_index}


def simple_case(inputs=100, **outcome_fields) -> Calculation:
    fields = {"quantity": 10, "financial_proxy": 20} | outcome_fields
    return Calculation([InputItem("Grant", inputs)], [Outcome("Only", **fields)], discount_rate=0)


def test_break_even_values_hand_computed():
    # PV = 10 × 20 = 200 against inputs 100: ratio 2. Ratio 1 needs PV 100, i.e. half of each factor.
    rows = rows_by_estimate(calculate(simple_case()))
    assert rows["quantity"].break_even_value == 5  # 5 × 20 = 100
    assert rows["financial_proxy"].break_even_value == 10  # 10 × 10 = 100
    assert rows["deadweight"].break_even_value == D("0.5")  # 200 × (1 − 0.5) = 100
    assert rows["attribution"].break_even_value == D("0.5")
    assert rows["displacement"].break_even_value == D("0.5")
    assert rows["drop_off"].break_even_value is None  # one year only: drop-off cannot change anything
    assert [row.estimate for row in calculate(simple_case()).sensitivity] == [
        "deadweight",
        "attribution",
        "displacement",
        "drop_off",
        "financial_proxy",
        "quantity",
    ]


def test_swings_hand_computed():
    rows = rows_by_estimate(calculate(simple_case()))
    assert rows["quantity"].ratio_minus_20 == D("1.6")  # 8 × 20 / 100
    assert rows["quantity"].ratio_plus_20 == D("2.4")  # 12 × 20 / 100
    assert rows["financial_proxy"].ratio_minus_20 == D("1.6")
    assert rows["deadweight"].ratio_minus_20 == rows["deadweight"].ratio_plus_20 == 2  # 0 × 0.8 = 0 × 1.2 = 0
    assert rows["quantity"].current_value == 10


def test_swing_clamps_shares_at_one():
    # PV = 100 × 10 × (1 − 0.9) = 100 against inputs 50: ratio 2
    calc = simple_case(inputs=50, quantity=100, financial_proxy=10, deadweight="0.9")
    rows = rows_by_estimate(calculate(calc))
    deadweight = rows["deadweight"]
    assert deadweight.ratio_minus_20 == D("5.6")  # 0.72 → 1000 × 0.28 = 280; 280 / 50
    assert deadweight.ratio_plus_20 == 0  # 1.08 clamps to 1 → no value left
    assert deadweight.break_even_value == D("0.95")  # 1000 × 0.05 = 50


def test_break_even_never_reached():
    # PV 200 against inputs 1000 (ratio 0.2): even deadweight 0 cannot reach ratio 1
    rows = rows_by_estimate(calculate(simple_case(inputs=1000)))
    assert rows["deadweight"].break_even_value is None
    assert rows["attribution"].break_even_value is None
    assert rows["quantity"].break_even_value == 50  # 50 × 20 = 1000


def test_drop_off_break_even_solved_numerically():
    # Rate 0, three years, impact 100: PV = 100 × (1 + y + y²) with y = 1 − drop_off.
    # Inputs 175 need 1 + y + y² = 1.75 → y² + y − 0.75 = 0 → y = 0.5 → drop_off = 0.5
    calc = simple_case(inputs=175, quantity=1, financial_proxy=100, duration_years=3)
    rows = rows_by_estimate(calculate(calc))
    assert abs(rows["drop_off"].break_even_value - D("0.5")) < D("1e-28")


@pytest.mark.parametrize("inputs", [400, 50])
def test_drop_off_break_even_out_of_reach(inputs):
    # PV ranges from 100 (drop-off 1) to 300 (drop-off 0): neither 400 nor 50 can be matched
    calc = simple_case(inputs=inputs, quantity=1, financial_proxy=100, duration_years=3)
    assert rows_by_estimate(calculate(calc))["drop_off"].break_even_value is None


def test_estimate_that_cannot_change_ratio_of_exactly_one_keeps_current_value():
    # A alone makes PV = inputs = 100. B has quantity 0, so its proxy has no effect: every proxy breaks even.
    calc = Calculation(
        [InputItem("Grant", 100)],
        [Outcome("A", 10, 10), Outcome("B", 0, 55, deadweight="0.2")],
        discount_rate=0,
    )
    rows = rows_by_estimate(calculate(calc), outcome_index=1)
    assert rows["financial_proxy"].break_even_value == 55
    assert rows["deadweight"].break_even_value == D("0.2")
    assert rows["quantity"].break_even_value == 0


def ratio_with(calc: Calculation, outcome_index: int, estimate: str, value) -> Decimal:
    outcomes = list(calc.outcomes)
    outcomes[outcome_index] = dataclasses.replace(outcomes[outcome_index], **{estimate: value})
    return calculate(dataclasses.replace(calc, outcomes=outcomes), with_sensitivity=False).sroi_ratio


@pytest.mark.parametrize("discount_first_year", [True, False])
@pytest.mark.parametrize("inputs", [600000, 750000, 820000])  # PV ≈ 780274: ratios 1.30, 1.04, 0.95
def test_every_break_even_value_gives_ratio_one(inputs, discount_first_year):
    outcomes = [
        Outcome("Jobs", 60, 8500, deadweight="0.4", attribution="0.3", drop_off="0.3", duration_years=4),
        Outcome(
            "Wellbeing",
            120,
            "750.5",
            deadweight="0.25",
            displacement="0.1",
            drop_off="0.15",
            duration_years=5,
        ),
        Outcome("Housing", 8, 12000, attribution="0.5", drop_off="0.6", start_year=2, duration_years=3),
    ]
    calc = Calculation([InputItem("Grant", inputs)], outcomes, D("0.035"), discount_first_year)
    result = calculate(calc)
    found = set()
    for row in result.sensitivity:
        if row.break_even_value is None:
            # "Never": the ratio stays on one side of 1 across the whole valid range
            if row.estimate in ("financial_proxy", "quantity"):
                assert ratio_with(calc, row.outcome_index, row.estimate, 0) > 1
            else:
                ends = [ratio_with(calc, row.outcome_index, row.estimate, end) for end in (0, 1)]
                assert (ends[0] > 1) == (ends[1] > 1), row
            continue
        found.add(row.estimate)
        recomputed = ratio_with(calc, row.outcome_index, row.estimate, row.break_even_value)
        assert abs(recomputed - 1) < D("1e-20"), row
    assert {"deadweight", "attribution", "drop_off", "financial_proxy", "quantity"} <= found


def test_sensitivity_swing_uses_other_outcomes_unchanged():
    calc = two_outcome_case()
    result = calculate(calc)
    rows = rows_by_estimate(result, outcome_index=1)
    # Moving B's quantity 5 → 6 scales B's PV by 1.2 and leaves A's alone
    expected = ratio_with(calc, 1, "quantity", 6)
    assert abs(rows["quantity"].ratio_plus_20 - expected) < D("1e-30")
    expected = ratio_with(calc, 0, "drop_off", D("0.4"))  # A's drop-off 0.5 × 0.8
    assert abs(rows_by_estimate(result)["drop_off"].ratio_minus_20 - expected) < D("1e-30")


# --- Validation ---------------------------------------------------------------------------------------


def errors_for(calc: Calculation) -> dict[str, list[str]]:
    with pytest.raises(SroiValidationError) as caught:
        calculate(calc)
    return caught.value.errors


def codes_for(calc: Calculation) -> dict[str, list[str]]:
    with pytest.raises(SroiValidationError) as caught:
        validate(calc)
    return caught.value.codes


def with_outcome(**changes) -> Calculation:
    calc = employment_case()
    return dataclasses.replace(calc, outcomes=[dataclasses.replace(calc.outcomes[0], **changes)])


@pytest.mark.parametrize(
    ("inputs", "field", "code"),
    [
        ([], "inputs", "inputs_total_not_positive"),
        ([InputItem("Nothing", 0)], "inputs", "inputs_total_not_positive"),
        ([InputItem("Refund", -10), InputItem("Grant", 100)], "inputs[0].amount", "negative"),
        ([InputItem("Grant", "lots")], "inputs[0].amount", "not_a_number"),
        ([InputItem("Grant", None)], "inputs[0].amount", "required"),
        ([InputItem(42, 100)], "inputs[0].description", "not_text"),
        (["100"], "inputs[0]", "not_an_object"),
        ("100", "inputs", "not_a_list"),
    ],
)
def test_bad_inputs(inputs, field, code):
    assert codes_for(employment_case(inputs=inputs)) == {field: [code]}


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"quantity": -1}, "quantity", "negative"),
        ({"financial_proxy": D("-0.01")}, "financial_proxy", "negative"),
        ({"deadweight": D("1.01")}, "deadweight", "not_a_fraction"),
        ({"deadweight": -1}, "deadweight", "not_a_fraction"),
        ({"displacement": 2}, "displacement", "not_a_fraction"),
        ({"attribution": "-0.1"}, "attribution", "not_a_fraction"),
        ({"drop_off": 1.5}, "drop_off", "not_a_fraction"),
        ({"duration_years": 0}, "duration_years", "duration_too_small"),
        ({"duration_years": -3}, "duration_years", "duration_too_small"),
        ({"start_year": 0}, "start_year", "start_year_too_small"),
        ({"start_year": D("1.5")}, "start_year", "not_a_whole_number"),
        ({"duration_years": 101}, "duration_years", "too_many_years"),
        ({"start_year": 101}, "start_year", "too_many_years"),
        ({"start_year": 60, "duration_years": 50}, "duration_years", "too_many_years"),  # ends in year 109
        ({"name": "  "}, "name", "blank_name"),
        ({"name": None}, "name", "blank_name"),
        ({"quantity": None}, "quantity", "required"),
        ({"quantity": float("nan")}, "quantity", "not_finite"),
        ({"quantity": D("NaN")}, "quantity", "not_finite"),
        ({"quantity": D("sNaN")}, "quantity", "not_finite"),
        ({"financial_proxy": float("inf")}, "financial_proxy", "not_finite"),
        ({"financial_proxy": "-Infinity"}, "financial_proxy", "not_finite"),
        ({"quantity": D("1e15") + 1}, "quantity", "too_large"),
        ({"financial_proxy": 10**16}, "financial_proxy", "too_large"),
        ({"financial_proxy": 1e300}, "financial_proxy", "too_large"),
        ({"quantity": "1.234567890123456789012345678901"}, "quantity", "too_many_digits"),  # 31 digits
        ({"quantity": "1" * 101}, "quantity", "too_many_digits"),
        ({"deadweight": D("1e-31")}, "deadweight", "too_many_decimal_places"),
        ({"quantity": "abc"}, "quantity", "not_a_number"),
        ({"quantity": "1,000"}, "quantity", "not_a_number"),
        ({"quantity": ""}, "quantity", "not_a_number"),
        ({"quantity": True}, "quantity", "not_a_number"),
        ({"quantity": [1]}, "quantity", "not_a_number"),
        ({"quantity": "1e999999999999999999999"}, "quantity", "not_a_number"),
    ],
)
def test_bad_outcome_fields(changes, field, code):
    assert codes_for(with_outcome(**changes)) == {f"outcomes[0].{field}": [code]}


@pytest.mark.parametrize(
    ("rate", "code"),
    [
        (D("-0.01"), "discount_rate_out_of_range"),
        (1, "discount_rate_out_of_range"),
        (D("1.5"), "discount_rate_out_of_range"),
        (None, "required"),
        ("NaN", "not_finite"),
        ("3.5%", "not_a_number"),
    ],
)
def test_bad_discount_rate(rate, code):
    assert codes_for(employment_case(discount_rate=rate)) == {"discount_rate": [code]}


def test_discount_first_year_must_be_boolean():
    assert codes_for(employment_case(discount_first_year="yes")) == {"discount_first_year": ["not_a_boolean"]}


def test_every_problem_is_reported_at_once_in_english():
    calc = Calculation(
        [InputItem("Grant", -5)],
        [Outcome("A", -1, 10), Outcome("B", 1, 1, deadweight=3, duration_years=0)],
        discount_rate=2,
    )
    errors = errors_for(calc)
    assert errors == {
        "inputs[0].amount": [MESSAGES["negative"]],
        "outcomes[0].quantity": [MESSAGES["negative"]],
        "outcomes[1].deadweight": [MESSAGES["not_a_fraction"]],
        "outcomes[1].duration_years": [MESSAGES["duration_too_small"]],
        "discount_rate": [MESSAGES["discount_rate_out_of_range"]],
    }
    assert "between 0 and 1" in errors["outcomes[1].deadweight"][0]
    assert "outcomes[1].deadweight" in str(SroiValidationError(errors))


def test_every_message_is_plain_english_sentence():
    for message in MESSAGES.values():
        assert message[0].isupper() and message.endswith("."), message


def test_accepted_number_types_are_normalised_to_decimal():
    outcome = Outcome("Mixed", quantity="1000.5", financial_proxy=0.1, deadweight=D("0.25"), start_year=2.0)
    clean = validate(Calculation([InputItem("Grant", 7)], [outcome], discount_rate=" 0.035 "))
    [clean_outcome] = clean.outcomes
    assert clean_outcome.quantity == D("1000.5") and isinstance(clean_outcome.quantity, Decimal)
    assert clean_outcome.financial_proxy == D("0.1")  # via str(), not the binary float 0.1000000000000000055…
    assert clean_outcome.start_year == 2 and isinstance(clean_outcome.start_year, int)
    assert clean.discount_rate == D("0.035")
    assert clean.inputs[0].amount == D(7) and isinstance(clean.inputs[0].amount, Decimal)


def test_trailing_zeros_do_not_count_as_digits():
    outcome = Outcome("Padded", quantity="5." + "0" * 40, financial_proxy=D("1e14"))
    validate(Calculation([InputItem("Grant", 1)], [outcome], discount_rate=0))


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, D(3)), ("1000.5", D("1000.5")), (0.1, D("0.1")), (D("2.50"), D("2.50")), ("-7", D(-7))],
)
def test_to_decimal_accepts(value, expected):
    assert to_decimal(value, "amount") == expected


@pytest.mark.parametrize("value", ["x", None, float("nan"), "Infinity", D("1e16"), False, object()])
def test_to_decimal_rejects_with_field_name(value):
    with pytest.raises(SroiValidationError) as caught:
        to_decimal(value, "inputs[3].amount")
    assert list(caught.value.errors) == ["inputs[3].amount"]
    assert caught.value.errors["inputs[3].amount"][0] in MESSAGES.values()


# --- Building from JSON-like data ---------------------------------------------------------------------

VALID_DATA = {
    "inputs": [{"description": "Grant", "amount": "100000"}],
    "discount_rate": "0.035",
    "outcomes": [
        {
            "name": "Jobs",
            "quantity": 60,
            "financial_proxy": "8500",
            "duration_years": 2,
            "deadweight": "0.4",
            "attribution": "0.3",
            "drop_off": "0.3",
        }
    ],
}


def test_build_calculation_applies_defaults_and_matches_dataclass_route():
    calc = build_calculation(VALID_DATA)
    assert calc.discount_first_year is True
    assert calc.outcomes[0].start_year == 1
    assert calc.outcomes[0].displacement == 0
    assert calculate(calc).present_value == calculate(employment_case()).present_value


def test_build_calculation_reports_shape_and_value_problems_together():
    data = {
        "inputs": [{"description": "Grant", "amount": "-1"}, "oops"],
        "discount_rate": "0.035",
        "discount_first_year": "no",
        "outcomes": [{"name": "Jobs", "quantity": 1, "financial_proxy": 1, "duration_years": 1}, 5],
    }
    with pytest.raises(SroiValidationError) as caught:
        build_calculation(data)
    assert caught.value.codes == {
        "inputs[0].amount": ["negative"],
        "inputs[1]": ["not_an_object"],
        "outcomes[0].deadweight": ["required"],
        "outcomes[0].attribution": ["required"],
        "outcomes[1]": ["not_an_object"],
        "discount_first_year": ["not_a_boolean"],
    }
    assert caught.value.errors["outcomes[0].deadweight"] == [MESSAGES["required"]]


def test_build_calculation_requires_top_level_fields():
    with pytest.raises(SroiValidationError) as caught:
        build_calculation({})
    assert caught.value.codes == {
        "inputs": ["required"],
        "outcomes": ["required"],
        "discount_rate": ["required"],
    }


def test_build_calculation_rejects_non_mapping():
    with pytest.raises(SroiValidationError) as caught:
        build_calculation(["not", "a", "dict"])  # type: ignore[arg-type]
    assert caught.value.codes == {"__all__": ["not_an_object"]}


def test_build_calculation_allows_empty_outcomes():
    calc = build_calculation(VALID_DATA | {"outcomes": []})
    assert calculate(calc).present_value == 0
