"""Numbers and shares in Value Map cells: number cells, text with thousands separators, Thai digits, percentages."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.value_map.workbooks import EXAMPLE_SHEETS, build
from value_map import layout
from value_map.cells import number_cell, number_text, share_cell, year_cell
from value_map.reader import read_value_map

D = Decimal
TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

# What a spreadsheet number cell holds: at most 15 significant digits (and the calculator's limit of 10^15).
spreadsheet_decimals = st.decimals(
    min_value=D("-1e15"), max_value=D("1e15"), allow_nan=False, allow_infinity=False, places=None
).filter(lambda d: len(d.as_tuple().digits) <= 15 and d.as_tuple().exponent >= -12)


def grouped(value: Decimal) -> str:
    """ "1234567.5" → "1,234,567.5" (the digits as they are, no rounding)."""
    return f"{value:,f}"


@settings(max_examples=60)
@given(value=spreadsheet_decimals, zero_width_at=st.integers(min_value=0, max_value=40))
def test_any_decimal_reads_back_equal_as_a_number_cell_or_as_text(value, zero_width_at):
    text = grouped(value)
    with_zero_width = text[:zero_width_at] + "\u200b" + text[zero_width_at:]
    forms = [value, text, text.translate(TO_THAI), with_zero_width, f" {text}\u00a0"]
    sheets = copy.deepcopy(EXAMPLE_SHEETS)
    sheets[layout.INPUTS] = [["description", "amount"], *[[f"form {n}", form] for n, form in enumerate(forms)]]
    amounts = [item["amount"] for item in read_value_map(build(sheets)).payload["inputs"]]
    assert amounts == [value] * len(forms)
    assert all(amount == value for amount in amounts)


@given(value=st.decimals(min_value=0, max_value=100, places=4))
def test_a_percentage_as_text_is_the_exact_fraction(value):
    text = format(value, "f")
    for form in (f"{text}%", f"{text} %", f"{text.translate(TO_THAI)}%"):
        assert share_cell(form) == (value.scaleb(-2), "")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (0.25, D("0.25")),
        ("0.25", D("0.25")),
        ("25%", D("0.25")),
        ("25 %", D("0.25")),
        ("๒๕%", D("0.25")),
        ("12.5％", D("0.125")),
        (1, D(1)),
    ],
)
def test_shares(cell, expected):
    assert share_cell(cell) == (expected, "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,000.50", D("1000.50")),
        ("๑,๐๐๐", D(1000)),
        ("+12", D(12)),
        ("\u2212 5", D(-5)),
        ("1\u202f000", D(1000)),
        (".5", D("0.5")),
    ],
)
def test_number_text(text, expected):
    assert number_text(text) == (expected, "")


@pytest.mark.parametrize("text", ["1e6", "NaN", "Infinity", "12 baht", "1.2.3", "%", "--1", "0x10"])
def test_not_numbers(text):
    assert number_cell(text) == (None, "cell_not_a_number")


def test_limits_and_years():
    assert number_text("1" * 65) == (None, "number_text_too_long")
    assert number_cell(True) == (None, "cell_not_a_number")
    assert number_cell("  ") == (None, "")
    assert year_cell(2.0) == (2, "")
    assert year_cell("๓") == (3, "")
    assert year_cell(2.5) == (D("2.5"), "")  # the calculator says "Enter a whole number."
