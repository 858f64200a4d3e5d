"""The SROI Value Map workbook layout shared by the reader and the writer: pure Python, no Django.

Three sheets. Row 1 holds a label in Thai and English (for people; the reader ignores it), row 2 the machine key
of each column (the header the reader uses, columns in any order), data starts in row 3. A column whose key is in
``DERIVED`` is written by the export with a formula (the numbers can be traced) and is ignored on import.
"""

from __future__ import annotations

from dataclasses import dataclass

SETTINGS = "Settings"
INPUTS = "Inputs"
OUTCOMES = "Outcomes"
SHEETS = (SETTINGS, INPUTS, OUTCOMES)

LABEL_ROW = 1
KEY_ROW = 2
FIRST_DATA_ROW = 3


@dataclass(frozen=True)
class Column:
    key: str
    label_th: str
    label_en: str
    kind: str  # "text", "number", "share", "year", "boolean", or "derived"
    required: bool = False

    @property
    def label(self) -> str:
        return f"{self.label_th} / {self.label_en}"


COLUMNS: dict[str, tuple[Column, ...]] = {
    SETTINGS: (
        Column("discount_rate", "อัตราคิดลด", "Discount rate", "share", required=True),
        Column(
            "discount_first_year",
            "คิดลดปีแรกด้วย (TRUE/FALSE)",
            "Discount the first year too (TRUE/FALSE)",
            "boolean",
        ),
    ),
    INPUTS: (
        Column("description", "ปัจจัยนำเข้า", "Input", "text"),
        Column("amount", "จำนวนเงิน (บาท)", "Amount (baht)", "number", required=True),
    ),
    OUTCOMES: (
        Column("name", "ผลลัพธ์ (สิ่งที่เปลี่ยนแปลง)", "Outcome (what changes)", "text", required=True),
        Column("stakeholder", "ผู้มีส่วนได้ส่วนเสีย", "Stakeholder", "text"),
        Column("indicator_code", "รหัสตัวชี้วัด", "Indicator code", "text"),
        Column("quantity", "จำนวน", "Quantity", "number", required=True),
        Column(
            "financial_proxy",
            "ตัวแทนทางการเงิน (บาทต่อหน่วย)",
            "Financial proxy (baht per unit)",
            "number",
            required=True,
        ),
        Column("proxy_source", "แหล่งที่มาของตัวแทนทางการเงิน", "Proxy source", "text"),
        Column("start_year", "เริ่มในปีที่", "Starts in year", "year"),
        Column("duration_years", "ระยะเวลา (ปี)", "Lasts (years)", "year", required=True),
        Column("deadweight", "ผลที่จะเกิดขึ้นอยู่แล้ว", "Deadweight", "share", required=True),
        Column("attribution", "ผลจากผู้อื่น", "Attribution", "share", required=True),
        Column("displacement", "ผลทดแทน", "Displacement", "share"),
        Column("drop_off", "การลดลงของผลลัพธ์", "Drop-off", "share"),
    ),
}

# Columns the export adds after the machine-key columns, with formulas; the reader skips them.
DERIVED: dict[str, tuple[Column, ...]] = {
    SETTINGS: (),
    INPUTS: (),
    OUTCOMES: (
        Column(
            "impact_year_1",
            "ผลกระทบปีแรก (บาท คำนวณ)",
            "Impact in its first year (baht, calculated)",
            "derived",
        ),
    ),
}

# Payload fields the JSON calculator reads; the other Outcomes keys ride along for the wizard.
CALCULATOR_OUTCOME_FIELDS = (
    "name",
    "quantity",
    "financial_proxy",
    "start_year",
    "duration_years",
    "deadweight",
    "displacement",
    "attribution",
    "drop_off",
)


def columns_by_key(sheet: str) -> dict[str, Column]:
    return {column.key: column for column in COLUMNS[sheet]}


def derived_keys(sheet: str) -> frozenset[str]:
    return frozenset(column.key for column in DERIVED[sheet])


def column_letter(index: int) -> str:
    """1 → "A", 27 → "AA"."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def cell_ref(sheet: str, column: int, row: int) -> str:
    return f"{sheet}!{column_letter(column)}{row}"
