"""Write a Value Map workbook (.xlsx) in the layout the reader reads: pure Python (openpyxl), no Django.

``value_map_workbook(payload)`` takes the calculator's payload shape (what ``reader.read_value_map`` returns)
and gives the bytes of a workbook with the sheets Settings, Inputs and Outcomes: labels in Thai and English in
row 1, machine keys in row 2, one row per item from row 3, percentage and money number formats, simple data
validation (shares, years, TRUE/FALSE; amounts are left free so text such as "๑,๐๐๐" can be typed),
and after the key columns the derived columns of ``layout.DERIVED`` as visible formulas.
``TEMPLATE_PAYLOAD`` is the example row of the downloadable template.

A number with more than 15 significant digits (more than a spreadsheet number holds) is written as text, which
the reader keeps exact; text starting with "=" stays text, never a formula.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from decimal import Decimal

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from value_map import layout

SPREADSHEET_DIGITS = 15
VALIDATED_ROWS = 1000
SHARE_FORMAT = "0.00%"
MONEY_FORMAT = "#,##0.00"
NUMBER_FORMAT = "#,##0.####"
LABEL_FONT = Font(bold=True)
KEY_FONT = Font(italic=True, color="595959")
KEY_FILL = PatternFill("solid", fgColor="EDEDED")
DERIVED_FILL = PatternFill("solid", fgColor="FFF2CC")
MONEY_KEYS = frozenset({"amount", "financial_proxy", "impact_year_1"})
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

TEMPLATE_PAYLOAD: dict[str, object] = {
    "discount_rate": Decimal("0.035"),
    "discount_first_year": True,
    "inputs": [{"description": "เงินสนับสนุนโครงการ (grant)", "amount": Decimal("250000")}],
    "outcomes": [
        {
            "name": "ผู้เข้าร่วมได้งานทำ (participants find work)",
            "stakeholder": "ผู้เข้าร่วมโครงการ (participants)",
            "indicator_code": "8.5.2",
            "quantity": Decimal("60"),
            "financial_proxy": Decimal("8500"),
            "proxy_source": "ค่าจ้างขั้นต่ำ 1 เดือน (one month's minimum wage)",
            "start_year": 1,
            "duration_years": 2,
            "deadweight": Decimal("0.40"),
            "attribution": Decimal("0.30"),
            "displacement": Decimal("0"),
            "drop_off": Decimal("0.30"),
        }
    ],
}


def value_map_workbook(payload: Mapping[str, object]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    settings = {key: payload.get(key) for key in ("discount_rate", "discount_first_year")}
    if settings["discount_first_year"] is None:
        settings["discount_first_year"] = True
    _sheet(workbook, layout.SETTINGS, [settings])
    _sheet(workbook, layout.INPUTS, _items(payload.get("inputs")))
    _sheet(workbook, layout.OUTCOMES, _items(payload.get("outcomes")))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_workbook() -> bytes:
    return value_map_workbook(TEMPLATE_PAYLOAD)


def _items(value: object) -> Sequence[Mapping[str, object]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, (list, tuple)) else []


def _sheet(workbook, name: str, rows: Sequence[Mapping[str, object]]) -> None:
    sheet = workbook.create_sheet(name)
    columns = layout.COLUMNS[name] + layout.DERIVED[name]
    letters = {column.key: layout.column_letter(index) for index, column in enumerate(columns, start=1)}
    for index, column in enumerate(columns, start=1):
        label = sheet.cell(layout.LABEL_ROW, index, column.label)
        label.font = LABEL_FONT
        label.alignment = Alignment(wrap_text=True, vertical="top")
        key = sheet.cell(layout.KEY_ROW, index, column.key)
        key.font = KEY_FONT
        key.fill = KEY_FILL
        sheet.column_dimensions[letters[column.key]].width = 16 if column.kind != "text" else 30
    for number, item in enumerate(rows, start=layout.FIRST_DATA_ROW):
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(number, index)
            if column.kind == "derived":
                cell.value = _derived_formula(column.key, letters, number)
                cell.fill = DERIVED_FILL
            else:
                _put(cell, item.get(column.key))
            cell.number_format = _number_format(column)
    sheet.freeze_panes = sheet.cell(layout.FIRST_DATA_ROW, 1)
    _validation(sheet, name, letters)


def _put(cell, value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        cell.value = value
    elif isinstance(value, (int, Decimal)):
        number = Decimal(value)
        if len(number.as_tuple().digits) > SPREADSHEET_DIGITS:
            cell.value = format(number, "f")
            cell.data_type = "s"
        else:
            cell.value = number
    else:
        cell.value = str(value)
        cell.data_type = "s"  # "=..." stays text


def _number_format(column: layout.Column) -> str:
    if column.kind == "share":
        return SHARE_FORMAT
    if column.key in MONEY_KEYS:
        return MONEY_FORMAT
    if column.kind == "number":
        return NUMBER_FORMAT
    return "General"


def _derived_formula(key: str, letters: Mapping[str, str], row: int) -> str:
    if key == "impact_year_1":
        cell = {name: f"{letters[name]}{row}" for name in letters}
        return (
            f"={cell['quantity']}*{cell['financial_proxy']}*(1-{cell['deadweight']})"
            f"*(1-{cell['displacement']})*(1-{cell['attribution']})"
        )
    raise ValueError(key)  # pragma: no cover - every derived key has a formula above


def _validation(sheet, name: str, letters: Mapping[str, str]) -> None:
    last = layout.FIRST_DATA_ROW + VALIDATED_ROWS - 1
    rules = {
        "share": DataValidation(type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True),
        "year": DataValidation(type="whole", operator="between", formula1="1", formula2="100", allow_blank=True),
        "boolean": DataValidation(type="list", formula1='"TRUE,FALSE"', allow_blank=True),
    }
    used = set()
    for column in layout.COLUMNS[name]:
        rule = rules.get(column.kind)
        if rule is None:
            continue
        rule.add(f"{letters[column.key]}{layout.FIRST_DATA_ROW}:{letters[column.key]}{last}")
        used.add(column.kind)
    for kind in sorted(used):
        rule = rules[kind]
        rule.showErrorMessage = True
        sheet.add_data_validation(rule)
