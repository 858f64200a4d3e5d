"""manage.py backup / restore for real: separate processes on a database file, as on a server.

A backup is restored into an empty database and empty media, private and quarantine folders; the restored site
answers exactly as the original does, and an account erased after the backup was taken is erased again by the
purge ledger, leaving no trace (the purge tests' own search: every table, dumpdata, task rows, every file).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.file_database import REPO, FileDatabase, file_database

# In .ci/run's PostgreSQL pass (DATABASE_URL set) the same journey runs on PostgreSQL: pg_dump / pg_restore.
POSTGRES_URL = os.environ.get("DATABASE_URL", "") if os.environ.get("DATABASE_URL", "").startswith("postgres") else ""

SETUP = """
import json
from django.core.management import call_command
from tests.privacy.deletion_helpers import make_account, make_staff
kept, erased = make_account(), make_account()
make_staff()
profile = erased.profile
# Not the shared MARKER: the kept account's texts carry it too.
needles = [*erased.names, profile.contact_name, profile.contact_email, profile.slug, erased.report.slug]
print(json.dumps({"kept": [kept.profile.slug, kept.report.slug], "erased": [profile.slug, erased.report.slug],
                  "needles": needles}))
"""
ERASE = """
from creators.models import ImpactCreatorProfile, User
from privacy.deletion import account_delete_on_request
from privacy.purge import deletion_purge_due
from tests.privacy.deletion_helpers import shift_deleted_back
profile = ImpactCreatorProfile.objects.get(slug={slug!r})
record = account_delete_on_request(profile=profile, reason="ขอลบ", channel="phone", requested_by="คุณผู้ขอ",
                                   staff_user=User.objects.get(email="staff@example.org"))
shift_deleted_back(record, days=31)
print(deletion_purge_due())
"""
ANSWERS = """
import json, re
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
paths = {paths!r}
answers = {{}}
for path in paths:
    response = client.get(path, headers={{"X-Page-Cache-Bypass": "1"}})
    body = re.sub(r'nonce="[^"]+"', "", response.content.decode())
    answers[path] = [response.status_code, body]
