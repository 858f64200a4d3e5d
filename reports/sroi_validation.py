"""Input rules for the SROI engine: error messages, number parsing and per-field checks.

Every message is a plain English constant in ``MESSAGES``, keyed by a stable id. A
``SroiValidationError`` carries both the English text (``errors``) and the ids (``codes``) under the
same field paths, so the Django layer can translate by id without this module importing Django.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

NON_FIELD = "__all__"  # same key Django uses for errors that belong to no single field
MAX_ABS_NUMBER = Decimal("1e15")
MAX_ABS_INTEGER = 10**15
MAX_SIGNIFICANT_DIGITS = 30
MAX_DECIMAL_PLACES = 30
MAX_NUMBER_TEXT_LENGTH = 100
MAX_YEARS = 100

MESSAGES: dict[str, str] = {
    "required": "This field is required.",
    "not_a_number": "Enter a number, for example 1000 or 1000.50.",
    "not_finite": "Enter a real number, not NaN or infinity.",
    "too_large": "Enter a number no larger than 1,000,000,000,000,000 (10^15), positive or negative.",
    "too_many_digits": "Enter a number with at most 30 significant digits.",
    "too_many_decimal_places": "Enter a number with at most 30 decimal places.",
    "not_a_whole_number": "Enter a whole number.",
    "negative": "Enter zero or a positive number.",
    "not_a_fraction": "Enter a value between 0 and 1, for example 0.25 for 25%.",
    "inputs_total_not_positive": "The inputs must add up to more than zero.",
    "start_year_too_small": "The start year must be 1 or later.",
    "duration_too_small": "The duration must be at least 1 year.",
    "too_many_years": "An outcome must end by year 100: start year + duration - 1 can be at most 100.",
    "discount_rate_out_of_range": "Enter a discount rate from 0 up to (but not including) 1, "
    "for example 0.035 for 3.5%.",
    "not_a_list": "Enter a list.",
    "not_an_object": "Enter an object with named fields.",
    "not_text": "Enter text.",
    "blank_name": "Enter a name.",
    "not_a_boolean": "Enter true or false.",
}


class SroiValidationError(ValueError):
    """All problems found in one calculation, as {field path: [English messages]}.

    ``codes`` has the same shape with message ids from ``MESSAGES`` instead of text.
    """

    def __init__(self, errors: dict[str, list[str]], codes: dict[str, list[str]] | None = None):
        self.errors = errors
        self.codes = codes if codes is not None else {}
        summary = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())
        super().__init__(summary)


def to_decimal(value: object, field: str) -> Decimal:
    """Convert int, Decimal, float (via its shortest repr) or numeric text to a finite Decimal.

    Raises SroiValidationError for ``field`` when the value is not a usable number.
    """
    number, code = _check_number(value)
    if number is None:
        raise SroiValidationError({field: [MESSAGES[code]]}, {field: [code]})
    return number


def _check_number(value: object) -> tuple[Decimal | None, str]:
    """Return (number, "") when usable, else (None, message id)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return (Decimal(value), "") if -MAX_ABS_INTEGER <= value <= MAX_ABS_INTEGER else (None, "too_large")
    if isinstance(value, str) and len(value) > MAX_NUMBER_TEXT_LENGTH:
        return None, "too_many_digits"
    number = _parse_number(value)
    if number is None:
        return None, "not_a_number"
    if not number.is_finite():
        return None, "not_finite"
    if number.copy_abs() > MAX_ABS_NUMBER:
        return None, "too_large"
    significant_digits, decimal_places = _digits_and_places(number)
    if significant_digits > MAX_SIGNIFICANT_DIGITS:
        return None, "too_many_digits"
    if decimal_places > MAX_DECIMAL_PLACES:
        return None, "too_many_decimal_places"
    return number, ""


def _parse_number(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except (InvalidOperation, ValueError):
            return None
    return None


def _digits_and_places(number: Decimal) -> tuple[int, int]:
    # Counted from the digit tuple because normalize() would round to the caller's context precision.
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    if len(digits) <= MAX_SIGNIFICANT_DIGITS and exponent >= -MAX_DECIMAL_PLACES:
        return len(digits), max(0, -exponent)  # within both limits even before dropping trailing zeros
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if trailing_zeros == len(digits):
        return 0, 0
    return len(digits) - trailing_zeros, max(0, -(exponent + trailing_zeros))


class FieldErrors:
    """Collects messages per field path so every problem is reported in one go."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}
        self.codes: dict[str, list[str]] = {}

    def add(self, field: str, code: str) -> None:
        self.errors.setdefault(field, []).append(MESSAGES[code])
        self.codes.setdefault(field, []).append(code)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise SroiValidationError(self.errors, self.codes)

    def number(self, value: object, field: str) -> Decimal | None:
        if value is None:
            self.add(field, "required")
            return None
        number, code = _check_number(value)
        if number is None:
            self.add(field, code)
        return number

    def non_negative(self, value: object, field: str) -> Decimal | None:
        number = self.number(value, field)
        if number is not None and number < 0:
            self.add(field, "negative")
            return None
        return number

    def fraction(self, value: object, field: str) -> Decimal | None:
        """A share such as deadweight: 0 to 1 inclusive."""
        number = self.number(value, field)
        if number is not None and not 0 <= number <= 1:
            self.add(field, "not_a_fraction")
            return None
        return number

    def year_number(self, value: object, field: str, too_small_code: str) -> int | None:
        """A whole number of years from 1 to MAX_YEARS."""
        number = self.number(value, field)
        if number is None:
            return None
        if number != number.to_integral_value():
            self.add(field, "not_a_whole_number")
            return None
        if number < 1:
            self.add(field, too_small_code)
            return None
        if number > MAX_YEARS:
            self.add(field, "too_many_years")
            return None
        return int(number)

    def text(self, value: object, field: str, *, required: bool) -> str | None:
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.add(field, "not_text")
            return None
        if required and not value.strip():
            self.add(field, "blank_name")
            return None
        return value

    def boolean(self, value: object, field: str) -> bool | None:
        if not isinstance(value, bool):
            self.add(field, "not_a_boolean")
            return None
        return value
