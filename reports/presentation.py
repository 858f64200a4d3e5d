"""What the report page shows: formatted numbers, the value map, yearly and sensitivity tables, SVG chart data.

Pure presentation: everything here reads a report (a row or a revision object) and returns plain data for
the templates and the CSV export. Numbers are computed by ``reports.sroi`` and only rounded here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from core.numbers import DASH, number, plain_number, ratio_one_to
from reports import sroi
from reports.catalogue_links import attach_catalogue_indicators
from reports.models import DiscountConvention, ImpactReport

HUNDRED = Decimal(100)
FRACTION_ESTIMATES = ("deadweight", "attribution", "displacement", "drop_off")


# --- Numbers -------------------------------------------------------------------------------------------


def money(value: Decimal | None) -> str:
    return number(sroi.money(value))


def baht(value: Decimal | None) -> str:
    if value is None:
        return DASH
    return _("%(amount)s baht") % {"amount": money(value)}


def ratio(value: Decimal | None) -> str:
    return number(sroi.ratio(value), 4)


def percent(fraction: Decimal | None, max_places: int = 2) -> str:
    """A fraction as a percentage: 0.4 → 40%, 0.035 → 3.5%."""
    if fraction is None:
        return DASH
    return f"{plain_number(Decimal(fraction) * HUNDRED, max_places)}%"


def payback(value: Decimal | None) -> str:
    if value is None:
        return DASH
    return _("%(months)s months") % {"months": number(sroi.months(value))}


def convention_in_words(report: ImpactReport) -> str:
    """The discounting convention as a sentence naming the rate and whether year 1 is discounted."""
    words = {"rate": percent(report.discount_rate, 4), "factor": plain_number(1 + Decimal(report.discount_rate), 6)}
    if report.discount_convention == DiscountConvention.FIRST_YEAR_UNDISCOUNTED:
        return (
            _(
                "Future values are discounted at %(rate)s a year. The first year is not discounted: "
                "the value of year t is divided by %(factor)s to the power t − 1."
            )
            % words
        )
    return (
        _(
            "Future values are discounted at %(rate)s a year. Every year is discounted, the first year too "
            "(the SROI Guide convention): the value of year t is divided by %(factor)s to the power t."
        )
        % words
    )


def estimate_label(estimate: str) -> str:
    return {
        "deadweight": _("Deadweight"),
        "attribution": _("Attribution"),
        "displacement": _("Displacement"),
        "drop_off": _("Drop-off"),
        "financial_proxy": _("Financial proxy"),
        "quantity": _("Quantity"),
    }[estimate]


def estimate_value(estimate: str, value: Decimal | None) -> str:
    if estimate in FRACTION_ESTIMATES:
        return percent(value)
    if estimate == "financial_proxy":
        return baht(value)
    return plain_number(value)


# --- Tables ----------------------------------------------------------------------------------------------


@dataclass
class ValueMapRow:
    stakeholder: str
    inputs: list = field(default_factory=list)  # ReportInput rows, on the stakeholder's first row only
    outcome: object | None = None  # a ReportOutcome
    impact_year_1: str = ""
    present_value: str = ""
    impact_year_1_raw: Decimal | None = None
    present_value_raw: Decimal | None = None

    @property
    def input_lines(self) -> list[tuple[str, str]]:
        return [(item.description, baht(item.amount)) for item in self.inputs]

    def _share(self, name: str) -> str:
        return percent(getattr(self.outcome, name)) if self.outcome is not None else ""

    @property
    def deadweight(self) -> str:
        return self._share("deadweight")

    @property
    def attribution(self) -> str:
        return self._share("attribution")

    @property
    def displacement(self) -> str:
        return self._share("displacement")

    @property
    def drop_off(self) -> str:
        return self._share("drop_off")

    @property
    def quantity(self) -> str:
        return plain_number(self.outcome.quantity) if self.outcome else ""

    @property
    def proxy(self) -> str:
        return baht(self.outcome.financial_proxy) if self.outcome else ""


def value_map_rows(report: ImpactReport, result: sroi.SroiResult | None) -> list[ValueMapRow]:
    """One row per outcome, grouped by stakeholder; a stakeholder's inputs go on its first row.

    Stakeholders who only contribute inputs get a row of their own, so every input appears once.
    """
    stakeholders = [s.name for s in report.stakeholders.all()]
    inputs = list(report.inputs.all())
    outcomes = list(report.outcomes.all())
    attach_catalogue_indicators(outcomes)
    for name in [i.stakeholder for i in inputs] + [o.stakeholder for o in outcomes]:
        if name not in stakeholders:
            stakeholders.append(name)
    rows = []
    for name in stakeholders:
        own_inputs = [i for i in inputs if i.stakeholder == name]
        own_outcomes = [(index, o) for index, o in enumerate(outcomes) if o.stakeholder == name]
        if not own_outcomes and not own_inputs:
            continue
        if not own_outcomes:
            rows.append(ValueMapRow(stakeholder=name, inputs=own_inputs))
            continue
        for position, (index, outcome) in enumerate(own_outcomes):
            row = ValueMapRow(stakeholder=name, inputs=own_inputs if position == 0 else [], outcome=outcome)
            if result is not None and index < len(result.outcomes):
                row.impact_year_1_raw = result.outcomes[index].impact_year_1
                row.present_value_raw = result.outcomes[index].present_value
                row.impact_year_1 = baht(row.impact_year_1_raw)
                row.present_value = baht(row.present_value_raw)
            rows.append(row)
    return rows


@dataclass(frozen=True)
class YearRow:
    year: int
    value: str
    present_value: str


@dataclass(frozen=True)
class SensitivityDisplayRow:
    outcome: str
    estimate: str
    current_value: str
    break_even: str
    ratio_minus_20: str
    ratio_plus_20: str


def sensitivity_table(result: sroi.SroiResult) -> list[SensitivityDisplayRow]:
    return [
        SensitivityDisplayRow(
            outcome=row.outcome_name,
            estimate=estimate_label(row.estimate),
            current_value=estimate_value(row.estimate, row.current_value),
            break_even=(
                estimate_value(row.estimate, row.break_even_value)
                if row.break_even_value is not None
                else _("never within the valid range")
            ),
            ratio_minus_20=ratio(row.ratio_minus_20),
            ratio_plus_20=ratio(row.ratio_plus_20),
        )
        for row in result.sensitivity
    ]


# --- Charts (server-side SVG: coordinates computed here, drawn by templates/reports/includes) -------------

CHART_WIDTH = 640
BAR_AREA = 440  # the longest bar; the rest of the width holds its value
BAR_ROW = 46
YEAR_CHART_HEIGHT = 230
YEAR_PLOT_TOP = 16
YEAR_PLOT_BOTTOM = 200  # the axis; year labels sit below it


def _svg(value: float) -> str:
    """A coordinate for an SVG attribute: always a dot decimal, never localised."""
    return f"{value:.1f}"


@dataclass(frozen=True)
class Bar:
    x: str
    y: str
    width: str
    height: str
    css_class: str
    title: str  # shown as the bar's tooltip and read by screen readers


@dataclass(frozen=True)
class Label:
    x: str
    y: str
    text: str
    anchor: str = "start"


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]
    labels: list[Label]
    legend: list[tuple[str, str]] = field(default_factory=list)  # (css class, label)
    axis_y: str = ""


def _scale(value: Decimal, largest: Decimal, length: int) -> float:
    if largest <= 0 or value <= 0:
        return 0.0
    return float(value / largest) * length


def outcome_chart(rows: list[ValueMapRow], result: sroi.SroiResult) -> Chart:
    """Present value by outcome: horizontal bars, each outcome's name above its bar and the value after it."""
    items = [(r.outcome.outcome, r.present_value_raw or Decimal(0)) for r in rows if r.outcome is not None]
    largest = max((value for _name, value in items), default=Decimal(0))
    bars, labels = [], []
    for index, (name, value) in enumerate(items):
        top = index * BAR_ROW
        width = _scale(value, largest, BAR_AREA)
        bars.append(Bar("0", _svg(top + 20), _svg(width), "20", "chart-bar", f"{name}: {baht(value)}"))
        labels.append(Label("0", _svg(top + 15), name))
        labels.append(Label(_svg(width + 6), _svg(top + 35), baht(value)))
    return Chart(
        title=_("Present value by outcome"),
        description=_("Horizontal bars: the present value each outcome creates, in baht. Total %(total)s.")
        % {"total": baht(result.present_value)},
        width=CHART_WIDTH,
        height=max(len(items), 1) * BAR_ROW + 4,
        bars=bars,
        labels=labels,
    )


