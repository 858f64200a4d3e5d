"""A report's value map exported as the workbook, read back and calculated: the same payload and the same numbers."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.test import Client

from reports.models import DiscountConvention
from reports.value_map_export import value_map_payload, value_map_xlsx
from taxonomy.models import SdgIndicator
from tests.reports.test_report_page import make_report, make_user
from tests.value_map.workbooks import XLSX
from value_map.reader import read_value_map

pytestmark = pytest.mark.django_db

CALCULATE = "/api/portal/sroi/calculate?lang=en"


def outcomes_sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))["Outcomes"]


def test_an_exported_report_reads_back_as_the_same_payload():
    report = make_report(make_user())
    indicator = SdgIndicator.objects.order_by("pk").first()
    assert indicator is not None
    outcome = report.outcomes.get()
    outcome.sdg_indicator = indicator
    outcome.displacement = "0.0500"
    outcome.start_year = 2
    outcome.save()
    report.discount_convention = DiscountConvention.FIRST_YEAR_UNDISCOUNTED
    report.save()

    payload = value_map_payload(report)
    assert payload["outcomes"][0]["indicator_code"] == indicator.code
    assert payload["discount_first_year"] is False
    assert read_value_map(value_map_xlsx(report)).payload == payload


def test_the_export_shows_its_derived_values_as_formulas_after_the_key_columns():
    sheet = outcomes_sheet(value_map_xlsx(make_report(make_user())))
    keys = [cell.value for cell in sheet[2]]
    assert keys[-1] == "impact_year_1" and keys.index("impact_year_1") == len(keys) - 1
    assert sheet["M3"].value == "=D3*E3*(1-I3)*(1-K3)*(1-J3)"
    assert sheet["I3"].value == 0.4 and sheet["I3"].number_format == "0.00%"


def test_text_that_looks_like_a_formula_is_exported_as_text():
    report = make_report(make_user(), outcome='=HYPERLINK("http://x")')
    data = value_map_xlsx(report)
    cell = outcomes_sheet(data)["A3"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'
    assert read_value_map(data).payload["outcomes"][0]["name"] == '=HYPERLINK("http://x")'


def test_the_exported_workbook_calculates_as_the_report():
    report = make_report(make_user())
    response = Client().post(CALCULATE, value_map_xlsx(report), content_type=XLSX)
    assert response.status_code == 200
    results = report.results()
    assert response.json()["sroi_ratio"] == "1.3877" == str(round(results.sroi_ratio, 4))
    body = json.dumps(value_map_payload(report), default=str)
    assert Client().post(CALCULATE, body, content_type="application/json").json() == response.json()


def test_the_downloads_check_the_owner_and_publication(client):
    owner = make_user()
    report = make_report(owner)
    owner_url = f"/accounts/reports/{report.pk}/value-map.xlsx"
    assert client.get(owner_url).status_code == 302  # to the login page
    client.force_login(make_user("someone@example.org"))
    assert client.get(owner_url).status_code == 404
    assert client.get("/en/reports/elderly-skills/value-map.xlsx").status_code == 404  # a draft is not public
    client.force_login(owner)
    response = client.get(owner_url)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="value-map-elderly-skills.xlsx"'
    assert read_value_map(response.content).payload["inputs"] == [{"description": "grant", "amount": 250000}]
    report.save_revision(user=owner).publish()
    client.logout()
    public = client.get("/en/reports/elderly-skills/value-map.xlsx")
    assert public.status_code == 200 and public["Content-Type"] == XLSX
