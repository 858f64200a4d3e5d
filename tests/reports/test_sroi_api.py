"""The stateless SROI calculator at POST /api/portal/sroi/calculate, and the portal API's schema and docs."""

from __future__ import annotations

import copy
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from django.test import Client
from django.utils import translation

from reports.api import sroi_messages
from reports.api.sroi import SroiResultOut
from reports.sroi import MESSAGES

URL = "/api/portal/sroi/calculate"
D = Decimal

EXAMPLE = {
    "inputs": [{"description": "grant", "amount": "250000"}],
    "discount_rate": "0.035",
    "discount_first_year": True,
    "outcomes": [
        {
            "name": "Jobs",
            "quantity": "60",
            "financial_proxy": "8500",
            "start_year": 1,
            "duration_years": 2,
            "deadweight": "0.40",
            "displacement": "0",
            "attribution": "0.30",
            "drop_off": "0.30",
        }
    ],
}
# The same numbers written as JSON numbers (raw text, so 0.035 is never a binary float on our side).
EXAMPLE_AS_NUMBERS = """{
  "inputs": [{"description": "grant", "amount": 250000}],
  "discount_rate": 0.035, "discount_first_year": true,
  "outcomes": [{"name": "Jobs", "quantity": 60, "financial_proxy": 8500.00, "start_year": 1,
                "duration_years": 2, "deadweight": 0.40, "displacement": 0, "attribution": 0.3,
                "drop_off": 0.30}]
}"""


def example(**changes) -> dict:
    data = copy.deepcopy(EXAMPLE)
    outcome_changes = changes.pop("outcome", {})
    data.update(changes)
    data["outcomes"][0].update(outcome_changes)
    return data


def post(client, data, **extra):
    body = data if isinstance(data, (str, bytes)) else json.dumps(data)
    return client.post(URL, body, content_type="application/json", **extra)


def half_up(value: Fraction, places: int) -> str:
    exact = D(value.numerator) / D(value.denominator)
    return str(exact.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP))


# --- Thai catalog ---------------------------------------------------------------------------------------


@pytest.fixture
def thai_catalog():
    """The Thai messages come from the project catalogue (locale/th)."""
    yield


@pytest.fixture(autouse=True)
def english_expectations():
    """Expected messages are computed in English unless a test asks for Thai explicitly."""
    with translation.override("en"):
        yield


# --- Calculation ------------------------------------------------------------------------------------------


def test_issue_example_hand_computed(client):
    response = post(client, EXAMPLE)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    data = response.json()
    SroiResultOut.model_validate(data)  # the answer matches its documented schema
    # Year 1: 60 × 8500 × (1 − 0.40) × (1 − 0) × (1 − 0.30) = 214200; year 2: × (1 − 0.30) = 149940
    # PV = 214200 / 1.035 + 149940 / 1.035² = 206956.5217… + 139970.5944… = 346927.1161…
    present_value = Fraction(214200) / Fraction("1.035") + Fraction(149940) / Fraction("1.035") ** 2
    assert data["total_inputs"] == "250000.00"
    assert data["present_value"] == "346927.12"
    assert data["net_present_value"] == "96927.12"
    assert data["sroi_ratio"] == "1.3877"  # 346927.1161… / 250000 = 1.38770…
    assert data["net_sroi_ratio"] == "0.3877"
    assert data["payback_months"] == "14.01"  # 250000 / (214200 / 12) = 14.0056…
    assert data["years"] == [
        {"year": 1, "value": "214200.00", "present_value": "206956.52"},
        {"year": 2, "value": "149940.00", "present_value": "139970.59"},
    ]
    assert data["outcomes"] == [{"name": "Jobs", "impact_year_1": "214200.00", "present_value": "346927.12"}]

    rows = {row["estimate"]: row for row in data["sensitivity"]}
    assert [row["estimate"] for row in data["sensitivity"]] == [
        "deadweight",
        "attribution",
        "displacement",
        "drop_off",
        "financial_proxy",
        "quantity",
    ]
    assert all(row["outcome_index"] == 0 and row["outcome"] == "Jobs" for row in data["sensitivity"])
    assert {estimate: row["current_value"] for estimate, row in rows.items()} == {
        "deadweight": "0.4",
        "attribution": "0.3",
        "displacement": "0",
        "drop_off": "0.3",
        "financial_proxy": "8500",
        "quantity": "60",
    }
    # PV is linear in quantity: ratio 1 at 60 × 250000 / PV = 43.2366…
    assert abs(Fraction(rows["quantity"]["break_even_value"]) - 60 * 250000 / present_value) < Fraction(1, 10**28)
    # (1 − deadweight) × PV / 0.6 = 250000 → deadweight = 1 − 0.6 × 250000 / PV = 0.5676…
    deadweight_break_even = 1 - Fraction("0.6") * 250000 / present_value
    assert abs(Fraction(rows["deadweight"]["break_even_value"]) - deadweight_break_even) < Fraction(1, 10**28)
    # Deadweight − 20 %: 0.32 → PV × 0.68 / 0.6; + 20 %: 0.48 → PV × 0.52 / 0.6
    assert rows["deadweight"]["ratio_minus_20"] == half_up(present_value * Fraction(68, 60) / 250000, 4)
    assert rows["deadweight"]["ratio_plus_20"] == half_up(present_value * Fraction(52, 60) / 250000, 4)
    assert rows["quantity"]["ratio_minus_20"] == half_up(present_value * Fraction(8, 10) / 250000, 4)
    assert rows["displacement"]["ratio_minus_20"] == rows["displacement"]["ratio_plus_20"] == "1.3877"  # 0 ± 20 %