def year_chart(result: sroi.SroiResult) -> Chart:
    """Value and present value by year: two columns per year on a shared scale."""
    largest = max((year.value for year in result.years), default=Decimal(0))
    slot = CHART_WIDTH / max(len(result.years), 1)
    column = min(slot * 0.36, 48)
    plot = YEAR_PLOT_BOTTOM - YEAR_PLOT_TOP
    series = (("value", "chart-bar-value", _("Value")), ("present_value", "chart-bar-pv", _("Present value")))
    bars, labels = [], []
    for index, year in enumerate(result.years):
        left = index * slot + (slot - 2 * column) / 2
        year_label = _("Year %(year)s") % {"year": year.year}
        for offset, (attribute, css_class, name) in enumerate(series):
            value = getattr(year, attribute)
            height = _scale(value, largest, plot)
            bars.append(
                Bar(
                    _svg(left + offset * column),
                    _svg(YEAR_PLOT_BOTTOM - height),
                    _svg(column - 2),
                    _svg(height),
                    css_class,
                    f"{year_label}, {name}: {baht(value)}",
                )
            )
        labels.append(Label(_svg(index * slot + slot / 2), _svg(YEAR_PLOT_BOTTOM + 20), year_label, "middle"))
    return Chart(
        title=_("Value by year"),
        description=_("Columns: for each year, the value created and its present value after discounting, in baht."),
        width=CHART_WIDTH,
        height=YEAR_CHART_HEIGHT,
        bars=bars,
        labels=labels,
        legend=[(css_class, name) for _attribute, css_class, name in series],
        axis_y=_svg(YEAR_PLOT_BOTTOM),
    )


