"""The value map CSV: Excel-friendly Thai (UTF-8 with BOM) and no formula injection."""

import csv
import io

import pytest
from django.utils import translation

from core.spreadsheet import BOM, safe_cell
from reports.csv_export import value_map_csv
from tests.reports.test_report_page import TITLE, make_report, make_user

pytestmark = pytest.mark.django_db

INJECTIONS = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)"]


def rows_of(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :])))


def test_safe_cell_neutralises_formula_prefixes():
    for value in [*INJECTIONS, "\tx", "\rx"]:
        assert safe_cell(value) == "'" + value
    assert safe_cell("ผู้สูงอายุ") == "ผู้สูงอายุ" and safe_cell(None) == "" and safe_cell(60) == "60"


def test_csv_has_bom_header_thai_and_numbers():
    report = make_report(make_user())
    with translation.override("en"):
        rows = rows_of(value_map_csv(report.get_latest_revision_as_object()))
    header = rows[0]
    assert header[:4] == ["Stakeholder", "Inputs", "Input amount (baht)", "Outcome"]
    assert header[-1] == "Present value (baht)" and all(len(row) == len(header) for row in rows[1:3])
    outcome_row = next(row for row in rows if row and row[3] == "มีรายได้เพิ่มขึ้น")
    assert outcome_row[0] == "ผู้สูงอายุ" and "40%" in outcome_row and "346927.12" in outcome_row
    assert "214200.00" in outcome_row
    input_row = next(row for row in rows if row and row[0] == "มูลนิธิ")
    assert input_row[1:3] == ["grant", "250000.00"]
    summary = {row[0]: row[1] for row in rows if len(row) == 2}
    assert summary["Project"] == TITLE and summary["SROI ratio"] == "1.3877"
    assert summary["Present value (baht)"] == "346927.12" and summary["Payback (months)"] == "14.01"


def test_csv_neutralises_injection_in_every_cell():
    owner = make_user()
    for index, name in enumerate(INJECTIONS):
        report = make_report(owner, slug=f"inject-{index}", outcome=name)
        rows = rows_of(value_map_csv(report))
        cells = [cell for row in rows for cell in row]
        assert "'" + name in cells
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_csv_views_set_download_headers(client):
    owner = make_user()
    report = make_report(owner)
    client.force_login(owner)
    response = client.get(f"/accounts/reports/{report.pk}/value-map.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="value-map-elderly-skills.csv"'
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf") and "ผู้สูงอายุ".encode() in body
    report.save_revision(user=owner).publish()
    client.logout()
    public = client.get("/en/reports/elderly-skills/value-map.csv")
    assert public.status_code == 200 and public["Content-Type"] == "text/csv; charset=utf-8"
    assert public.content.decode("utf-8-sig").splitlines()[0].startswith("Stakeholder,Inputs")
