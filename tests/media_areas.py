"""The three file areas as a test sees them, on folders or on S3 buckets of a real S3 protocol peer.

``moto_s3`` starts moto's standalone server (``ThreadedMotoServer``, HTTP on a free loopback port) once per test
process; ``s3_storages`` makes three fresh buckets and the ``STORAGES`` the production settings would build for
them (``MEDIA_STORAGE=s3``). The listing helpers ask the folders or the buckets directly (``os.walk``, boto3's
``list_objects_v2``), never the code under test. Modules that use the ``media_backend`` fixture run once on folders
and once on S3 (``tests/conftest.py``).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import boto3
from django.conf import settings
from django.core.files.storage import storages
from django.http import Http404
from django.test import RequestFactory, override_settings
from django.views.static import serve
from moto.server import ThreadedMotoServer

from media_store.environment import storages_from_environment

AREA_ROOTS = {"default": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT", "quarantine": "DELETION_QUARANTINE_ROOT"}
KEY_ID, SECRET = "testing-key-id", "testing-secret"  # moto accepts any


@dataclass
class MotoS3:
    server: ThreadedMotoServer
    endpoint: str

    def client(self):
        return boto3.client(
            "s3", endpoint_url=self.endpoint, region_name="us-east-1",
            aws_access_key_id=KEY_ID, aws_secret_access_key=SECRET,
        )  # fmt: skip

    def environment(self, prefix: str) -> dict[str, str]:
        """Fresh buckets and the variables an operator would set for them."""
        buckets = {area: f"{prefix}-{area}-{uuid.uuid4().hex[:10]}" for area in ("public", "private", "quarantine")}
        client = self.client()
        for bucket in buckets.values():
            client.create_bucket(Bucket=bucket)
        # As an operator would (README: Object storage): anyone may read the public bucket, nobody the others.
        client.put_bucket_policy(Bucket=buckets["public"], Policy=public_read_policy(buckets["public"]))
        return {
            "MEDIA_STORAGE": "s3",
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION_NAME": "us-east-1",
            "S3_ADDRESSING_STYLE": "path",
            "S3_ACCESS_KEY_ID": KEY_ID,
            "S3_SECRET_ACCESS_KEY": SECRET,
            "S3_PUBLIC_BUCKET": buckets["public"],
            "S3_PRIVATE_BUCKET": buckets["private"],
            "S3_QUARANTINE_BUCKET": buckets["quarantine"],
        }


def public_read_policy(bucket: str) -> str:
    grant = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"}
    return json.dumps({"Version": "2012-10-17", "Statement": [grant]})


def start_moto() -> MotoS3:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per S3 request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return MotoS3(server=server, endpoint=f"http://{host}:{port}")


@contextmanager
def s3_storages(moto: MotoS3) -> Iterator[dict[str, str]]:
    env = moto.environment("impact")
    with override_settings(STORAGES=storages_from_environment(env, settings.STORAGES["staticfiles"])):
        yield env


def on_s3() -> bool:
    return "S3" in settings.STORAGES["default"]["BACKEND"]


def area_files(alias: str) -> set[str]:
    """Every file name (storage name) the area holds now, listed from the folder or the bucket itself."""
    if not on_s3():
        root = Path(getattr(settings, AREA_ROOTS[alias]))
        return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() else set()
    options = settings.STORAGES[alias]["OPTIONS"]
    client = boto3.client(
        "s3", endpoint_url=options["endpoint_url"], region_name=options["region_name"],
        aws_access_key_id=options["access_key"], aws_secret_access_key=options["secret_key"],
    )  # fmt: skip
    prefix = f"{options['location']}/" if options["location"] else ""
    names: set[str] = set()
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=options["bucket_name"], Prefix=prefix):
        names.update(item["Key"].removeprefix(prefix) for item in page.get("Contents", []))
    return names


def in_area(alias: str, name: str) -> bool:
    return name in area_files(alias)


def area_size(alias: str, name: str) -> int:
    with storages[alias].open(name, "rb") as handle:
        return len(handle.read())


def served(url: str) -> bool:
    """What the public web serves for a media URL: ``make run``'s static view over MEDIA_ROOT, or an anonymous GET
    of the public bucket's URL on the S3 server (the only bucket a web server or CDN is pointed at)."""
    if not on_s3():
        try:
            serve(RequestFactory().get(url), url.removeprefix(settings.MEDIA_URL), document_root=settings.MEDIA_ROOT)
        except Http404:
            return False
        return True
    public = settings.STORAGES["default"]["OPTIONS"]
    assert url.startswith(f"{public['endpoint_url']}/{public['bucket_name']}/"), url  # never another bucket's URL
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status == 200
    except urllib.error.HTTPError as error:
        if error.code in (403, 404):
            return False
        raise
