"""Translatable texts of the SROI calculator API.

``ENGINE_MESSAGES`` mirrors ``reports.sroi.MESSAGES`` id for id: the English text is the msgid, so the
pure engine stays free of Django while the API answers in Thai or English. A test keeps both in step.
"""

from django.utils.translation import gettext_lazy as _

ENGINE_MESSAGES = {
    "required": _("This field is required."),
    "not_a_number": _("Enter a number, for example 1000 or 1000.50."),
    "not_finite": _("Enter a real number, not NaN or infinity."),
    "too_large": _("Enter a number no larger than 1,000,000,000,000,000 (10^15), positive or negative."),
    "too_many_digits": _("Enter a number with at most 30 significant digits."),
    "too_many_decimal_places": _("Enter a number with at most 30 decimal places."),
    "not_a_whole_number": _("Enter a whole number."),
    "negative": _("Enter zero or a positive number."),
    "not_a_fraction": _("Enter a value between 0 and 1, for example 0.25 for 25%."),
    "inputs_total_not_positive": _("The inputs must add up to more than zero."),
    "start_year_too_small": _("The start year must be 1 or later."),
    "duration_too_small": _("The duration must be at least 1 year."),
    "too_many_years": _("An outcome must end by year 100: start year + duration - 1 can be at most 100."),
    "discount_rate_out_of_range": _(
        "Enter a discount rate from 0 up to (but not including) 1, for example 0.035 for 3.5%."
    ),
    "not_a_list": _("Enter a list."),
    "not_an_object": _("Enter an object with named fields."),
    "not_text": _("Enter text."),
    "blank_name": _("Enter a name."),
    "not_a_boolean": _("Enter true or false."),
}

INVALID_INPUT = _("Some values are missing or not valid. See the messages for each field.")
MALFORMED_JSON = _("The request body is not valid JSON.")
NESTED_TOO_DEEPLY = _("The request body is nested too deeply.")
BODY_TOO_LARGE = _("The request body is too large: send at most 1 MB.")
BAD_CONTENT_LENGTH = _("The Content-Length header is not valid.")
TOO_MANY_INPUTS = _("Enter at most %(limit)s inputs.")
TOO_MANY_OUTCOMES = _("Enter at most %(limit)s outcomes.")