def test_json_numbers_and_strings_give_identical_answers(client):
    from_strings = post(client, EXAMPLE)
    from_numbers = post(client, EXAMPLE_AS_NUMBERS)
    assert from_numbers.status_code == 200
    assert from_numbers.json() == from_strings.json()


def test_optional_fields_take_their_defaults(client):
    full = post(client, EXAMPLE).json()
    data = example()
    del data["discount_first_year"], data["inputs"][0]["description"]
    for field in ("start_year", "displacement"):
        del data["outcomes"][0][field]
    assert post(client, data).json() == full
    no_drop_off = example()
    del no_drop_off["outcomes"][0]["drop_off"]
    # drop-off 0: year 2 keeps year 1's 214200
    assert [year["value"] for year in post(client, no_drop_off).json()["years"]] == ["214200.00", "214200.00"]


def test_first_year_undiscounted_convention(client):
    data = post(client, example(discount_first_year=False)).json()
    # PV = 214200 + 149940 / 1.035 = 359069.5652…; ratio 1.43627…
    assert data["present_value"] == "359069.57"
    assert data["sroi_ratio"] == "1.4363"
    assert data["years"][0]["present_value"] == "214200.00"


def test_payback_is_null_when_year_one_has_no_impact(client):
    data = post(client, example(outcome={"start_year": 2})).json()
    assert data["payback_months"] is None
    assert data["years"][0] == {"year": 1, "value": "0.00", "present_value": "0.00"}
    assert data["outcomes"][0]["impact_year_1"] == "214200.00"  # the outcome's own first year (year 2)


def test_csrf_is_not_required(client):
    assert post(Client(enforce_csrf_checks=True), EXAMPLE).status_code == 200


# --- Invalid input ------------------------------------------------------------------------------------------

BAD_OUTCOME_VALUES = [
    ({"deadweight": "1.5"}, "outcomes[0].deadweight", "not_a_fraction"),
    ({"attribution": -0.1}, "outcomes[0].attribution", "not_a_fraction"),
    ({"quantity": "-60"}, "outcomes[0].quantity", "negative"),
    ({"financial_proxy": "abc"}, "outcomes[0].financial_proxy", "not_a_number"),
    ({"financial_proxy": True}, "outcomes[0].financial_proxy", "not_a_number"),
    ({"financial_proxy": None}, "outcomes[0].financial_proxy", "required"),
    ({"duration_years": 0}, "outcomes[0].duration_years", "duration_too_small"),
    ({"duration_years": "1.5"}, "outcomes[0].duration_years", "not_a_whole_number"),
    ({"start_year": 100}, "outcomes[0].duration_years", "too_many_years"),
    ({"name": "  "}, "outcomes[0].name", "blank_name"),
    ({"name": 5}, "outcomes[0].name", "not_text"),
]


