"""A real running stack for journeys: its own SQLite database, a django-q2 cluster and the web server."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Stack:
    base_url: str
    var_dir: Path
    env: dict
    admin_email: str
    admin_password: str
    processes: list

    def manage(self, *args: str, timeout: int = 120) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code).strip()

    def emails(self) -> list[str]:
        folder = self.var_dir / "emails"
        if not folder.exists():
            return []
        return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.log"))]

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()  # qcluster can hang while stopping


def start_stack(var_dir: Path, *, host: str = "127.0.0.1") -> Stack:
    """``host`` is the name the browser uses (the server listens on 127.0.0.1): passkeys need a domain name, so
    their journey uses "localhost" (an IP address cannot be a WebAuthn relying party)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        VAR_DIR=str(var_dir),
        SITE_URL=f"http://{host}:{port}",
        Q_CLUSTER_NAME=f"e2e{port}",
        CACHE_KEY_PREFIX=f"e2e{port}",
        PYTHONUNBUFFERED="1",
    )
    stack = Stack(f"http://{host}:{port}", var_dir, env, "", "", [])
    stack.manage("migrate", "--noinput", timeout=300)
    stack.manage("load_initial_content", timeout=300)
    created = stack.manage("ensure_local_admin")
    stack.admin_email = re.search(r"email:\s+(\S+)", created).group(1)
    stack.admin_password = re.search(r"password:\s+(\S+)", created).group(1)
    log_dir = var_dir / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    for name, args in (("qcluster", ["qcluster"]), ("web", ["runserver", f"127.0.0.1:{port}", "--noreload"])):
        log = open(log_dir / f"{name}.log", "w")  # noqa: SIM115
        stack.processes.append(
            subprocess.Popen([sys.executable, "manage.py", *args], cwd=REPO, env=env, stdout=log, stderr=log)
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(stack.base_url + "/", timeout=5) as response:
                if response.status == 200:
                    return stack
        except OSError:
            time.sleep(0.5)
    stack.stop()
    raise RuntimeError("the web server did not start: " + (log_dir / "web.log").read_text())
