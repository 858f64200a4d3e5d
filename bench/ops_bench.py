"""Operations overhead and backup/restore times. Prints numbers; asserts nothing.

CPU milliseconds per request (time.process_time, robust to a loaded machine) for the probes, the metrics scrape,
and a cached public page with and without the ops middlewares (request id, metrics); then the wall time and size of
``manage.py backup`` and ``manage.py restore`` of the sample portal (make demo's data) on SQLite.
Runs on a copy of the migrated test template database in a temporary VAR_DIR, never on var/db.sqlite3.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.file_database import _template  # noqa: E402

WORK = Path(tempfile.mkdtemp(prefix="ops-bench-"))
VAR = WORK / "source"
VAR.mkdir()
shutil.copyfile(_template(), VAR / "db.sqlite3")
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings.dev",
    VAR_DIR=str(VAR),
    PURGE_LEDGER_ROOT=str(WORK / "ledger"),
    METRICS_TOKEN="bench-token-0123456789",  # noqa: S106  a local benchmark token
)
ENV = dict(os.environ)
RUNS = int(os.environ.get("BENCH_RUNS", 300))


def manage(*args: str, env: dict) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def cpu_ms(client, path: str, **headers) -> float:
    client.get(path, **headers)
    start = time.process_time()
    for _ in range(RUNS):
        client.get(path, **headers)
    return (time.process_time() - start) * 1000 / RUNS


def requests() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from ops.tasks import cluster_heartbeat

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    cluster_heartbeat()  # as if a task cluster ran: /readyz/ is measured on its success path
    print(f"CPU ms per request, in-process, {RUNS} requests each")
    client = Client()
    for path, headers in (
        ("/healthz/", {}),
        ("/readyz/", {}),
        ("/metrics", {"HTTP_AUTHORIZATION": f"Bearer {ENV['METRICS_TOKEN']}"}),
        ("/", {}),
    ):
        print(f"  {path:12} {cpu_ms(client, path, **headers):7.3f}")
    with_ops = cpu_ms(Client(), "/faq/")
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.startswith("ops.")]
    without_ops = cpu_ms(Client(), "/faq/")
    print(f"  /faq/ (page cache hit) with ops middlewares {with_ops:.3f}, without {without_ops:.3f}")


def backups() -> None:
    manage("demo_data", env=ENV)
    size = (VAR / "db.sqlite3").stat().st_size
    seconds = manage("backup", "--root", str(WORK / "backups"), env=ENV)
    [folder] = (WORK / "backups").iterdir()
    files = [path for path in folder.rglob("*") if path.is_file()]
    total = sum(path.stat().st_size for path in files)
    print(f"backup of the sample portal: database {size / 1e6:.1f} MB, {len(files)} files, {total / 1e6:.1f} MB,")
    print(f"  {seconds:.1f} s wall (one manage.py process, start-up included)")
    target = WORK / "target"
    target.mkdir()
    shutil.copyfile(VAR / "secret_key.txt", target / "secret_key.txt")
    seconds = manage("restore", str(folder), env={**ENV, "VAR_DIR": str(target)})
    print(f"restore into an empty database and folders: {seconds:.1f} s wall")


if __name__ == "__main__":
    try:
        backups()
        requests()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
