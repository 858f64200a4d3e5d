"""Lighthouse scores (performance, accessibility, best practices, SEO; mobile profile) of four public pages.

Builds its own site under var/lighthouse/ once (dev settings: migrate, initial content, search index and the
`demo_data` sample; reused afterwards, LIGHTHOUSE_REBUILD=1 starts again), serves it with gunicorn on a free
loopback port, and runs npm `lighthouse` (pinned in bench/package.json, installed into bench/node_modules with
`npm ci`) with Debian's chromium (CHROME_PATH, default /usr/bin/chromium), headless, nothing beyond localhost.
Each page is fetched once first, so Lighthouse measures the page-cache answer anonymous visitors get (the
first rendering of a page is bench/load_bench.py's business). Prints the scores; asserts nothing.
LIGHTHOUSE_PAGES=path,path picks other pages.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VAR_DIR = ROOT / "var" / "lighthouse"
PY = sys.executable
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 95


def site_env(port: int | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "MEDIA_STORAGE"}}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "VAR_DIR": str(VAR_DIR)}
    if port is not None:
        env["SITE_URL"] = f"http://127.0.0.1:{port}"
    return env


def manage(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def build_site() -> None:
    marker = VAR_DIR / "built"
    if os.environ.get("LIGHTHOUSE_REBUILD") and VAR_DIR.exists():
        shutil.rmtree(VAR_DIR)
    if marker.exists():
        return
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    env = site_env()
    print("building var/lighthouse/ (migrate, initial content, search index, demo_data)…", flush=True)
    for command in (
        ("migrate", "--noinput"),
        ("load_initial_content",),
        ("rebuild_search_index", "--if-empty"),
        ("demo_data",),
    ):
        manage(*command, env=env)
    marker.write_text("ok\n")


def default_pages() -> list[tuple[str, str]]:
    probe = (
        "from creators.models import ImpactCreatorProfile as C; from reports.models import ImpactReport as R;"
        "c = C.objects.filter(live=True, deleted_at__isnull=True).order_by('pk').first();"
        "r = R.objects.filter(live=True, deleted_at__isnull=True).order_by('pk').first();"
        "print(c.slug); print(r.slug)"
    )
    creator, report = manage("shell", "-c", probe, env=site_env()).split()[-2:]
    return [
        ("home", "/"),
        ("creators directory", "/impact-creators/"),
        ("creator detail", f"/creators/{creator}/"),
        ("report", f"/reports/{report}/"),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    gunicorn = Path(PY).with_name("gunicorn")
    command = [str(gunicorn), "config.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=site_env(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    for _ in range(180):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2):
                return server
        except OSError:
            if server.poll() is not None:
                sys.exit(f"gunicorn exited with {server.returncode}")
            time.sleep(0.5)
    stop_server(server)
    sys.exit("gunicorn did not answer within 90 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def lighthouse(url: str, out: Path) -> dict[str, int]:
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    command = [
        str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ]  # fmt: skip
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(out.read_text())
    scores = {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    below = [
        f"{audit['id']} ({round((audit['score'] or 0) * 100)})"
        for audit in report["audits"].values()
        if audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings") and (audit.get("score") or 0) < 0.9
    ]
    scores["failing"] = below  # type: ignore[assignment]
    return scores


def main() -> None:
    if not (HERE / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    build_site()
    extra = os.environ.get("LIGHTHOUSE_PAGES")
    pages = [(path, path) for path in extra.split(",")] if extra else default_pages()
    # Pages cached by an earlier run were rendered from older templates (the site's file cache in var/lighthouse/).
    shutil.rmtree(VAR_DIR / "cache", ignore_errors=True)
    port = free_port()
    server = start_server(port)
    try:
        print(f"Lighthouse {TARGET}+ wanted; mobile profile, simulated throttling, gunicorn on 127.0.0.1:{port}")
        print(f"{'page':22} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  path")
        with tempfile.TemporaryDirectory() as tmp:
            for name, path in pages:
                # What an anonymous visitor gets: the page from the page cache, not its first rendering.
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60):
                    pass
                scores = lighthouse(f"http://127.0.0.1:{port}{path}", Path(tmp) / "report.json")
                row = " ".join(f"{scores[c]:5d}" for c in CATEGORIES)
                print(f"{name:22} {row}  {path}", flush=True)
                if scores["failing"]:
                    print(f"{'':22} below 90: {', '.join(scores['failing'])}", flush=True)
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
