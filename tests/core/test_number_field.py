"""core.number_field.NumberField: the one field for amounts and quantities typed as text (issue #20 step 1)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from core.number_field import MAX_AMOUNT, NumberField, money_field, plain

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
amounts = st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False)


@given(amounts)
def test_a_money_amount_survives_its_own_display(value):
    field = money_field("amount")
    assert field.clean(field.prepare_value(value)) == value


@given(amounts, st.sampled_from([",", " ", "\u00a0", "\u202f", ""]))
def test_thai_digits_and_group_separators_mean_the_same_number(value, separator):
    field = NumberField(max_digits=18, decimal_places=2)
    typed = f"{value:,.2f}".replace(",", separator)
    assert field.clean(typed.translate(THAI)) == field.clean(typed) == value


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("NaN", "not_finite"),
        ("-inf", "not_finite"),
        ("1e6", "exponent"),
        ("12abc", "invalid"),
        ("1" * 65, "too_long"),
        ("-5", "min_value"),
        ("1" + "0" * 15 + ".5", "max_value"),
    ],
)
def test_bad_numbers_get_their_own_translated_error(typed, code):
    field = money_field("amount")
    with pytest.raises(ValidationError) as error:
        field.clean(typed)
    assert [e.code for e in error.value.error_list] == [code]


@given(st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False))
def test_plain_never_shows_an_exponent_or_trailing_zeros(value):
    text = plain(value)
    assert "E" not in text and Decimal(text) == value
    assert not ("." in text and text.endswith("0"))
