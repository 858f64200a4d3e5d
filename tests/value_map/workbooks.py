"""Workbooks for the tests, built with openpyxl (and zipfile for what openpyxl will not write)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

import openpyxl

from value_map import layout

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

OUTCOME_KEYS = [column.key for column in layout.COLUMNS[layout.OUTCOMES]]

# The calculator's worked example (tests/reports/test_sroi_api.py EXAMPLE) as sheets of rows.
EXAMPLE_SHEETS: dict[str, list[list[object]]] = {
    layout.SETTINGS: [["discount_rate", "discount_first_year"], [Decimal("0.035"), True]],
    layout.INPUTS: [["description", "amount"], ["grant", 250000]],
    layout.OUTCOMES: [
        OUTCOME_KEYS,
        ["Jobs", "ผู้สูงอายุ", "8.5.2", 60, 8500, "minimum wage", 1, 2, 0.4, 0.3, 0, 0.3],
    ],
}


def build(
    sheets: Mapping[str, Sequence[Sequence[object]]] | None = None,
    *,
    change: Callable[[openpyxl.Workbook], None] | None = None,
) -> bytes:
    """A workbook whose sheets hold a label row, then the given rows (keys first) from row 2; no rows: empty."""
    sheets = EXAMPLE_SHEETS if sheets is None else sheets
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        if rows:
            sheet.append(["label"])
        for row in rows:
            sheet.append(list(row))
    if change is not None:
        change(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_parts(data: bytes, *, add: Mapping[str, bytes] = {}, replace: Mapping[str, bytes] = {}) -> bytes:
    """The workbook's zip with parts added or replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, replace.get(item.filename, source.read(item.filename)))
        for name, content in add.items():
            target.writestr(name, content)
    return buffer.getvalue()


def part(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)
