"""Dates for Thai readers in the Buddhist Era (พ.ศ. = ค.ศ. + 543). Pure Python."""

import datetime

BUDDHIST_ERA_OFFSET = 543
THAI_MONTHS_ABBR = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
THAI_MONTHS_FULL = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
ENGLISH_MONTHS_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: datetime.date, language: str, *, full_month: bool = False) -> str:
    """25 พ.ย. 2569 in Thai, 25 Nov 2026 in English."""
    if language.startswith("th"):
        months = THAI_MONTHS_FULL if full_month else THAI_MONTHS_ABBR
        return f"{value.day} {months[value.month - 1]} {value.year + BUDDHIST_ERA_OFFSET}"
    return f"{value.day} {ENGLISH_MONTHS_ABBR[value.month - 1]} {value.year}"


def format_datetime(value: datetime.datetime, language: str) -> str:
    """25 พ.ย. 2569 14:30 in Thai, 25 Nov 2026 14:30 in English (the value already in local time)."""
    return f"{format_date(value.date(), language)} {value:%H:%M}"
