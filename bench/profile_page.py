"""Profile one page in-process on the benchmark database, page cache bypassed: CPU ms/request and cProfile.

Usage: DJANGO_SETTINGS_MODULE=config.settings.bench python bench/profile_page.py /impact-creators/ [runs]
Prints numbers; asserts nothing.
"""

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main() -> None:
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    client = Client(HTTP_X_PAGE_CACHE_BYPASS="1", SERVER_NAME="127.0.0.1")
    for _ in range(5):
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    start = time.process_time()
    for _ in range(runs):
        client.get(path)
    cpu_ms = (time.process_time() - start) * 1000 / runs
    print(f"{path}: {cpu_ms:.2f} CPU ms/request in-process (test client), {len(queries)} queries")
    if os.environ.get("PROFILE", "1") == "1":
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(runs):
            client.get(path)
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative"))
        stats.print_stats(int(os.environ.get("TOP", 45)))


if __name__ == "__main__":
    main()
