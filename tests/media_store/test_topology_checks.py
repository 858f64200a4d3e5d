"""Production refuses unsafe topologies at start-up and ``check --deploy`` names them (issue 12, part 1)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks

from media_store.environment import FILESYSTEM_STORAGES, StorageConfigError, storages_from_environment

REPO = Path(__file__).resolve().parents[2]
STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
S3_ENV = {
    "MEDIA_STORAGE": "s3",
    "S3_ENDPOINT_URL": "https://s3.example.go.th",
    "S3_REGION_NAME": "ap-southeast-7",
    "S3_ADDRESSING_STYLE": "path",
    "S3_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "S3_SECRET_ACCESS_KEY": "secret-example",
    "S3_PUBLIC_BUCKET": "impact-media",
    "S3_PRIVATE_BUCKET": "impact-private",
    "S3_QUARANTINE_BUCKET": "impact-quarantine",
}


def _production(tmp_path, **overrides) -> subprocess.CompletedProcess:
    ours = ("S3_", "REDIS_URL", "WEB_NODES", "MEDIA_", "TRUSTED_PROXY")
    env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "impact.example.org",
        "SITE_URL": "https://impact.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        **overrides,
    }
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_production_refuses_to_start_without_redis(tmp_path):
    result = _production(tmp_path, REDIS_URL=None)
    assert result.returncode != 0
    assert "[topology.E001] REDIS_URL is not set" in result.stderr and "ImproperlyConfigured" in result.stderr


def test_production_refuses_a_redis_url_that_is_not_one(tmp_path):
    result = _production(tmp_path, REDIS_URL="localhost:6379")
    assert result.returncode != 0 and "[topology.E001] REDIS_URL 'localhost:6379'" in result.stderr


def test_production_refuses_two_web_machines_with_media_in_local_folders(tmp_path):
    result = _production(tmp_path, WEB_NODES="2")
    assert result.returncode != 0
    assert "[topology.E002] WEB_NODES is 2" in result.stderr and "MEDIA_STORAGE=s3" in result.stderr


@pytest.mark.parametrize("value", ["two", "0", "-1"])
def test_production_refuses_a_web_nodes_that_is_not_a_count(tmp_path, value):
    result = _production(tmp_path, WEB_NODES=value)
    assert result.returncode != 0 and "WEB_NODES must be a whole number" in result.stderr


@pytest.mark.parametrize(
    "extra", [S3_ENV, {"MEDIA_SHARED_FILESYSTEM": "true"}], ids=["object-storage", "declared-shared-mount"]
)
def test_production_accepts_two_web_machines_on_shared_media(tmp_path, extra):
    result = _production(tmp_path, WEB_NODES="2", TRUSTED_PROXY_HOPS="1", **extra)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_two_web_machines_until_told_how_many_proxies_write_forwarded_for(tmp_path):
    result = _production(tmp_path, WEB_NODES="2", **S3_ENV)
    assert result.returncode != 0
    assert "[topology.E003] WEB_NODES is 2 but TRUSTED_PROXY_HOPS is not set" in result.stderr
    # 0 is an answer too (visitors reach the machines directly): said explicitly, it starts.
    assert _production(tmp_path, WEB_NODES="2", TRUSTED_PROXY_HOPS="0", **S3_ENV).returncode == 0


@pytest.mark.parametrize("value", ["one", "-1"])
def test_production_refuses_a_proxy_count_that_is_not_one(tmp_path, value):
    result = _production(tmp_path, TRUSTED_PROXY_HOPS=value)
    assert result.returncode != 0 and "TRUSTED_PROXY_HOPS must be the number of proxies" in result.stderr


def test_production_refuses_an_incomplete_object_storage(tmp_path):
    result = _production(tmp_path, **{**S3_ENV, "S3_QUARANTINE_BUCKET": ""})
    assert result.returncode != 0 and "S3_QUARANTINE_BUCKET" in result.stderr


def _ids(settings) -> list[str]:
    return sorted(m.id for m in run_checks(include_deployment_checks=True) if m.id and m.id.startswith("topology."))


def test_check_deploy_names_each_unsafe_setting_under_any_settings_module(settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/9"
    settings.WEB_NODES = 1
    settings.TRUSTED_PROXY_HOPS = None
    assert _ids(settings) == []
    settings.REDIS_URL = ""
    assert _ids(settings) == ["topology.E001"]
    settings.WEB_NODES = 3
    assert _ids(settings) == ["topology.E001", "topology.E002", "topology.E003"]
    settings.REDIS_URL = "redis://127.0.0.1:6379/9"
    settings.STORAGES = storages_from_environment(S3_ENV, STATIC)
    assert _ids(settings) == ["topology.E003"]
    settings.TRUSTED_PROXY_HOPS = 1
    assert _ids(settings) == []
    settings.STORAGES = {**settings.STORAGES, "quarantine": FILESYSTEM_STORAGES["quarantine"]}
    message = [m.msg for m in run_checks(include_deployment_checks=True) if m.id == "topology.E002"]
    assert message and "(quarantine)" in message[0]


def test_plain_check_leaves_deployment_checks_to_check_deploy(settings):
    settings.REDIS_URL, settings.WEB_NODES = "", 4
    assert not [m for m in run_checks() if m.id and m.id.startswith("topology.")]


def test_object_storage_areas_from_the_environment():
    storages = storages_from_environment({**S3_ENV, "S3_PUBLIC_URL": "https://media.example.go.th"}, STATIC)
    public, private, quarantine = (storages[a]["OPTIONS"] for a in ("default", "private", "quarantine"))
    assert storages["default"]["BACKEND"] == "creators.media_storage.PublicS3Storage"
    assert (public["bucket_name"], private["bucket_name"], quarantine["bucket_name"]) == (
        "impact-media", "impact-private", "impact-quarantine",
    )  # fmt: skip
    assert public["endpoint_url"] == "https://s3.example.go.th" and public["addressing_style"] == "path"
    assert public["custom_domain"] == "media.example.go.th" and not public["querystring_auth"]
    assert private["querystring_auth"] and quarantine["querystring_auth"] and "custom_domain" not in private
    assert all(o["file_overwrite"] is False and o["default_acl"] is None for o in (public, private, quarantine))
    assert storages["staticfiles"] == STATIC
    assert storages_from_environment({}, STATIC) == {**FILESYSTEM_STORAGES, "staticfiles": STATIC}


def test_one_bucket_needs_separate_prefixes_and_separate_credentials():
    shared = {**S3_ENV, "S3_PRIVATE_BUCKET": "impact-media", "S3_PRIVATE_PREFIX": "private"}
    with pytest.raises(StorageConfigError, match="without separate prefixes"):
        storages_from_environment(shared, STATIC)  # the public area's "" prefix covers private/
    shared |= {"S3_PUBLIC_PREFIX": "public"}
    with pytest.raises(StorageConfigError, match="same credentials"):
        storages_from_environment(shared, STATIC)
    shared |= {"S3_PRIVATE_ACCESS_KEY_ID": "AKIAPRIVATE", "S3_PRIVATE_SECRET_ACCESS_KEY": "private-secret"}
    private = storages_from_environment(shared, STATIC)["private"]["OPTIONS"]
    assert (private["location"], private["access_key"], private["secret_key"]) == (
        "private", "AKIAPRIVATE", "private-secret",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE must be"),
        ({"S3_PUBLIC_BUCKET": " "}, "S3_PUBLIC_BUCKET"),
        ({"S3_ADDRESSING_STYLE": "dns"}, "S3_ADDRESSING_STYLE"),
        ({"S3_SECRET_ACCESS_KEY": ""}, "both the access key id and the secret"),
    ],
)
def test_incomplete_object_storage_variables_are_refused(change, message):
    with pytest.raises(StorageConfigError, match=message):
        storages_from_environment({**S3_ENV, **change}, STATIC)