# --- Everything the results sections need ------------------------------------------------------------------


@dataclass
class ReportResults:
    value_map: list[ValueMapRow]
    result: sroi.SroiResult | None = None
    errors: dict = field(default_factory=dict)
    years: list[YearRow] = field(default_factory=list)
    totals: dict[str, str] = field(default_factory=dict)
    convention: str = ""
    sensitivity: list[SensitivityDisplayRow] = field(default_factory=list)
    outcome_chart: Chart | None = None
    year_chart: Chart | None = None


def frozen_totals(report: ImpactReport, totals: dict[str, str]) -> dict[str, str]:
    """The public page's headline figures as every list shows them: the report's frozen totals (kept those of the
    current engine by ``refreeze_results``), over the ones just computed."""
    if report.total_inputs is None or report.sroi_ratio is None:
        return totals
    return {
        **totals,
        "total_inputs": baht(report.total_inputs),
        "present_value": baht(report.present_value),
        "sroi_ratio": ratio(report.sroi_ratio),
        "sroi_ratio_one_to": ratio_one_to(report.sroi_ratio),
    }


def report_results(report: ImpactReport) -> ReportResults:
    """Calculate the report (a row or a revision object) and format every results section."""
    try:
        result = report.results()
    except sroi.SroiValidationError as error:
        return ReportResults(value_map=value_map_rows(report, None), errors=error.errors)
    rows = value_map_rows(report, result)
    years = [YearRow(y.year, baht(y.value), baht(y.present_value)) for y in result.years]
    totals = {
        "total_inputs": baht(result.total_inputs),
        "total_value": baht(sum((y.value for y in result.years), Decimal(0))),
        "present_value": baht(result.present_value),
        "net_present_value": baht(result.net_present_value),
        "sroi_ratio": ratio(result.sroi_ratio),
        "sroi_ratio_one_to": ratio_one_to(result.sroi_ratio),
        "net_sroi_ratio": ratio(result.net_sroi_ratio),
        "payback": payback(result.payback_months),
        "discount_rate": percent(report.discount_rate, 4),
    }
    return ReportResults(
        value_map=rows,
        result=result,
        years=years,
        totals=totals,
        convention=convention_in_words(report),
        sensitivity=sensitivity_table(result),
        outcome_chart=outcome_chart(rows, result),
        year_chart=year_chart(result),
    )
