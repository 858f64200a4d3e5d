"""A report's value map as the Value Map workbook (.xlsx) the calculator and the wizard read back.

``value_map_payload`` gives the calculator's payload for a report (or a revision's working copy);
``value_map_xlsx`` writes it with ``value_map.writer``, derived columns as visible formulas.
"""

from __future__ import annotations

from django.http import HttpResponse

from reports.models import DiscountConvention, ImpactReport
from value_map.writer import CONTENT_TYPE, value_map_workbook


def value_map_payload(report: ImpactReport) -> dict[str, object]:
    return {
        "discount_rate": report.discount_rate,
        "discount_first_year": report.discount_convention == DiscountConvention.FIRST_YEAR_DISCOUNTED,
        "inputs": [{"description": item.description, "amount": item.amount} for item in report.inputs.all()],
        "outcomes": [
            {
                "name": outcome.outcome,
                "stakeholder": outcome.stakeholder,
                "indicator_code": outcome.sdg_indicator.code if outcome.sdg_indicator_id else "",
                "quantity": outcome.quantity,
                "financial_proxy": outcome.financial_proxy,
                "proxy_source": outcome.proxy_source,
                "start_year": outcome.start_year,
                "duration_years": outcome.duration_years,
                "deadweight": outcome.deadweight,
                "attribution": outcome.attribution,
                "displacement": outcome.displacement,
                "drop_off": outcome.drop_off,
            }
            for outcome in report.outcomes.all()
        ],
    }


def value_map_xlsx(report: ImpactReport) -> bytes:
    return value_map_workbook(value_map_payload(report))


def xlsx_download(report: ImpactReport) -> HttpResponse:
    response = HttpResponse(value_map_xlsx(report), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="value-map-{report.slug}.xlsx"'
    return response
