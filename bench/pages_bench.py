"""Page latency in-process (Django test client, no network): p50/p95 per page over N requests.

Runs against the local development database (make setup first). Prints numbers; asserts nothing.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

PAGES = [
    "/", "/en/", "/faq/", "/en/faq/", "/about/", "/impact-creators/", "/impact-reports/?sort=sroi_ratio",
    "/analyst/benchmarks/", "/api/v2/pages/?locale=th", "/api/portal/creators", "/accounts/register/creator/",
]  # fmt: skip
RUNS = int(os.environ.get("BENCH_RUNS", 200))


def main() -> None:
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    # Measure rendering, not the anonymous page cache (bench/load_bench.py measures both).
    settings.PAGE_CACHE_ALLOW_BYPASS = True
    client = Client(HTTP_X_PAGE_CACHE_BYPASS="1")
    print(f"page latency, in-process, page cache bypassed, {RUNS} requests each (ms)")
    print(f"{'page':34} {'p50':>7} {'p95':>7} {'queries':>8}")
    for path in PAGES:
        client.get(path)
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        settings.DEBUG = True
        reset_queries()
        client.get(path)
        queries = len(connection.queries)
        settings.DEBUG = False
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{path:34} {statistics.median(timings):7.2f} {p95:7.2f} {queries:8d}")


if __name__ == "__main__":
    main()
