"""The Value Map reader (value_map.reader): good workbooks become the calculator's payload, bad ones a clear error."""

from __future__ import annotations

import copy
import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from tests.value_map.workbooks import EXAMPLE_SHEETS, OUTCOME_KEYS, build, part, with_parts
from value_map import archive, layout
from value_map.messages import MESSAGES
from value_map.reader import MAX_DATA_ROWS, Problem, ValueMapError, read_value_map

D = Decimal
SHEET_XML = "xl/worksheets/sheet3.xml"  # Outcomes, the third sheet build() writes


def problems(data: bytes) -> list[Problem]:
    with pytest.raises(ValueMapError) as caught:
        read_value_map(data)
    for problem in caught.value.problems:
        assert problem.code in MESSAGES, problem
    return caught.value.problems


def codes_at(data: bytes) -> dict[str, str]:
    return {problem.ref: problem.code for problem in problems(data)}


def sheets_with(**cells) -> dict:
    """EXAMPLE_SHEETS with outcome cells changed by key: sheets_with(deadweight="40%")."""
    sheets = copy.deepcopy(EXAMPLE_SHEETS)
    row = sheets[layout.OUTCOMES][1]
    for key, value in cells.items():
        row[OUTCOME_KEYS.index(key)] = value
    return sheets


# --- Good workbooks ----------------------------------------------------------------------------------


def test_the_example_reads_as_the_calculator_payload():
    value_map = read_value_map(build())
    assert value_map.payload == {
        "discount_rate": D("0.035"),
        "discount_first_year": True,
        "inputs": [{"description": "grant", "amount": D(250000)}],
        "outcomes": [
            {
                "name": "Jobs",
                "stakeholder": "ผู้สูงอายุ",
                "indicator_code": "8.5.2",
                "quantity": D(60),
                "financial_proxy": D(8500),
                "proxy_source": "minimum wage",
                "start_year": 1,
                "duration_years": 2,
                "deadweight": D("0.4"),
                "attribution": D("0.3"),
                "displacement": D(0),
                "drop_off": D("0.3"),
            }
        ],
    }
    assert value_map.cells["outcomes[0].deadweight"] == "Outcomes!I3"
    assert value_map.cells["discount_rate"] == "Settings!A3"
    assert value_map.cells["inputs"] == "Inputs!B3:B3"


def test_columns_may_come_in_any_order_and_optional_ones_may_be_left_out():
    keys = ["drop_off", "attribution", "deadweight", "duration_years", "financial_proxy", "quantity", "name"]
    sheets = copy.deepcopy(EXAMPLE_SHEETS)
    sheets[layout.OUTCOMES] = [keys, [0.3, 0.3, 0.4, 2, 8500, 60, "Jobs"]]
    sheets[layout.INPUTS] = [["amount"], [250000]]
    sheets[layout.SETTINGS] = [["discount_rate"], [0.035]]
    value_map = read_value_map(build(sheets))
    outcome = value_map.payload["outcomes"][0]
    assert outcome == {
        "drop_off": D("0.3"),
        "attribution": D("0.3"),
        "deadweight": D("0.4"),
        "duration_years": 2,
        "financial_proxy": D(8500),
        "quantity": D(60),
        "name": "Jobs",
    }
    assert value_map.cells["outcomes[0].name"] == "Outcomes!G3"
    assert "discount_first_year" not in value_map.payload  # the calculator's default (True) applies


def test_percentages_and_thai_numbers_in_text_cells():
    sheets = sheets_with(
        deadweight="40%",
        attribution="๓๐ %",
        drop_off="0.30",
        quantity="\u200b๖๐",
        financial_proxy="8,500.00",
    )
    sheets[layout.INPUTS][1] = ["ทุน", "๒๕๐,๐๐๐"]
    outcome = read_value_map(build(sheets)).payload["outcomes"][0]
    assert (outcome["deadweight"], outcome["attribution"], outcome["drop_off"]) == (D("0.4"), D("0.3"), D("0.3"))
    assert (outcome["quantity"], outcome["financial_proxy"]) == (D(60), D("8500.00"))


def test_a_percentage_formatted_cell_holds_the_fraction():
    def percent(workbook):
        workbook[layout.OUTCOMES]["I3"].number_format = "0%"

    data = build(sheets_with(deadweight=0.25), change=percent)
    assert read_value_map(data).payload["outcomes"][0]["deadweight"] == D("0.25")


def test_blank_rows_are_skipped_and_cells_keep_their_row_numbers():
    sheets = copy.deepcopy(EXAMPLE_SHEETS)
    sheets[layout.OUTCOMES].append([None] * 12)
    sheets[layout.OUTCOMES].append(["Second", None, None, "lots", 100, None, 1, 1, 0, 0, 0, 0])
    assert codes_at(build(sheets)) == {"Outcomes!D5": "cell_not_a_number"}


