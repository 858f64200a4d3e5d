"""Cold start of Thai search: what the first searches of a fresh process cost.

1. A fresh Python process (config.settings.bench): the first Thai search when nothing loaded the dictionary
   before it, then the same with the start-up preload that web and task processes do (config/wsgi.py).
2. A fresh gunicorn (BENCH_WORKERS sync workers, default 3) on the benchmark database: as soon as it answers,
   50 different Thai searches at once (page cache bypassed); their latencies and the wall time.
Numbers are printed, nothing is asserted. The benchmark database has no search index (the load test does not
search), so a search here is the query's own work: segmentation plus empty index lookups.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_bench import WORKERS, Gunicorn, bench_env, free_port  # noqa: E402

CONCURRENT = 50
WORDS = ["ผู้สูงอายุ", "การศึกษา", "เชียงใหม่", "เกษตรอินทรีย์", "สุขภาพชุมชน", "ทอผ้า", "น้ำสะอาด", "อาชีพ", "เด็กเล็ก", "ป่าชุมชน"]

FIRST_SEARCH = """
import json, time
import django
django.setup()
from search.service import search
from search.thai import preload_dictionary
preload_ms = 0.0
if {preload}:
    start = time.perf_counter()
    preload_dictionary()
    preload_ms = (time.perf_counter() - start) * 1000
timings = []
for query in ("โครงการพัฒนาอาชีพผู้สูงอายุ", "การศึกษาเด็กเล็กในชุมชน"):
    start = time.perf_counter()
    search(query=query, language="th")
    timings.append((time.perf_counter() - start) * 1000)
print(json.dumps({{"preload_ms": preload_ms, "first_ms": timings[0], "second_ms": timings[1]}}))
"""


def fresh_process(*, preload: bool) -> dict:
    code = FIRST_SEARCH.format(preload=preload)
    shown = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=bench_env(), capture_output=True, text=True)
    if shown.returncode != 0:
        sys.exit(shown.stderr)
    return json.loads(shown.stdout.strip().splitlines()[-1])


def concurrent_first_searches(port: int) -> tuple[list[float], float, int]:
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    barrier = threading.Barrier(CONCURRENT)

    def one(index: int) -> None:
        nonlocal failures
        query = f"{WORDS[index % len(WORDS)]} {WORDS[(index * 3 + 1) % len(WORDS)]} {index}"
        request = urllib.request.Request(f"http://127.0.0.1:{port}/search/?q={urllib.parse.quote(query)}")
        request.add_header("X-Page-Cache-Bypass", "1")
        barrier.wait()
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                ok = response.status == 200
        except OSError:
            ok = False
        elapsed = (time.perf_counter() - start) * 1000
        with lock:
            latencies.append(elapsed)
            failures += not ok

    threads = [threading.Thread(target=one, args=(i,)) for i in range(CONCURRENT)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, (time.perf_counter() - started) * 1000, failures


def main() -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_data.py")], env=bench_env(), check=True, capture_output=True
    )
    lazy = fresh_process(preload=False)
    print(
        f"fresh process, no preload: first Thai search {lazy['first_ms']:,.0f} ms (loads the dictionary), "
        f"second {lazy['second_ms']:,.1f} ms"
    )
    warm = fresh_process(preload=True)
    print(
        f"fresh process, preloaded at start-up (as config/wsgi.py and qcluster do): preload "
        f"{warm['preload_ms']:,.0f} ms, then first Thai search {warm['first_ms']:,.1f} ms, "
        f"second {warm['second_ms']:,.1f} ms"
    )
    port = free_port()
    with Gunicorn(port):
        latencies, wall, failures = concurrent_first_searches(port)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"fresh gunicorn ({WORKERS} sync workers), {CONCURRENT} concurrent first Thai searches: "
        f"p50 {statistics.median(latencies):,.0f} ms, p95 {p95:,.0f} ms, max {latencies[-1]:,.0f} ms, "
        f"all done in {wall:,.0f} ms, {failures} failed"
    )


if __name__ == "__main__":
    main()
