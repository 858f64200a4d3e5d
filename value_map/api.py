"""GET /api/portal/sroi/template.xlsx: the empty SROI Value Map workbook with one example row.

Mounted under /sroi by config/portal_api.py; the calculator (reports/api/sroi.py) reads the filled-in workbook.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router

from value_map.writer import CONTENT_TYPE, template_workbook

router = Router(tags=["SROI"])

TEMPLATE_FILENAME = "sroi-value-map-template.xlsx"


@router.get(
    "/template.xlsx",
    summary="Download the SROI Value Map workbook template",
    description=(
        "An Excel workbook (.xlsx) with the sheets Settings, Inputs and Outcomes: labels in Thai and English in "
        "row 1, the machine keys the calculator reads in row 2 (columns may be reordered), one example row from "
        "row 3. Settings: discount_rate, discount_first_year (one row). Inputs: description, amount. Outcomes: "
        "name, stakeholder, indicator_code, quantity, financial_proxy, proxy_source, start_year, duration_years, "
        "deadweight, attribution, displacement, drop_off; the calculated column impact_year_1 is ignored on "
        'upload. Shares as 0.25, a cell formatted as 25 %, or text "25%"; numbers may be text with thousands '
        "separators and Thai digits. Cells must hold values, not formulas. POST the filled-in workbook to "
        "/api/portal/sroi/calculate with the content type " + CONTENT_TYPE + "."
    ),
    openapi_extra={
        "responses": {
            200: {
                "description": "The workbook.",
                "content": {CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def value_map_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_workbook(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
    response["Cache-Control"] = "public, max-age=3600"
    return response
