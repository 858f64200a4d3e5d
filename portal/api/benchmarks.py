"""GET /api/portal/benchmarks: SROI ratio benchmarks per sector, from approved (live) reports only.

One item per sector in the sector order, sectors without reports too (count 0, numbers null). Numbers are
decimal strings with 4 places, the same as on the "Sector benchmarks" page; quartiles use linear
interpolation (see ``reports.benchmarks``).

Answers carry ``Cache-Control: public, max-age=300`` and a strong ETag (sha256 of the exact body); a
matching ``If-None-Match`` gets 304 without a body.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from directory.api.lists import TermOut
from directory.api.responses import cacheable_json, decimal_string
from reports.benchmarks import SectorBenchmark, sector_benchmarks

router = Router(tags=["Benchmarks"])

CACHE_CONTROL = "public, max-age=300"


class BenchmarkOut(Schema):
    sector: TermOut
    count: int
    min: str | None
    q1: str | None
    median: str | None
    q3: str | None
    max: str | None


@router.get(
    "/benchmarks",
    response={200: list[BenchmarkOut], 304: None},
    summary="Sector benchmarks",
    description="SROI ratio count, minimum, quartiles (linear interpolation) and maximum per sector, "
    "from approved reports only. Answers 304 to a matching If-None-Match.",
)
def list_benchmarks(request: HttpRequest) -> HttpResponse:
    data = [_benchmark(benchmark) for benchmark in sector_benchmarks()]
    return cacheable_json(request, data, cache_control=CACHE_CONTROL)


def _benchmark(benchmark: SectorBenchmark) -> dict[str, Any]:
    return {
        "sector": {"slug": benchmark.slug, "name_th": benchmark.name_th, "name_en": benchmark.name_en},
        "count": benchmark.count,
        "min": decimal_string(benchmark.minimum),
        "q1": decimal_string(benchmark.q1),
        "median": decimal_string(benchmark.median),
        "q3": decimal_string(benchmark.q3),
        "max": decimal_string(benchmark.maximum),
    }
