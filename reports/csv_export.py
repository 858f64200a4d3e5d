"""The value map as CSV: UTF-8 with a byte-order mark (so Excel reads Thai), safe against formula injection."""

from decimal import Decimal

from django.utils.translation import gettext as _

from core.spreadsheet import spreadsheet_csv
from reports import presentation, sroi
from reports.models import ImpactReport


def _plain(value: Decimal | None, places: int = 2) -> str:
    """A number a spreadsheet reads as a number: no thousands separator, 2 (money) or 4 (ratios) decimals."""
    if value is None:
        return ""
    return str(sroi.money(value) if places == 2 else sroi.ratio(value))


def _share(value: Decimal | None) -> str:
    return presentation.percent(value) if value is not None else ""


def header() -> list[str]:
    return [
        _("Stakeholder"),
        _("Inputs"),
        _("Input amount (baht)"),
        _("Outcome"),
        _("Indicator"),
        _("Indicator source"),
        _("SDG indicator code"),
        _("SDG indicator"),
        presentation.estimate_label("quantity"),
        _("Unit"),
        _("Financial proxy (baht)"),
        _("What the proxy values"),
        _("Proxy source"),
        _("Deadweight"),
        _("Attribution"),
        _("Displacement"),
        _("Drop-off"),
        _("Starts in year"),
        _("Duration (years)"),
        _("Impact in year 1 (baht)"),
        _("Present value (baht)"),
    ]


def _row(row: presentation.ValueMapRow) -> list[str]:
    outcome, inputs = row.outcome, row.inputs
    catalogue = getattr(outcome, "catalogue_indicator", None)  # set by presentation.value_map_rows
    cells = [
        row.stakeholder,
        "; ".join(i.description for i in inputs),
        _plain(sum((i.amount for i in inputs), Decimal(0))) if inputs else "",
    ]
    if outcome is None:
        return [*cells, *[""] * 18]
    return [
        *cells,
        outcome.outcome,
        outcome.indicator,
        outcome.indicator_source,
        catalogue.code if catalogue else "",
        catalogue.name if catalogue else "",
        presentation.plain_number(outcome.quantity).replace(",", ""),
        outcome.unit,
        _plain(outcome.financial_proxy),
        outcome.proxy_description,
        outcome.proxy_source,
        _share(outcome.deadweight),
        _share(outcome.attribution),
        _share(outcome.displacement),
        _share(outcome.drop_off),
        str(outcome.start_year),
        str(outcome.duration_years),
        _plain(row.impact_year_1_raw),
        _plain(row.present_value_raw),
    ]


def value_map_csv(report: ImpactReport) -> str:
    """The report's value map, one row per outcome, then the totals; every cell neutralised."""
    try:
        result = report.results(with_sensitivity=False)
    except sroi.SroiValidationError:
        result = None
    rows = presentation.value_map_rows(report, result)
    table = [header(), *(_row(row) for row in rows)]
    table.append([])
    table.append([_("Project"), report.display_title])
    table.append([_("Discount rate"), presentation.percent(report.discount_rate, 4)])
    if result is not None:
        table += [
            [_("Total inputs (baht)"), _plain(result.total_inputs)],
            [_("Present value (baht)"), _plain(result.present_value)],
            [_("Net present value (baht)"), _plain(result.net_present_value)],
            [_("SROI ratio"), _plain(result.sroi_ratio, 4)],
            [_("Net SROI ratio"), _plain(result.net_sroi_ratio, 4)],
            [_("Payback (months)"), _plain(sroi.months(result.payback_months))],
            [_("Discounting convention"), presentation.convention_in_words(report)],
        ]
    return spreadsheet_csv(table)
