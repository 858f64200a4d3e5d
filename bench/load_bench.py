"""Load test: the site under gunicorn on a benchmark database, driven by wrk over loopback.

Builds (or reuses) var/bench/bench.sqlite3 with 10,000 creators, 2,000 assessors and 50,000 reports
(BENCH_QUICK=1: a tenth of that and shorter runs), starts gunicorn with config.settings.bench, and prints
requests/s, p50 and p95 per page at concurrency 1 and 8, with the page cache bypassed ("uncached") and in
use ("cached"). Uncached requests send X-Page-Cache-Bypass, which only settings with
PAGE_CACHE_ALLOW_BYPASS honour: the page is rendered from the database every time while the smaller caches
(menu, filter choices, benchmark statistics) stay warm, as on a real page-cache miss.
For each page it prints the CPU milliseconds the gunicorn workers spent per request, uncached and cached,
beside a bare Django view measured in the same run. Numbers are printed, nothing is asserted.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_data import sizes_from_env  # noqa: E402

QUICK = os.environ.get("BENCH_QUICK") == "1"
DURATION = os.environ.get("BENCH_DURATION", "3s" if QUICK else "5s")
WORKERS = int(os.environ.get("BENCH_WORKERS", 3))
PER_PAGE = 20
BYPASS = "X-Page-Cache-Bypass: 1"
TARGET_CPU_MS = 10
BARE_PATH = "/bench-bare/"
# BENCH_C1=1 adds a concurrency-1 latency cell per page (uncached).
WITH_C1 = os.environ.get("BENCH_C1") == "1"

WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format('{"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


@dataclass
class Target:
    name: str
    path: str
    kind: str  # "page", "directory", "detail" or "api"


def targets() -> list[Target]:
    sizes = sizes_from_env()
    last = {"creators": sizes.creators // PER_PAGE, "assessors": sizes.assessors // PER_PAGE}
    last["reports"] = sizes.reports // PER_PAGE
    deep = {kind: max(1, int(pages * 0.8)) for kind, pages in last.items()}
    # One sector of six: a filtered list is about a sixth as long.
    deep_filtered = {kind: max(1, int(pages / 6 * 0.8)) for kind, pages in last.items()}
    return [
        Target("home", "/", "page"),
        Target("FAQ", "/faq/", "page"),
        Target("creators", "/impact-creators/", "directory"),
        Target("creators deep", f"/impact-creators/?page={deep['creators']}", "directory"),
        Target("creators filtered", "/impact-creators/?organisation_type=social&sdg=4", "directory"),
        Target(
            "creators filtered deep",
            f"/impact-creators/?organisation_type=social&page={deep_filtered['creators']}",
            "directory",
        ),
        Target("assessors", "/impact-assessors/", "directory"),
        Target("assessors deep", f"/impact-assessors/?page={deep['assessors']}", "directory"),
        Target("assessors filtered", "/impact-assessors/?expertise=social&province=bangkok", "directory"),
        Target("reports", "/impact-reports/", "directory"),
        Target("reports deep", f"/impact-reports/?page={deep['reports']}", "directory"),
        Target("reports filtered", "/impact-reports/?sector=social&sdg=4&sort=sroi_ratio", "directory"),
        Target("reports filtered deep", f"/impact-reports/?sector=social&page={deep_filtered['reports']}", "directory"),
        Target("creator detail", "/creators/org-00042/", "detail"),
        Target("assessor detail", "/assessors/assessor-0042/", "detail"),
        Target("report detail", "/reports/report-00042/", "detail"),
        Target("benchmarks", "/analyst/benchmarks/", "detail"),
        Target("API creators", "/api/portal/creators?limit=20", "api"),
        Target("Wagtail API v2 pages", "/api/v2/pages/", "api"),
        Target("API reports deep", f"/api/portal/reports?limit=20&offset={sizes.reports * 4 // 5}", "api"),
        Target("API assessors filtered", "/api/portal/assessors?expertise=social&limit=20", "api"),
    ]


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    # Debian's wrk, installed the way .ci/run installs chromium.
    command = ["apt-get", "install", "-y", "wrk"]
    if os.geteuid() != 0 and shutil.which("sudo"):
        command.insert(0, "sudo")
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return shutil.which("wrk") or sys.exit("wrk is not installed and apt-get could not install it")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env() -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.bench", "PYTHONPATH": str(ROOT)}


class Gunicorn:
    def __init__(self, port: int):
        self.port = port
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), "config.wsgi:application", "--workers", str(WORKERS)]
        command += ["--bind", f"127.0.0.1:{self.port}", "--log-level", "warning", "--timeout", "60"]
        # Its own process group, so stopping it also stops every worker it forked.
        self.process = subprocess.Popen(command, cwd=ROOT, env=bench_env(), start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=5) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        self.stop()
        sys.exit("gunicorn did not answer within 90 s")

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        group = os.getpgid(self.process.pid)
        os.killpg(group, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            self.process.wait(timeout=5)


def fetch(port: int, path: str, *, bypass: bool) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if bypass:
        request.add_header(*BYPASS.split(": "))
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers.get("X-Page-Cache", "")


def worker_cpu_seconds(master: int) -> float:
    """User + system CPU seconds used so far by gunicorn's workers (the master's children), from /proc."""
    total = 0
    tick = os.sysconf("SC_CLK_TCK")
    for task in Path(f"/proc/{master}/task").iterdir():
        for child in (task / "children").read_text().split():
            try:
                fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:  # a worker restarted
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def run_wrk(
    wrk: str, script: Path, port: int, path: str, *, connections: int, bypass: bool, master: int | None = None
) -> dict:
    cpu_before = worker_cpu_seconds(master) if master else 0.0
    command = [wrk, "-t", str(min(connections, 2)), "-c", str(connections), "-d", DURATION, "-s", str(script)]
    if bypass:
        command += ["-H", BYPASS]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    if master:
        # CPU time, not wall time: robust to other load on the machine.
        result["cpu_ms"] = (worker_cpu_seconds(master) - cpu_before) * 1000 / max(1, result["requests"])
    return result


def cpu(result: dict) -> str:
    return f"{result['cpu_ms']:7.2f}"


def cell(result: dict | None) -> str:
    if result is None:
        return f"{'—':>22}"
    errors = f" E{result['errors']}" if result["errors"] else ""
    return f"{result['rps']:7.0f} {result['p50']:6.1f} {result['p95']:6.1f}{errors}"


def main() -> None:
    wrk = ensure_wrk()
    sizes = sizes_from_env()
    print(f"benchmark database: {sizes}", flush=True)
    built = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_data.py")], env=bench_env(), check=True, capture_output=True
    )
    report = json.loads(built.stdout.decode().strip().splitlines()[-1])
    print(report["message"], flush=True)
    print(f"proposed indexes (bench/proposed_indexes.py): {'created' if report['proposed_indexes'] else 'absent'}")
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp, Gunicorn(port) as server:
        script = Path(tmp) / "report.lua"
        script.write_text(WRK_REPORT)
        load = os.getloadavg()
        print(f"gunicorn: {WORKERS} sync workers on 127.0.0.1:{port}; wrk {DURATION} per cell; CPUs {os.cpu_count()}")
        print(f"load average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        print("columns: requests/s, p50 ms, p95 ms (E = failed requests), then CPU ms per request of the")
        print("gunicorn workers (user+system, from /proc; not wall time, so robust to other load on the machine).")
        print("API answers use the API cache when cached. Bare = a bare Django view (full middleware), measured")
        print("between pages in the same run; ×bare = this page's CPU ms / the latest bare view's.\n")
        header = (
            f"{'page':24} {'c=1 uncached':>22} {'c=8 uncached':>22} {'cpu':>7} {'×bare':>6}"
            f" {'c=8 cached':>22} {'cpu':>7} {'×bare':>6}  target"
        )
        print(header)
        print("-" * len(header))
        master = server.process.pid
        bare_cpu = None
        summary = []
        for index, target in enumerate(targets()):
            if index % 5 == 0:  # interleaved: the yardstick is measured under the same conditions as the pages
                for _ in range(WORKERS * 5):
                    fetch(port, BARE_PATH, bypass=False)
                bare = run_wrk(wrk, script, port, BARE_PATH, connections=8, bypass=False, master=master)
                bare_cpu = bare["cpu_ms"]
                print(f"{'(bare Django view)':24} {'':>22} {cell(bare)} {cpu(bare)} {'1.0':>6}", flush=True)
            for bypass in (True, False):
                status, _ = fetch(port, target.path, bypass=bypass)  # warm, and fail loudly on an error
                if status != 200:
                    sys.exit(f"{target.path} answered {status}")
            c1 = run_wrk(wrk, script, port, target.path, connections=1, bypass=True) if WITH_C1 else None
            c8 = run_wrk(wrk, script, port, target.path, connections=8, bypass=True, master=master)
            for _ in range(WORKERS * 3):  # every worker has its own local-memory cache
                fetch(port, target.path, bypass=False)
            cached = run_wrk(wrk, script, port, target.path, connections=8, bypass=False, master=master)
            ratio, cached_ratio = c8["cpu_ms"] / bare_cpu, cached["cpu_ms"] / bare_cpu
            goal = "ok" if c8["cpu_ms"] <= TARGET_CPU_MS else f"MISS >{TARGET_CPU_MS} ms"
            summary.append((target.name, c8["cpu_ms"], cached["cpu_ms"]))
            print(
                f"{target.name:24} {cell(c1)} {cell(c8)} {cpu(c8)} {ratio:6.1f} {cell(cached)} {cpu(cached)}"
                f" {cached_ratio:6.1f}  {goal}",
                flush=True,
            )
        print(
            f"\ntarget: every page and API list uncached ≤ {TARGET_CPU_MS} CPU ms/request (c=8, page cache bypassed)."
        )
        met = sum(1 for _, uncached, _ in summary if uncached <= TARGET_CPU_MS)
        print(f"met by {met} of {len(summary)}; bare Django view {bare_cpu:.2f} CPU ms/request. gunicorn stopped.")


if __name__ == "__main__":
    main()
