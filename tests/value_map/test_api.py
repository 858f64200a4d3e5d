"""The workbook at the portal API: GET /api/portal/sroi/template.xlsx and the calculator taking the workbook."""

from __future__ import annotations

import copy
import io
import json

import openpyxl
import pytest
from django.test import Client
from django.utils import translation

from reports.api import sroi_messages
from tests.value_map.workbooks import EXAMPLE_SHEETS, OUTCOME_KEYS, XLSX, build
from value_map import layout
from value_map.messages import MESSAGES, WORKBOOK_INVALID

CALCULATE = "/api/portal/sroi/calculate"
TEMPLATE = "/api/portal/sroi/template.xlsx"

pytestmark = pytest.mark.django_db


def post_json(client, data, lang="en"):
    return client.post(f"{CALCULATE}?lang={lang}", json.dumps(data), content_type="application/json")


def post_xlsx(client, data: bytes, lang="en"):
    return client.post(f"{CALCULATE}?lang={lang}", data, content_type=XLSX)


def thai(message) -> str:
    with translation.override("th"):
        return str(message)


def english(message) -> str:
    with translation.override("en"):
        return str(message)


def download_template(client) -> openpyxl.Workbook:
    response = client.get(TEMPLATE)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="sroi-value-map-template.xlsx"'
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_the_template_has_the_three_sheets_thai_first_labels_keys_formats_and_validation():
    workbook = download_template(Client())
    assert workbook.sheetnames == ["Settings", "Inputs", "Outcomes"]
    outcomes = workbook["Outcomes"]
    keys = [cell.value for cell in outcomes[2]]
    assert keys == [*OUTCOME_KEYS, "impact_year_1"]
    assert outcomes["A1"].value == "ผลลัพธ์ (สิ่งที่เปลี่ยนแปลง) / Outcome (what changes)"
    assert outcomes["I3"].number_format == "0.00%"  # deadweight
    assert outcomes["M3"].value == "=D3*E3*(1-I3)*(1-K3)*(1-J3)"
    assert workbook["Settings"]["A3"].number_format == "0.00%"
    assert validations(outcomes) == {
        **{f"{column}3:{column}1002": "decimal" for column in "IJKL"},
        "G3:G1002": "whole",
        "H3:H1002": "whole",
    }
    assert validations(workbook["Settings"]) == {"A3:A1002": "decimal", "B3:B1002": "list"}


def validations(sheet) -> dict[str, str]:
    return {
        cell_range: rule.type
        for rule in sheet.data_validations.dataValidation
        for cell_range in str(rule.sqref).split()
    }


def test_a_filled_in_template_calculates_exactly_as_the_json_body():
    client = Client()
    workbook = download_template(client)
    outcomes = workbook["Outcomes"]
    second = ["Fewer hospital visits", "ผู้สูงอายุ", "3.4.1", "๑,๒๐๐", "1,500.50", "สปสช.", 2, 3, "10%", 0.2, 0, 0.5]
    for column, value in enumerate(second, start=1):
        outcomes.cell(4, column, value)
    outcomes["J4"].number_format = "0%"
    workbook["Inputs"].append(["volunteers' time", "๔๐,๐๐๐.๕๐"])
    workbook["Settings"]["B3"] = False
    buffer = io.BytesIO()
    workbook.save(buffer)

    same_as_json = {
        "inputs": [
            {"description": "เงินสนับสนุนโครงการ (grant)", "amount": "250000"},
            {"description": "volunteers' time", "amount": "40000.50"},
        ],
        "discount_rate": "0.035",
        "discount_first_year": False,
        "outcomes": [
            {
                "name": "",
                "quantity": "60",
                "financial_proxy": "8500",
                "start_year": 1,
                "duration_years": 2,
                "deadweight": "0.40",
                "displacement": "0",
                "attribution": "0.30",
                "drop_off": "0.30",
            },
            {
                "name": "Fewer hospital visits",
                "quantity": "1200",
                "financial_proxy": "1500.50",
                "start_year": 2,
                "duration_years": 3,
                "deadweight": "0.10",
                "displacement": "0",
                "attribution": "0.2",
                "drop_off": "0.5",
            },
        ],
    }
    from_workbook = post_xlsx(client, buffer.getvalue())
    same_as_json["outcomes"][0]["name"] = "ผู้เข้าร่วมได้งานทำ (participants find work)"  # the template's example
    from_json = post_json(client, same_as_json)
    assert from_workbook.status_code == from_json.status_code == 200
    assert from_workbook.json() == from_json.json()
    assert from_workbook.content == from_json.content
    assert len(from_workbook.json()["sensitivity"]) > 0
    assert from_workbook["Cache-Control"] == "no-store"


