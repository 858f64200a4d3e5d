"""The one number field of the site: amounts and quantities typed as text, so "1,000.50", "๑,๐๐๐" and a leading
"+" work; NaN, infinity, exponents, over-long numbers and negatives get a clear, translated field error."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
NOT_FINITE = frozenset({"nan", "snan", "inf", "infinity"})
MAX_NUMBER_TEXT = 64  # longer text is refused before any parsing
MAX_AMOUNT = Decimal("1e15")  # the SROI engine's limit for any single number


class NumberField(forms.DecimalField):
    """A non-negative decimal typed as text: accepts "1,000.50", "๑,๐๐๐" and a leading "+"."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Enter a number, for example 1000 or 1,000.50."),
        "not_finite": _("Enter a real number, not NaN or infinity."),
        "exponent": _("Write the number out in full, without an exponent such as 1e6."),
        "too_long": _("This number is too long. Enter at most %(max)s digits."),
        "min_value": _("Enter zero or a positive number."),
        "max_value": _("Enter a number no larger than 1,000,000,000,000,000 (10^15)."),
    }

    def __init__(self, *, grouping: bool = False, **kwargs):
        self.grouping = grouping
        kwargs.setdefault("min_value", Decimal(0))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        text = str(value)
        if len(text) > MAX_NUMBER_TEXT:
            raise ValidationError(self.error_messages["too_long"], code="too_long", params={"max": self.max_digits})
        text = text.translate(THAI_DIGITS).replace("\u2212", "-")
        text = re.sub(r"[,\s\u00a0\u202f]", "", text)
        if not text:
            return None
        if text.lower().lstrip("+-") in NOT_FINITE:
            raise ValidationError(self.error_messages["not_finite"], code="not_finite")
        if "e" in text.lower() and NUMBER.match(re.split("[eE]", text, maxsplit=1)[0] or "x"):
            raise ValidationError(self.error_messages["exponent"], code="exponent")
        if not NUMBER.match(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return Decimal(text)

    def prepare_value(self, value):
        if isinstance(value, Decimal) and value.is_finite():
            return f"{value:,.{self.decimal_places}f}" if self.grouping else plain(value)
        return value


def plain(value: Decimal) -> str:
    """ "12.5000" → "12.5", "100" stays "100" (never "1E+2")."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def money_field(label, **kwargs) -> NumberField:
    return NumberField(label=label, max_digits=18, decimal_places=2, max_value=MAX_AMOUNT, grouping=True, **kwargs)
