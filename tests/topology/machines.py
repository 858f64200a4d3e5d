"""Two "machines" on one host, as production runs them: each web process (gunicorn) and task worker (qcluster) has
its own VAR folder (its own local files, file cache and secret nothing), and they share only PostgreSQL, Redis and
the S3 object store (a moto server). Every process runs the production settings (``config.settings.production``),
so they also prove those settings start with WEB_NODES=2 on object storage.

Used by tests/topology/test_two_machines.py and bench/two_machines_bench.py.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

REPO = Path(__file__).resolve().parents[2]
HOST = "impact.example.org"  # SITE_URL's host; requests go to 127.0.0.1 (also in ALLOWED_HOSTS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def shared_database_url(name_suffix: str) -> str:
    """A database of its own beside DATABASE_URL's (PostgreSQL only): the processes share it, pytest's is untouched."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise RuntimeError(
            "The two-machine test needs PostgreSQL: set DATABASE_URL=postgres://... and REDIS_URL=redis://... "
            "(.ci/run does; make test-two-machines)"
        )
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{name_suffix}"))


def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url.startswith("redis://"):
        raise RuntimeError("The two-machine test needs Redis: set REDIS_URL=redis://127.0.0.1:6379/<n>")
    return url


@dataclass
class Topology:
    """What the machines share: the database, Redis, the object store, the secret key and the released static files."""

    database_url: str
    redis_url: str
    s3_env: dict[str, str]
    smtp_port: int
    static_root: Path
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(64))
    cluster: str = field(default_factory=lambda: f"two{secrets.token_hex(3)}")

    def env(self, var_dir: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("S3_", "MEDIA_", "EMAIL_", "DJANGO_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            VAR_DIR=str(var_dir),
            SECRET_KEY=self.secret_key,
            ALLOWED_HOSTS=f"{HOST},127.0.0.1",
            SITE_URL=f"https://{HOST}",
            SECURE_SSL_REDIRECT="false",  # TLS ends at the load balancer; these talk plain HTTP on loopback
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            CACHE_KEY_PREFIX=self.cluster,
            Q_CLUSTER_NAME=self.cluster,
            WEB_NODES="2",
            TRUSTED_PROXY_HOPS="1",
            # Every request comes from 127.0.0.1: the load test must not meet the API's per-address limit.
            API_RATE_LIMIT_ANONYMOUS="100000",
            API_RATE_LIMIT_KEYED="100000",
            STATIC_ROOT=str(self.static_root),
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(self.smtp_port),
            EMAIL_USE_TLS="false",
            PYTHONUNBUFFERED="1",
            **self.s3_env,
        )
        return env


@dataclass
class Machine:
    name: str
    topology: Topology
    var_dir: Path
    port: int = 0
    web: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None

    @property
    def env(self) -> dict[str, str]:
        return self.topology.env(self.var_dir)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def manage(self, *args: str, timeout: int = 600) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=REPO, env=self.env, capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"{self.name}: manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def shell(self, code: str, *, timeout: int = 300) -> str:
        return self.manage("shell", "--no-imports", "-c", code, timeout=timeout).strip()

    def _log(self, name: str):
        (self.var_dir / "log").mkdir(parents=True, exist_ok=True)
        return open(self.var_dir / "log" / f"{name}.log", "a")

    def start_web(self, *, workers: int = 1) -> None:
        self.port = self.port or free_port()
        args = [
            sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers), "--access-logfile", "-", "--graceful-timeout", "5",
        ]  # fmt: skip
        log = self._log("web")
        self.web = subprocess.Popen(args, cwd=REPO, env=self.env, stdout=log, stderr=log, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.web.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.base_url + "/", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{self.name}: the web server did not start:\n" + self.read_log("web"))

    def start_worker(self) -> None:
        log = self._log("qcluster")
        self.worker = subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"], cwd=REPO, env=self.env, stdout=log, stderr=log,
            start_new_session=True,  # its own process group: a SIGKILL takes the cluster and all its children
        )  # fmt: skip

    def kill_worker(self) -> None:
        """Like a machine losing power: SIGKILL to the whole cluster (parent, sentinel, workers), no clean-up."""
        if self.worker is not None and self.worker.poll() is None:
            os.killpg(self.worker.pid, signal.SIGKILL)
            self.worker.wait(timeout=30)

    def stop_web(self, sig: int = signal.SIGKILL) -> None:
        if self.web is not None and self.web.poll() is None:
            os.killpg(self.web.pid, sig)
            self.web.wait(timeout=30)

    def stop(self) -> None:
        for process in (self.web, self.worker):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in (self.web, self.worker):
            if process is not None:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)  # qcluster can hang while stopping
                    process.wait(timeout=10)

    def read_log(self, name: str) -> str:
        path = self.var_dir / "log" / f"{name}.log"
        return path.read_text(errors="replace")[-5000:] if path.exists() else ""

    def get(self, path: str, *, timeout: float = 20) -> tuple[int, str]:
        request = urllib.request.Request(self.base_url + path, headers={"Accept-Language": "th"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", errors="replace")


def prepare_database(topology: Topology, builder: Machine) -> None:
    """A fresh shared database (dropped and created), migrated, with the initial content; the released static files."""

    parts = urlsplit(topology.database_url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    builder.manage("migrate", "--noinput")
    builder.manage("load_initial_content")
    if not (topology.static_root / "staticfiles.json").exists():
        builder.manage("collectstatic", "--noinput")