def test_the_engine_errors_are_addressed_by_cell_in_the_readers_language():
    sheets = copy.deepcopy(EXAMPLE_SHEETS)
    row = sheets[layout.OUTCOMES][1]
    row[OUTCOME_KEYS.index("deadweight")] = "150%"
    row[OUTCOME_KEYS.index("name")] = None
    sheets[layout.SETTINGS][1][0] = 1.5
    response = post_xlsx(Client(), build(sheets), lang="th")
    assert response.status_code == 422
    assert response["Content-Language"] == "th"
    assert response.json() == {
        "detail": thai(sroi_messages.INVALID_INPUT),
        "errors": {
            "Outcomes!A3": [thai(sroi_messages.ENGINE_MESSAGES["blank_name"])],
            "Outcomes!I3": [thai(sroi_messages.ENGINE_MESSAGES["not_a_fraction"])],
            "Settings!A3": [thai(sroi_messages.ENGINE_MESSAGES["discount_rate_out_of_range"])],
        },
    }
    sheets = copy.deepcopy(EXAMPLE_SHEETS)
    sheets[layout.INPUTS][1][1] = 0
    errors = post_xlsx(Client(), build(sheets)).json()["errors"]
    assert errors == {"Inputs!B3:B3": [english(sroi_messages.ENGINE_MESSAGES["inputs_total_not_positive"])]}


def test_the_readers_errors_come_by_cell_in_thai_and_english():
    sheets = copy.deepcopy(EXAMPLE_SHEETS)
    sheets[layout.OUTCOMES][1][OUTCOME_KEYS.index("quantity")] = "=10*6"
    for lang, text in (("th", thai), ("en", english)):
        response = post_xlsx(Client(), build(sheets), lang=lang)
        assert response.status_code == 422
        assert response.json() == {
            "detail": text(WORKBOOK_INVALID),
            "errors": {"Outcomes!D3": [text(MESSAGES["formula"])]},
        }


def test_a_file_that_is_no_workbook_is_one_message_for_the_whole_file():
    response = post_xlsx(Client(), "name,amount\nทุน,100\n".encode(), lang="th")
    assert response.status_code == 422
    assert response.json() == {
        "detail": thai(MESSAGES["not_xlsx"]),
        "errors": {"__all__": [thai(MESSAGES["not_xlsx"])]},
    }


def test_a_50_mb_workbook_is_refused_from_its_content_length():
    response = post_xlsx(Client(), b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024))
    assert response.status_code == 413
    assert response.json()["errors"] == {"__all__": ["The file is too large: upload a workbook of at most 5 MB."]}


def test_too_many_outcomes_are_addressed_to_the_outcome_rows():
    sheets = copy.deepcopy(EXAMPLE_SHEETS)
    sheets[layout.OUTCOMES] += [sheets[layout.OUTCOMES][1]] * 200
    response = post_xlsx(Client(), build(sheets))
    assert response.status_code == 422
    assert response.json()["errors"] == {"Outcomes!A3:A203": ["Enter at most 200 outcomes."]}
    assert len(sheets[layout.OUTCOMES]) == 202


def test_every_message_has_thai():
    untranslated = [code for code, message in MESSAGES.items() if thai(message) == english(message)]
    assert untranslated == []
    assert thai(WORKBOOK_INVALID) != english(WORKBOOK_INVALID)


def test_the_openapi_schema_documents_the_workbook_and_the_template():
    schema = Client().get("/api/portal/openapi.json").json()
    calculate = schema["paths"][CALCULATE]["post"]
    assert XLSX in calculate["requestBody"]["content"]
    assert "Outcomes!F7" in calculate["description"]
    template = schema["paths"][TEMPLATE]["get"]
    assert XLSX in template["responses"]["200"]["content"]