def test_the_derived_columns_of_the_export_are_ignored_even_as_formulas():
    sheets = copy.deepcopy(EXAMPLE_SHEETS)
    sheets[layout.OUTCOMES][0] = [*OUTCOME_KEYS, "impact_year_1"]
    sheets[layout.OUTCOMES][1] = [*sheets[layout.OUTCOMES][1], "=D3*E3*(1-I3)"]
    assert len(read_value_map(build(sheets)).payload["outcomes"]) == 1


def test_text_that_looks_like_a_formula_is_text():
    def as_text(workbook):
        cell = workbook[layout.OUTCOMES]["A3"]
        cell.value = "=1+1"
        cell.data_type = "s"

    assert read_value_map(build(change=as_text)).payload["outcomes"][0]["name"] == "=1+1"


# --- Bad files ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (bytes(range(256)) * 40, "not_xlsx"),
        ("name,quantity\nงาน,60\n".encode(), "not_xlsx"),
        (b"PK\x03\x04 but not really a zip", "not_xlsx"),
        (archive.OLE_MAGIC + b"\0" * 600, "old_or_protected"),
    ],
    ids=["empty", "random bytes", "csv", "broken zip", "xls or password-protected"],
)
def test_files_that_are_not_workbooks(data, code):
    assert problems(data) == [Problem("", code)]


def test_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        target.writestr("readme.txt", "hello")
    assert problems(buffer.getvalue()) == [Problem("", "zip_not_workbook")]
    docx = with_parts(build(), replace={"[Content_Types].xml": b"<Types/>"})
    assert problems(docx) == [Problem("", "zip_not_workbook")]


def test_a_file_over_the_limit_is_refused_before_it_is_opened():
    too_big = b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024)
    assert problems(too_big) == [Problem("", "file_too_large")]
    assert archive.MAX_UPLOAD_BYTES == 5 * 1024 * 1024


def test_macro_workbooks_are_refused():
    data = build()
    types = part(data, "[Content_Types].xml").replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml")
    assert problems(with_parts(data, replace={"[Content_Types].xml": types})) == [Problem("", "macros")]
    assert problems(with_parts(data, add={"xl/vbaProject.bin": b"\0" * 64})) == [Problem("", "macros")]
    xlm = types.replace(b"sheet.macroEnabled.main+xml", b"sheet.main+xml").replace(
        b"</Types>",
        b'<Override PartName="/xl/macrosheets/sheet1.xml" '
        b'ContentType="application/vnd.ms-excel.macrosheet+xml"/></Types>',
    )
    assert problems(with_parts(data, replace={"[Content_Types].xml": xlm})) == [Problem("", "macros")]


def test_zip_bombs_are_refused_from_the_declared_sizes():
    big_part = with_parts(build(), add={"xl/media/padding.bin": b"\0" * (archive.MAX_PART_BYTES + 1)})
    assert len(big_part) < archive.MAX_UPLOAD_BYTES  # small on the wire, huge unpacked
    assert problems(big_part) == [Problem("", "zip_bomb")]
    many = with_parts(build(), add={f"xl/media/{n}.bin": b"" for n in range(archive.MAX_MEMBERS)})
    assert problems(many) == [Problem("", "zip_bomb")]
    parts = {f"xl/media/{n}.bin": b"\0" * (archive.MAX_PART_BYTES - 1) for n in range(3)}
    assert problems(with_parts(build(), add=parts)) == [Problem("", "zip_bomb")]