@pytest.mark.parametrize(("change", "field", "code"), BAD_OUTCOME_VALUES)
def test_bad_outcome_values_are_422_with_the_field(client, change, field, code):
    response = post(client, example(outcome=change), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["errors"] == {field: [MESSAGES[code]]}
    with translation.override("en"):  # the request itself leaves Thai active in this thread
        assert body["detail"] == str(sroi_messages.INVALID_INPUT)


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        (example(inputs=[{"amount": "0"}]), "inputs", "inputs_total_not_positive"),
        (example(inputs=[{"amount": "-5"}]), "inputs[0].amount", "negative"),
        (example(inputs=[]), "inputs", "inputs_total_not_positive"),
        (example(inputs="grant"), "inputs", "not_a_list"),
        (example(inputs=["grant"]), "inputs[0]", "not_an_object"),
        (example(discount_rate="1"), "discount_rate", "discount_rate_out_of_range"),
        (example(discount_first_year="yes"), "discount_first_year", "not_a_boolean"),
        ({"inputs": [{"amount": 1}]}, "outcomes", "required"),
        ([EXAMPLE], "__all__", "not_an_object"),
        ("just text", "__all__", "not_an_object"),
    ],
)
def test_bad_calculations_are_422_with_the_field(client, data, field, code):
    response = post(client, json.dumps(data), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json()["errors"][field] == [MESSAGES[code]]


def test_every_problem_is_listed_at_once(client):
    data = example(discount_rate="-1", outcome={"deadweight": "2", "quantity": "x"})
    errors = post(client, data).json()["errors"]
    assert set(errors) == {"discount_rate", "outcomes[0].deadweight", "outcomes[0].quantity"}


@pytest.mark.parametrize(
    ("literal", "code"),
    [
        ("NaN", "not_finite"),
        ("Infinity", "not_finite"),
        ("-Infinity", "not_finite"),
        ("1e999999", "too_large"),
        ("-1e999999", "too_large"),
        ("1e99999999999999999999999", "not_a_number"),  # beyond what Decimal can hold
        ("1" * 10_000, "too_large"),
        ("1." + "1" * 10_000, "too_many_digits"),
        ("1e-999999", "too_many_decimal_places"),
    ],
)
def test_extreme_number_literals_are_422(client, literal, code):
    body = json.dumps(example()).replace('"financial_proxy": "8500"', f'"financial_proxy": {literal}')
    response = post(client, body, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json()["errors"] == {"outcomes[0].financial_proxy": [MESSAGES[code]]}


def test_extreme_literal_in_a_text_field(client):
    body = json.dumps(example()).replace('"name": "Jobs"', '"name": 1e99999999999999999999999')
    assert post(client, body, HTTP_ACCEPT_LANGUAGE="en").json()["errors"] == {
        "outcomes[0].name": [MESSAGES["not_text"]]
    }


def test_number_strings_are_checked_the_same_way(client):
    response = post(client, example(outcome={"financial_proxy": "NaN"}), HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["errors"] == {"outcomes[0].financial_proxy": [MESSAGES["not_finite"]]}


@pytest.mark.parametrize("field", ["inputs", "outcomes"])
def test_at_most_200_inputs_and_outcomes(client, field):
    data = example()
    data[field] = data[field] * 200
    assert post(client, data).status_code == 200
    data[field].append(data[field][0])
    response = post(client, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json()["errors"] == {field: [f"Enter at most 200 {field}."]}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{", sroi_messages.MALFORMED_JSON),
        ("", sroi_messages.MALFORMED_JSON),
        ("{'inputs': []}", sroi_messages.MALFORMED_JSON),
        (b"\xff\xfe\x00", sroi_messages.MALFORMED_JSON),
        ("[" * 100_000 + "]" * 100_000, sroi_messages.NESTED_TOO_DEEPLY),
    ],
)
def test_unreadable_bodies_are_400(client, body, message):
    response = post(client, body, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Cache-Control"] == "no-store"
    with translation.override("en"):
        assert response.json() == {"detail": str(message), "errors": {"__all__": [str(message)]}}


def test_form_encoded_body_is_400(client):
    response = client.post(URL, {"inputs": "250000"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400


def test_invalid_content_length_is_400(client):
    response = post(client, EXAMPLE, CONTENT_LENGTH="many", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["detail"] == "The Content-Length header is not valid."


def test_bodies_over_one_megabyte_are_413(client):
    data = example(outcome={"name": "x" * (1024 * 1024)})
    response = post(client, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    assert response.json()["detail"] == "The request body is too large: send at most 1 MB."
    almost = example(outcome={"name": "x" * (1024 * 1024 - 1000)})
    assert post(client, almost).status_code == 200


# --- Languages -----------------------------------------------------------------------------------------


def test_messages_are_thai_by_default(client, thai_catalog):
    response = post(client, example(outcome={"deadweight": "1.5"}))
    assert response["Content-Language"] == "th"
    assert response.json() == {
        "detail": "ข้อมูลบางช่องขาดหายหรือไม่ถูกต้อง โปรดดูข้อความของแต่ละช่อง",
        "errors": {"outcomes[0].deadweight": ["กรุณากรอกค่าระหว่าง 0 ถึง 1 เช่น 0.25 หมายถึง 25%"]},
    }
    too_large = post(client, example(outcome={"name": "x" * (1024 * 1024)}))
    assert too_large.json()["detail"] == "เนื้อหาของคำขอมีขนาดใหญ่เกินไป: ส่งได้ไม่เกิน 1 MB"
    many = example()
    many["outcomes"] *= 201
    assert post(client, many).json()["errors"] == {"outcomes": ["กรอกผลลัพธ์ได้ไม่เกิน 200 รายการ"]}


def test_english_from_accept_language_or_lang_parameter(client, thai_catalog):
    bad = example(outcome={"deadweight": "1.5"})
    english = {"outcomes[0].deadweight": ["Enter a value between 0 and 1, for example 0.25 for 25%."]}
    response = post(client, bad, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.json()["errors"] == english
    assert response["Content-Language"] == "en"
    assert client.post(f"{URL}?lang=en", json.dumps(bad), content_type="application/json").json()["errors"] == english
    thai = client.post(f"{URL}?lang=th", json.dumps(bad), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert thai["Content-Language"] == "th"
    assert thai.json()["errors"]["outcomes[0].deadweight"] != english["outcomes[0].deadweight"]
    unknown = client.post(f"{URL}?lang=fr", json.dumps(bad), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert unknown.json()["errors"] == english


def test_every_engine_message_has_a_translatable_twin():
    assert set(sroi_messages.ENGINE_MESSAGES) == set(MESSAGES)
    with translation.override("en"):
        for code, text in MESSAGES.items():
            assert str(sroi_messages.ENGINE_MESSAGES[code]) == text


def test_every_new_message_has_a_thai_translation(thai_catalog):
    texts = [*sroi_messages.ENGINE_MESSAGES.values()]
    texts += [value for name, value in vars(sroi_messages).items() if name.isupper() and name != "ENGINE_MESSAGES"]
    assert len(texts) == len(MESSAGES) + 7
    with translation.override("en"):
        english = [str(text) for text in texts]
    with translation.override("th"):
        thai = [str(text) for text in texts]
    assert [text for text, translated in zip(english, thai, strict=True) if text == translated] == []


# --- OpenAPI schema and docs ----------------------------------------------------------------------------


def test_openapi_schema_documents_the_calculator(client):
    response = client.get("/api/portal/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Impact Partnership portal API"
    operation = schema["paths"]["/api/portal/sroi/calculate"]["post"]
    request_schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert set(request_schema["required"]) == {"inputs", "discount_rate", "outcomes"}
    outcome_schema = request_schema["properties"]["outcomes"]["items"]
    assert {"quantity", "financial_proxy", "deadweight", "drop_off"} <= set(outcome_schema["properties"])
    assert "$ref" not in json.dumps(request_schema)
    assert {"lang"} <= {parameter["name"] for parameter in operation["parameters"]}
    components = schema["components"]["schemas"]
    answer_ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    answer = components[answer_ref.rsplit("/", 1)[-1]]
    assert {"present_value", "sroi_ratio", "payback_months", "years", "sensitivity"} <= set(answer["properties"])
    error_ref = operation["responses"]["422"]["content"]["application/json"]["schema"]["$ref"]
    assert set(components[error_ref.rsplit("/", 1)[-1]]["properties"]) == {"detail", "errors"}
    assert {"400", "413"} <= set(operation["responses"])
    assert not any("docs/assets" in path for path in schema["paths"])


def test_docs_page_uses_no_external_assets(client):
    response = client.get("/api/portal/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    sources = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"', html)
    assert sources and not [source for source in sources if re.match(r"(?i)(https?:)?//", source)]
    assert "https://" not in html and "http://" not in html
    for source in sources:
        asset = client.get(source)
        assert asset.status_code == 200, source
        assert b"".join(asset.streaming_content)
    assert '"url": "/api/portal/openapi.json"' in html


@pytest.mark.django_db  # Wagtail's RedirectMiddleware looks up redirects for every 404
def test_docs_assets_serve_only_the_known_files(client):
    assert client.get("/api/portal/docs/assets/swagger-ui-bundle.js.map").status_code == 404
    missing = client.get("/api/portal/docs/assets/__init__.py")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not Found"}
