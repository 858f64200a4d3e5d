"""Numbers as the site shows them: thousands separators, halves rounded up, a dash for no value."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DASH = "—"


def number(value: Decimal | None, places: int = 2) -> str:
    """Thousands separators and a fixed number of decimals, halves up: 346,927.12 (the same in Thai)."""
    if value is None:
        return DASH
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{places}f}"


def plain_number(value: Decimal | None, max_places: int = 4) -> str:
    """Up to ``max_places`` decimals, trailing zeros dropped: 60, 12.5, 1,200."""
    if value is None:
        return DASH
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-max_places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def ratio_one_to(value: Decimal | None) -> str:
    """The ratio the way SROI reports quote it: 1 : 1.39 (each baht invested creates 1.39 baht of value)."""
    if value is None:
        return DASH
    return f"1 : {number(value, 2)}"
