"""Two web machines vs one, and how fast a delete on request on one reaches the other (issue 12.6).

Builds the topology of tests/topology/machines.py: machines A and B, each a gunicorn process (1 sync worker) and a
qcluster with its own VAR folder, under the production settings, sharing only PostgreSQL, Redis and an S3 server
(moto, in this process). Needs DATABASE_URL=postgres://... and REDIS_URL=redis://... (``make bench-two-machines``).

Prints, for a few anonymous pages: requests per second with wrk on loopback, the same total connections on one
process vs split over two, and the web processes' CPU milliseconds per request (robust to other load on the
machine, unlike wall-clock numbers); then the time from the committed delete on request on A to B's first 404.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.handlers import Sink  # noqa: E402

from tests.media_areas import start_moto  # noqa: E402
from tests.topology.machines import (  # noqa: E402
    Machine,
    Topology,
    free_port,
    prepare_database,
    redis_url,
    shared_database_url,
)

DURATION = os.environ.get("BENCH_SECONDS", "10")
CONNECTIONS = 8
TARGETS = [
    ("home", "/"),
    ("creators directory", "/impact-creators/"),
    ("API creators", "/api/portal/creators?limit=20"),
]
PUBLISH = (
    "import itertools\n"
    "from tests.privacy import deletion_helpers\n"
    "deletion_helpers._serial = itertools.count({n})\n"
    "for _ in range({count}):\n"
    "    account = deletion_helpers.make_account()\n"
    "print(account.profile.pk, account.profile.slug)"
)
DELETE = (
    "import time\n"
    "from creators.models import ImpactCreatorProfile\n"
    "from privacy.deletion import account_delete_on_request\n"
    "from tests.privacy.deletion_helpers import make_staff\n"
    "staff = make_staff('bench-staff-{n}@example.org')\n"
    "account_delete_on_request(profile=ImpactCreatorProfile.objects.get(pk={pk}), reason='bench', channel='phone', "
    "requested_by='bench', staff_user=staff)\n"
    "print(time.time())"
)


def cpu_seconds(group: int) -> float:
    """User + system CPU of every process in a process group (gunicorn's master and workers), from /proc."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # pgrp
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def wrk(url: str, connections: int) -> dict:
    found = shutil.which("wrk")
    output = subprocess.run(
        [found, "-t", "2" if connections > 1 else "1", "-c", str(connections), "-d", f"{DURATION}s", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), "requests": requests,
            "non2xx": int(bad.group(1)) if bad else 0, "socket_errors": errors.group(1) if errors else ""}  # fmt: skip


def load(machines: list[Machine], path: str) -> tuple[float, int, float, str]:
    """wrk on each machine at once (CONNECTIONS split between them): total rps, requests, CPU ms per request."""
    results: list[dict] = [{} for _ in machines]
    cpu_before = [cpu_seconds(m.web.pid) for m in machines]
    share = CONNECTIONS // len(machines)

    def run(i: int, machine: Machine) -> None:
        results[i] = wrk(machine.base_url + path, share)

    threads = [threading.Thread(target=run, args=(i, m)) for i, m in enumerate(machines)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu = sum(cpu_seconds(m.web.pid) - before for m, before in zip(machines, cpu_before, strict=True))
    requests = sum(r["requests"] for r in results)
    problems = "; ".join(
        f"non-2xx {r['non2xx']} {r['socket_errors']}" for r in results if r["non2xx"] or r["socket_errors"]
    )
    return sum(r["rps"] for r in results), requests, 1000 * cpu / max(requests, 1), problems


def delete_to_404(a: Machine, b: Machine, n: int, pk: int, slug: str) -> tuple[float, int]:
    """Poll B continuously while A deletes: milliseconds from A's commit to B's first 404 response, and how many
    of B's answers to requests sent after the commit still showed the page (must be 0)."""
    assert b.get(f"/creators/{slug}/")[0] == 200  # cached on B now
    answers: list[tuple[float, float, int]] = []  # (sent, answered, status)
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            sent = time.time()
            status = b.get(f"/creators/{slug}/")[0]
            answers.append((sent, time.time(), status))
            if status == 404:
                return

    poller = threading.Thread(target=poll)
    poller.start()
    committed = float(a.shell(DELETE.format(n=n, pk=pk)).splitlines()[-1])
    poller.join(timeout=60)
    stop.set()
    first_404 = next(answered for _sent, answered, status in answers if status == 404)
    stale = sum(1 for sent, _answered, status in answers if sent > committed and status == 200)
    return 1000 * (first_404 - committed), stale


def main() -> None:
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL)
    root = Path(tempfile.mkdtemp(prefix="two-machines-bench-"))
    moto = start_moto()
    smtp = Controller(Sink(), hostname="127.0.0.1", port=free_port())
    smtp.start()
    topology = Topology(
        database_url=shared_database_url("two_machines_bench"), redis_url=redis_url(),
        s3_env=moto.environment("bench"), smtp_port=smtp.port, static_root=root / "static-release",
    )  # fmt: skip
    a, b = Machine("A", topology, root / "a"), Machine("B", topology, root / "b")
    try:
        print("building the shared database (PostgreSQL), static files and 12 published accounts ...", flush=True)
        prepare_database(topology, a)
        a.shell(PUBLISH.format(n=1, count=12), timeout=900)
        for machine in (a, b):
            machine.start_web(workers=1)
            machine.start_worker()
        print(f"\nwrk {DURATION}s, {CONNECTIONS} connections in total; gunicorn 1 sync worker per machine", flush=True)
        print(f"{'page':22} {'1 process rps':>14} {'2 processes rps':>16} {'ratio':>6} {'CPU ms/req 1 / 2':>18}")
        for name, path in TARGETS:
            for machine in (a, b):
                machine.get(path)  # warm the shared cache and each process
            one = load([a], path)
            two = load([a, b], path)
            note = f"  ({one[3]} | {two[3]})" if one[3] or two[3] else ""
            print(
                f"{name:22} {one[0]:14.0f} {two[0]:16.0f} {two[0] / one[0]:6.2f} {one[2]:8.1f} / {two[2]:<8.1f}{note}"
            )
        runs = []
        for n in range(100, 105):
            pk, slug = a.shell(PUBLISH.format(n=n, count=1)).splitlines()[-1].split()
            runs.append(delete_to_404(a, b, n, int(pk), slug))
        print(
            "\ndelete on request on A -> first 404 on B (5 runs, ms after A's commit, B polled back to back): "
            + ", ".join(f"{ms:.0f}" for ms, _ in runs)
            + f"; pages still shown by B to requests sent after the commit: {sum(stale for _, stale in runs)}"
        )
        print(
            f"machine: {os.cpu_count()} cores shared with other work: wall-clock rps vary with that load, "
            "CPU ms/req much less."
        )
    finally:
        for machine in (a, b):
            machine.stop()
        smtp.stop()
        moto.server.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
