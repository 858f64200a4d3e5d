"""The public "Sector benchmarks" page: SROI ratio quartiles per sector and a distribution chart for each."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from reports.benchmarks import SectorBenchmark, sector_benchmarks, sector_distribution
from reports.presentation import CHART_WIDTH, Bar, Chart, Label, _svg, ratio

PLOT_TOP = 24  # room for the count above the tallest column
PLOT_BOTTOM = 190  # the axis; bucket labels sit below it
CHART_HEIGHT = 220


@dataclass(frozen=True)
class BenchmarkRow:
    benchmark: SectorBenchmark
    numbers: dict[str, str]
    chart: Chart | None
    buckets: list[tuple[str, int]]


def distribution_chart(benchmark: SectorBenchmark, buckets: list[tuple[str, int]]) -> Chart:
    """One column per ratio bucket on a shared scale, each with its count above and its range below."""
    largest = max((count for _label, count in buckets), default=0)
    slot = CHART_WIDTH / len(buckets)
    column = min(slot * 0.6, 64)
    plot = PLOT_BOTTOM - PLOT_TOP
    bars, labels = [], []
    for index, (label, count) in enumerate(buckets):
        height = plot * count / largest if largest else 0
        left = index * slot + (slot - column) / 2
        centre = _svg(index * slot + slot / 2)
        title = _("SROI ratio %(range)s — number of reports: %(count)s") % {"range": label, "count": count}
        bars.append(Bar(_svg(left), _svg(PLOT_BOTTOM - height), _svg(column), _svg(height), "chart-bar", title))
        labels.append(Label(centre, _svg(PLOT_BOTTOM - height - 6), str(count), "middle"))
        labels.append(Label(centre, _svg(PLOT_BOTTOM + 20), label, "middle"))
    return Chart(
        title=_("Distribution of SROI ratios: %(sector)s") % {"sector": benchmark.name},
        description=_("Columns: for each SROI ratio range, the number of approved reports in this sector (%(sector)s).")
        % {"sector": benchmark.name},
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        bars=bars,
        labels=labels,
        axis_y=_svg(PLOT_BOTTOM),
    )


def _row(benchmark: SectorBenchmark) -> BenchmarkRow:
    numbers = {name: ratio(getattr(benchmark, name)) for name in ("minimum", "q1", "median", "q3", "maximum")}
    if not benchmark.count:
        return BenchmarkRow(benchmark, numbers, None, [])
    buckets = sector_distribution(benchmark.slug)
    return BenchmarkRow(benchmark, numbers, distribution_chart(benchmark, buckets), buckets)


def benchmarks(request):
    rows = [_row(benchmark) for benchmark in sector_benchmarks()]
    context = {
        "rows": rows,
        "total": sum(row.benchmark.count for row in rows),
        "canonical_url": request.build_absolute_uri(reverse("reports:benchmarks")),
    }
    return render(request, "reports/benchmarks.html", context)
