"""A migrated SQLite database in a file, for tests about what lands on disk or what a second process does.

pytest's own test database lives in memory and inside one transaction; these tests need real files and real
processes (``manage.py shell`` under the development settings, as ``make run`` starts them). Migrating takes
~15 s and loading the initial content more, so the file is built once per set of migrations and copied for each test.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "var" / "test-file-db"


def _migrations_digest() -> str:
    digest = hashlib.sha256()
    sources = [*REPO.glob("*/migrations/*.py"), *REPO.glob("site/content/**/*"), REPO / "portal/initial_content.py"]
    for path in sorted(path for path in sources if path.is_file()):
        digest.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _environment(var_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.dev", VAR_DIR=str(var_dir), PYTHONUNBUFFERED="1")
    return env


def _template() -> Path:
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    template = TEMPLATES / f"{_migrations_digest()}.sqlite3"
    with open(TEMPLATES / "build.lock", "w") as lock:  # one builder at a time (pytest-xdist workers)
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            build = TEMPLATES / f"build-{os.getpid()}"
            shutil.rmtree(build, ignore_errors=True)
            build.mkdir()
            for command in (["migrate", "--noinput"], ["load_initial_content"]):
                subprocess.run(
                    [sys.executable, "manage.py", *command],
                    cwd=REPO,
                    env=_environment(build),
                    check=True,
                    capture_output=True,
                    timeout=600,
                )
            with sqlite3.connect(build / "db.sqlite3") as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            os.replace(build / "db.sqlite3", template)
            shutil.rmtree(build, ignore_errors=True)
            for stale in TEMPLATES.glob("*.sqlite3"):  # built for migrations that changed since
                if stale != template:
                    stale.unlink(missing_ok=True)
    return template


@dataclass
class FileDatabase:
    """``var_dir`` holds db.sqlite3 (+ -wal), media/, quarantine/ and emails/ exactly as in ``make run``."""

    var_dir: Path

    @property
    def env(self) -> dict[str, str]:
        return _environment(self.var_dir)

    @property
    def path(self) -> Path:
        return self.var_dir / "db.sqlite3"

    def shell(self, code: str, *, timeout: int = 300) -> str:
        """Run ``code`` in ``manage.py shell`` (a new process); returns its standard output."""
        result = self.start_shell(code)
        stdout, stderr = result.communicate(timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(f"manage.py shell failed:\n{stdout}\n{stderr}")
        return stdout

    def start_shell(self, code: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=REPO,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


def file_database(var_dir: Path) -> FileDatabase:
    var_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_template(), var_dir / "db.sqlite3")
    return FileDatabase(var_dir)
