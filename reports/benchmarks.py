"""Sector benchmarks: how the SROI ratios of approved (live) Impact Reports spread within each sector.

Everything is computed by the database, so the cost does not grow with the number of reports:

- count, minimum and maximum per sector: one grouped aggregate query;
- quartiles: per sector and quartile, one ordered query that reads at most the two neighbouring values
  it needs (``OFFSET``/``LIMIT`` on the ratios ordered ascending);
- the distribution for the chart: one aggregate query with a conditional ``COUNT`` per bucket.

Quartile method: linear interpolation between the two neighbouring order statistics, numpy's default
``"linear"`` method, which is also ``statistics.quantiles(data, n=4, method="inclusive")``. For the
sorted ratios x[0] … x[n-1] the p-quantile is at position h = (n - 1) · p; with k = ⌊h⌋ it is
x[k] + (h - k) · (x[k+1] - x[k]). With one report every quartile equals its ratio.

Results are cached under a versioned key and invalidated by ``reports.signals`` whenever a report is
published (approved, or an edit approved), unpublished or deleted. Bump ``CACHE_VERSION`` when the
cached shape changes. A reader that computed from the old data just before an invalidation may still
store it; ``CACHE_SECONDS`` bounds how long such a stale answer can live. The keys carry the public cache
generation: an invalidation that could not reach the cache retires them all (``visibility.version``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import translation

from reports.models import ImpactReport
from taxonomy.models import Sector
from visibility.version import cache_generation, invalidate

CACHE_VERSION = 1
CACHE_KEY = f"benchmarks:v{CACHE_VERSION}"
DISTRIBUTION_CACHE_KEY = f"{CACHE_KEY}:distributions"
CACHE_SECONDS = 60 * 60
PLACES = Decimal("0.0001")
PERCENT_PLACES = Decimal("0.01")
QUARTILES = (Decimal("0.25"), Decimal("0.5"), Decimal("0.75"))

# Fixed ratio buckets for the distribution chart: (label, lower bound inclusive, upper bound exclusive).
BUCKETS: tuple[tuple[str, Decimal | None, Decimal | None], ...] = (
    ("< 1", None, Decimal(1)),
    ("1–2", Decimal(1), Decimal(2)),
    ("2–3", Decimal(2), Decimal(3)),
    ("3–5", Decimal(3), Decimal(5)),
    ("5–10", Decimal(5), Decimal(10)),
    ("≥ 10", Decimal(10), None),
)


@dataclass(frozen=True)
class SectorBenchmark:
    slug: str
    name_th: str
    name_en: str
    count: int
    minimum: Decimal | None = None
    q1: Decimal | None = None
    median: Decimal | None = None
    q3: Decimal | None = None
    maximum: Decimal | None = None

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_th


def _q4(value: Decimal) -> Decimal:
    return Decimal(value).quantize(PLACES, rounding=ROUND_HALF_UP)


def live_ratios() -> QuerySet[ImpactReport]:
    """Live (approved, public) reports that have a frozen SROI ratio."""
    return ImpactReport.objects.public().filter(sroi_ratio__isnull=False)


def _quantile(ordered: QuerySet, count: int, p: Decimal) -> Decimal:
    """The p-quantile by linear interpolation, reading only the one or two values it needs."""
    position = (count - 1) * p
    index = int(position)  # floor: position is never negative
    fraction = position - index
    values = list(ordered[index : index + (2 if fraction else 1)])
    if not fraction or len(values) < 2:
        return values[0]
    low, high = values
    return low + fraction * (high - low)


def _compute_benchmarks() -> list[SectorBenchmark]:
    sectors = list(Sector.objects.order_by("sort_order", "pk"))
    stats = {
        row["sector_id"]: row
        for row in live_ratios()
        .filter(sector__isnull=False)
        .values("sector_id")
        .annotate(count=Count("pk"), minimum=Min("sroi_ratio"), maximum=Max("sroi_ratio"))
        .order_by()
    }
    benchmarks = []
    for sector in sectors:
        row = stats.get(sector.pk)
        if row is None or not row["count"]:
            benchmarks.append(SectorBenchmark(sector.slug, sector.name_th, sector.name_en, 0))
            continue
        count, minimum, maximum = row["count"], Decimal(row["minimum"]), Decimal(row["maximum"])
        if count == 1:
            q1 = median = q3 = minimum
        else:
            ordered = (
                live_ratios()
                .filter(sector_id=sector.pk)
                .order_by("sroi_ratio", "pk")
                .values_list("sroi_ratio", flat=True)
            )
            q1, median, q3 = (_quantile(ordered, count, p) for p in QUARTILES)
        benchmarks.append(
            SectorBenchmark(
                sector.slug,
                sector.name_th,
                sector.name_en,
                count,
                minimum=_q4(minimum),
                q1=_q4(q1),
                median=_q4(median),
                q3=_q4(q3),
                maximum=_q4(maximum),
            )
        )
    return benchmarks


def _keys() -> tuple[str, str]:
    generation = cache_generation()
    return f"{CACHE_KEY}:g{generation}", f"{DISTRIBUTION_CACHE_KEY}:g{generation}"


def sector_benchmarks() -> list[SectorBenchmark]:
    """Every sector in Sector order (those without reports too, with count 0 and no numbers)."""
    key = _keys()[0]
    benchmarks = cache.get(key)
    if benchmarks is None:
        benchmarks = _compute_benchmarks()
        cache.set(key, benchmarks, CACHE_SECONDS)
    return benchmarks


def _compute_distribution(sector_slug: str) -> list[tuple[str, int]]:
    counts = {}
    for index, (_label, low, high) in enumerate(BUCKETS):
        condition = Q()
        if low is not None:
            condition &= Q(sroi_ratio__gte=low)
        if high is not None:
            condition &= Q(sroi_ratio__lt=high)
        counts[f"bucket_{index}"] = Count("pk", filter=condition)
    totals = live_ratios().filter(sector__slug=sector_slug).aggregate(**counts)
    return [(label, totals[f"bucket_{index}"] or 0) for index, (label, _low, _high) in enumerate(BUCKETS)]


def sector_distribution(sector_slug: str) -> list[tuple[str, int]]:
    """(bucket label, number of live reports) for the fixed ratio buckets, in ascending order."""
    key = _keys()[1]
    distributions = cache.get(key) or {}
    if sector_slug not in distributions:
        distributions = {**distributions, sector_slug: _compute_distribution(sector_slug)}
        cache.set(key, distributions, CACHE_SECONDS)
    return distributions[sector_slug]


def report_percentile(report: ImpactReport) -> Decimal | None:
    """Percentage (2 places) of live reports in the report's sector whose ratio is ≤ the report's ratio."""
    if report.sector_id is None or report.sroi_ratio is None:
        return None
    counts = (
        live_ratios()
        .filter(sector_id=report.sector_id)
        .aggregate(total=Count("pk"), at_or_below=Count("pk", filter=Q(sroi_ratio__lte=report.sroi_ratio)))
    )
    total, at_or_below = counts["total"], counts["at_or_below"]
    if not total:
        return None
    return (Decimal(at_or_below) * 100 / Decimal(total)).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


def invalidate_benchmarks() -> None:
    invalidate(lambda: cache.delete_many(list(_keys())))