print(json.dumps(answers))
"""
TRACES = """
import json
from tests.privacy.deletion_helpers import database_and_files_mentioning
print(json.dumps(database_and_files_mentioning({needles!r})))
"""


def run(database, *command: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *command], cwd=REPO, env=database.env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def public_paths(kept: list[str], erased: list[str]) -> list[str]:
    paths = ["/", "/impact-creators/", "/impact-reports/", "/api/portal/creators?limit=100", "/api/portal/reports"]
    paths += ["/search/?q=มูลนิธิลบได้ที่", "/api/v2/pages/?limit=50", "/sitemap.xml"]
    for creator, report in (kept, erased):
        paths += [f"/creators/{creator}/", f"/en/creators/{creator}/", f"/reports/{report}/"]
        paths += [f"/reports/{report}/value-map.csv"]
        paths += [f"/api/portal/creators/{creator}"]
    return paths


@dataclass
class PostgresDatabase(FileDatabase):
    """A database of its own on the PostgreSQL server of DATABASE_URL; files under ``var_dir`` as in make run."""

    url: str = ""

    @property
    def env(self) -> dict[str, str]:
        return {**super().env, "DATABASE_URL": self.url}


def _psql(url: str, sql: str) -> None:
    server = url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", server, "-q", "-c", sql], check=True, capture_output=True, timeout=120)


def _postgres(var_dir: Path, name: str, *, migrate: bool) -> PostgresDatabase:
    var_dir.mkdir(parents=True, exist_ok=True)
    url = POSTGRES_URL.split("?")[0].rsplit("/", 1)[0] + f"/{name}"
    _psql(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _psql(url, f'CREATE DATABASE "{name}"')
    database = PostgresDatabase(var_dir, url)
    if migrate:
        run(database, "migrate", "--noinput")
        run(database, "load_initial_content")
    return database


@pytest.fixture(params=["sqlite", *(["postgresql"] if POSTGRES_URL else [])])
def machines(request, tmp_path):
    """(source, make_target): the machine backed up, and a way to make an empty one to restore into."""
    if request.param == "sqlite":
        yield file_database(tmp_path / "source"), lambda folder: FileDatabase(folder)
        return
    prefix = f"impact_restore_{os.getpid()}"
    source = _postgres(tmp_path / "source", f"{prefix}_source", migrate=True)
    yield source, lambda folder: _postgres(folder, f"{prefix}_target", migrate=False)
    for name in (f"{prefix}_source", f"{prefix}_target"):
        _psql(source.url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def ledger(tmp_path, monkeypatch) -> Path:
    """One ledger store for both machines: it lives with the backups, not inside either database."""
    monkeypatch.setenv("PURGE_LEDGER_ROOT", str(tmp_path / "ledger"))
    return tmp_path / "ledger"


def test_restore_serves_the_same_site_and_erases_again_what_was_erased_after_the_backup(tmp_path, ledger, machines):
    source, make_target = machines
    made = json.loads(source.shell(SETUP).strip().splitlines()[-1])
    folder = Path(run(source, "backup", "--root", str(tmp_path / "backups")).stdout.strip())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == ("postgresql" if isinstance(source, PostgresDatabase) else "sqlite")
    areas = {entry["area"] for entry in manifest["files"]}
    assert "media" in areas and len(manifest["files"]) >= 4  # the logos and their renditions
    # The backup holds the account that is about to be erased (this is what the ledger must undo).
    dump = (folder / manifest["database"]["file"]).read_bytes()
    assert made["needles"][0].encode() in dump or isinstance(source, PostgresDatabase)  # pg_dump compresses

    assert source.shell(ERASE.format(slug=made["erased"][0])).strip().splitlines()[-1] == "1"
    assert [path.name for path in (ledger / "account").iterdir()]  # the ledger store has the erasure
    assert not any(needle.encode() in path.read_bytes() for path in ledger.rglob("*") if path.is_file()
                   for needle in made["needles"])  # fmt: skip
    paths = public_paths(made["kept"], made["erased"])
    assert len(set(paths)) == 18
    expected = json.loads(source.shell(ANSWERS.format(paths=paths)).strip().splitlines()[-1])
    assert expected[f"/creators/{made['kept'][0]}/"][0] == 200
    assert expected[f"/creators/{made['erased'][0]}/"][0] == 404

    target = tmp_path / "target"
    target.mkdir()
    # The new machine runs with the site's SECRET_KEY, as every machine of the site does (queued tasks are signed).
    (target / "secret_key.txt").write_text((source.var_dir / "secret_key.txt").read_text())
    restored = make_target(target)
    result = run(restored, "restore", str(folder))
    assert "erased again from the purge ledger: 1" in result.stdout
    answers = json.loads(restored.shell(ANSWERS.format(paths=paths)).strip().splitlines()[-1])
    assert {path: status for path, (status, _body) in answers.items()} == {
        path: status for path, (status, _body) in expected.items()
    }
    assert answers == expected
    # The kept account's files are back byte for byte; the erased account's are gone again.
    backed_up = [entry["name"] for entry in manifest["files"] if entry["area"] == "media"]
    back = [name for name in backed_up if (target / "media" / name).exists()]
    assert back and len(back) < len(backed_up)
    for name in back:
        assert (target / "media" / name).read_bytes() == (folder / "files/media" / name).read_bytes()
    traces = json.loads(restored.shell(TRACES.format(needles=made["needles"])).strip().splitlines()[-1])
    assert traces == []


def test_restore_refuses_a_database_with_tables_and_a_damaged_backup_changes_nothing(tmp_path, ledger):
    source = file_database(tmp_path / "source")
    folder = Path(run(source, "backup", "--root", str(tmp_path / "backups")).stdout.strip())
    refused = subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder)], cwd=REPO, env=source.env, capture_output=True, text=True
    )
    assert refused.returncode != 0 and "already holds tables" in refused.stderr
    (folder / "database.sqlite3").write_bytes((folder / "database.sqlite3").read_bytes()[:-10] + b"x" * 10)
    target = tmp_path / "target"
    target.mkdir()
    damaged = subprocess.run(
        [sys.executable, "manage.py", "restore", str(folder)],
        cwd=REPO, env=type(source)(target).env, capture_output=True, text=True,
    )  # fmt: skip
    assert damaged.returncode != 0 and "checksum" in damaged.stderr
    assert not (target / "db.sqlite3").exists() or (target / "db.sqlite3").stat().st_size == 0