def test_links_to_other_workbooks_are_refused():
    linked = with_parts(build(), add={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"})
    assert problems(linked) == [Problem("", "external_links")]


def test_a_damaged_workbook_or_an_xml_entity_bomb_is_unreadable():
    damaged = with_parts(build(), replace={SHEET_XML: b"<worksheet><sheetData><row"})
    assert problems(damaged) == [Problem("", "unreadable")]
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    assert problems(with_parts(build(), replace={SHEET_XML: laughs})) == [Problem("", "unreadable")]


# --- Bad sheets --------------------------------------------------------------------------------------


def test_an_empty_workbook():
    assert problems(build({"Sheet1": []})) == [Problem("", "empty_workbook")]
    empty_sheets = {name: [] for name in layout.SHEETS}
    assert problems(build(empty_sheets)) == [Problem("", "empty_workbook")]


def test_a_missing_sheet_is_named():
    sheets = {name: rows for name, rows in EXAMPLE_SHEETS.items() if name != layout.INPUTS}
    assert problems(build(sheets)) == [Problem("Inputs", "missing_sheet", {"sheet": "Inputs"})]


def test_hidden_sheets_are_refused():
    def hide(workbook):
        workbook.create_sheet("Notes").sheet_state = "hidden"

    assert problems(build(change=hide)) == [Problem("Notes", "hidden_sheet", {"sheet": "Notes"})]


def test_merged_cells_are_named_by_range():
    def merge(workbook):
        workbook[layout.OUTCOMES].merge_cells("A3:B3")

    assert codes_at(build(change=merge)) == {"Outcomes!A3:B3": "merged_cells"}


def test_missing_unknown_and_repeated_column_keys():
    sheets = copy.deepcopy(EXAMPLE_SHEETS)
    keys = sheets[layout.OUTCOMES][0]
    keys[keys.index("deadweight")] = "dead_weight"
    keys[keys.index("proxy_source")] = "name"
    assert problems(build(sheets)) == [
        Problem("Outcomes!F2", "duplicate_key", {"key": "name"}),
        Problem("Outcomes!I2", "unknown_key", {"key": "dead_weight"}),
        Problem("Outcomes!2:2", "missing_key", {"key": "deadweight"}),
        Problem("Outcomes!F3", "no_key_for_column"),
        Problem("Outcomes!I3", "no_key_for_column"),
    ]


def test_a_sheet_without_keys_in_row_2():
    sheets = copy.deepcopy(EXAMPLE_SHEETS)
    sheets[layout.INPUTS] = [[], ["grant", 250000]]
    assert problems(build(sheets)) == [Problem("Inputs!2:2", "no_header", {"sheet": "Inputs"})]


def test_formulas_in_value_cells_are_named_and_never_evaluated():
    formulas = sheets_with(quantity="=10*6", deadweight="=[1]Assumptions!B2")
    assert codes_at(build(formulas)) == {"Outcomes!D3": "formula", "Outcomes!I3": "external_formula"}

    def array(workbook):
        workbook[layout.INPUTS]["B3"] = ArrayFormula("B3", "=SUM(C1:C2)")

    assert codes_at(build(change=array)) == {"Inputs!B3": "formula"}


def test_an_external_formula_anywhere_is_refused():
    sheets = copy.deepcopy(EXAMPLE_SHEETS)
    sheets[layout.OUTCOMES][0] = [*OUTCOME_KEYS, "impact_year_1"]
    sheets[layout.OUTCOMES][1] = [*sheets[layout.OUTCOMES][1], "='C:\\data\\[map.xlsx]Sheet1'!A1"]
    assert codes_at(build(sheets)) == {"Outcomes!M3": "external_formula"}


def test_dates_where_numbers_or_text_belong():
    sheets = sheets_with(quantity=datetime.date(2025, 1, 6), name=datetime.datetime(2025, 1, 6, 9, 0))
    assert codes_at(build(sheets)) == {"Outcomes!A3": "date_not_text", "Outcomes!D3": "date_not_number"}


def test_error_values_booleans_and_bad_text():
    sheets = sheets_with(quantity="#DIV/0!", financial_proxy=True, deadweight="forty")
    sheets[layout.SETTINGS][1][1] = "maybe"
    assert codes_at(build(sheets)) == {
        "Settings!B3": "cell_not_a_boolean",
        "Outcomes!D3": "error_value",
        "Outcomes!E3": "cell_not_a_number",
        "Outcomes!I3": "cell_not_a_number",
    }


def test_settings_take_one_row():
    sheets = copy.deepcopy(EXAMPLE_SHEETS)
    sheets[layout.SETTINGS].append([0.05, False])
    assert problems(build(sheets)) == [Problem("Settings!4:4", "settings_one_row")]


def _rows_workbook(count: int) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    for name in layout.SHEETS:
        sheet = workbook.create_sheet(name)
        sheet.append(["label"])
        sheet.append([column.key for column in layout.COLUMNS[name]])
        if name == layout.OUTCOMES:
            for number in range(count):
                sheet.append([number])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_dimension(data: bytes, ref: bytes) -> bytes:
    """openpyxl's write-only sheets have no <dimension>: put one in (it follows <sheetPr>)."""
    sheet = part(data, SHEET_XML)
    assert b"<dimension" not in sheet
    changed = sheet.replace(b"</sheetPr>", b'</sheetPr><dimension ref="' + ref + b'"/>', 1)
    assert changed != sheet
    return with_parts(data, replace={SHEET_XML: changed})


TOO_MANY = Problem("Outcomes", "too_many_rows", {"sheet": "Outcomes", "limit": MAX_DATA_ROWS})


def test_100000_rows_are_refused():
    data = _rows_workbook(100_000)
    assert problems(data) == [TOO_MANY]  # no dimension: read up to the limit, then refused
    assert problems(_with_dimension(data, b"A1:A100002")) == [TOO_MANY]  # the dimension says so: not read


def test_rows_past_the_limit_are_refused_when_the_dimension_understates_them():
    data = _rows_workbook(MAX_DATA_ROWS + 1)
    assert problems(_with_dimension(data, b"A1:A3")) == [TOO_MANY]
    assert read_value_map(_rows_workbook(MAX_DATA_ROWS)).cells["outcomes"] == f"Outcomes!A3:A{MAX_DATA_ROWS + 2}"
