"""Reading one cell of a Value Map workbook into a calculator value: pure Python, no Django.

Each reader returns ``(value, "")`` or ``(None, message id)``; an empty cell is ``(None, "")``, left to the SROI
engine (a default or "required"). Numbers come as number cells (kept through the shortest repr of the float
openpyxl gives, which is exact up to the 15 significant digits a spreadsheet holds) or as text, which may carry
thousands separators, Thai digits, spaces, zero-width characters and a leading "+"; text is kept exact.
A share is a fraction: 0.25, a number cell formatted as a percentage (it holds 0.25) or text "25%" / "25 %".
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from core.text import clean_text

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
NUMBER_TEXT = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
# Removed from number text: thousands separators and every kind of space.
NUMBER_NOISE = re.compile(r"[,\s\u00a0\u2007\u2009\u202f]")
MAX_NUMBER_TEXT = 64
MAX_TEXT = 1000
TRUE_WORDS = frozenset({"true", "yes", "y", "1", "ใช่", "จริง"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "ไม่", "ไม่ใช่", "เท็จ"})
DATE_TYPES = (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)

Result = tuple[object, str]


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not clean_text(value))


def number_text(text: str) -> tuple[Decimal | None, str]:
    """Parse number text ("1,000.50", "๑,๐๐๐", " 12\u200b34 "): (Decimal, "") or (None, message id)."""
    if len(text) > MAX_NUMBER_TEXT:
        return None, "number_text_too_long"
    cleaned = "".join(char for char in text if unicodedata.category(char) != "Cf")
    cleaned = NUMBER_NOISE.sub("", cleaned.translate(THAI_DIGITS)).replace("\u2212", "-")
    if not NUMBER_TEXT.match(cleaned):
        return None, "cell_not_a_number"
    try:
        return Decimal(cleaned), ""
    except InvalidOperation:  # pragma: no cover - the pattern only lets decimal literals through
        return None, "cell_not_a_number"


def number_cell(value: object) -> tuple[Decimal | None, str]:
    if value is None:
        return None, ""
    if isinstance(value, DATE_TYPES):
        return None, "date_not_number"
    if isinstance(value, bool):
        return None, "cell_not_a_number"
    if isinstance(value, int):
        return Decimal(value), ""
    if isinstance(value, float):
        number = Decimal(repr(value))
        return (number, "") if number.is_finite() else (None, "cell_not_a_number")
    if isinstance(value, Decimal):
        return value, ""
    if isinstance(value, str):
        if is_empty(value):
            return None, ""
        return number_text(value)
    return None, "cell_not_a_number"


def share_cell(value: object) -> tuple[Decimal | None, str]:
    """A fraction: a number cell as it is (a 25 % cell holds 0.25), or text "0.25", "25%", "๒๕ %"."""
    if isinstance(value, str) and not is_empty(value):
        text = clean_text(value)
        if text.endswith(("%", "\uff05")):
            number, code = number_text(text[:-1])
            return (None, code) if number is None else (number.scaleb(-2), "")
    return number_cell(value)


def year_cell(value: object) -> tuple[object, str]:
    """A whole number of years, as int when whole (the engine checks the range and wholeness)."""
    number, code = number_cell(value)
    if number is None:
        return None, code
    if number == number.to_integral_value() and number.copy_abs() <= 10**6:
        return int(number), ""
    return number, ""


def text_cell(value: object) -> tuple[str | None, str]:
    if value is None:
        return None, ""
    if isinstance(value, DATE_TYPES):
        return None, "date_not_text"
    if isinstance(value, bool):
        return None, "cell_not_text"
    if isinstance(value, (int, Decimal)):
        return str(value), ""
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f"), ""
    if not isinstance(value, str):
        return None, "cell_not_text"
    if len(value) > MAX_TEXT:
        return None, "text_too_long"
    text = clean_text(value)
    return (text or None), ""


def boolean_cell(value: object) -> tuple[bool | None, str]:
    if value is None:
        return None, ""
    if isinstance(value, bool):
        return value, ""
    if isinstance(value, int) and value in (0, 1):
        return bool(value), ""
    if isinstance(value, str):
        word = clean_text(value).lower()
        if not word:
            return None, ""
        if word in TRUE_WORDS:
            return True, ""
        if word in FALSE_WORDS:
            return False, ""
    return None, "cell_not_a_boolean"


READERS = {
    "text": text_cell,
    "number": number_cell,
    "share": share_cell,
    "year": year_cell,
    "boolean": boolean_cell,
}
