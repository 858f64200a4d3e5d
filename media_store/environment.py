"""The three file areas' storages from the environment (pure: imported by the settings, no Django set-up).

Three areas, each a ``STORAGES`` alias: ``default`` (public media, the only one a web server or CDN may serve),
``private`` (registrants' images until a moderator approves the profile that shows them) and ``quarantine``
(files of items deleted on request, until restored or purged). On the file system (the embedded default: ``make
run``, ``make test``) they are MEDIA_ROOT, PRIVATE_MEDIA_ROOT and DELETION_QUARANTINE_ROOT. With
``MEDIA_STORAGE=s3`` each is a bucket of any S3-compatible service (AWS S3, MinIO, Ceph RGW, OCI, Spaces), or a
prefix of a shared bucket reached with credentials of its own, so the public bucket's policy never covers a
private or quarantined object.
"""

from __future__ import annotations

from collections.abc import Mapping

AREAS = ("default", "private", "quarantine")
_ENV_AREA = {"default": "PUBLIC", "private": "PRIVATE", "quarantine": "QUARANTINE"}
FILESYSTEM_STORAGES = {
    "default": {"BACKEND": "creators.media_storage.MediaStorage"},
    "private": {"BACKEND": "media_store.backends.PrivateFileStorage"},
    "quarantine": {"BACKEND": "media_store.backends.QuarantineFileStorage"},
}
S3_BACKENDS = {
    "default": "creators.media_storage.PublicS3Storage",
    "private": "media_store.backends.PrivateS3Storage",
    "quarantine": "media_store.backends.QuarantineS3Storage",
}
ADDRESSING_STYLES = ("auto", "path", "virtual")


class StorageConfigError(ValueError):
    """The S3_* variables do not describe three separate, reachable areas."""


def _area_options(env: Mapping[str, str], alias: str) -> dict:
    area = _ENV_AREA[alias]
    bucket = env.get(f"S3_{area}_BUCKET", "").strip()
    if not bucket:
        raise StorageConfigError(f"MEDIA_STORAGE=s3 needs S3_{area}_BUCKET (the {alias} area's bucket).")
    key_id = env.get(f"S3_{area}_ACCESS_KEY_ID") or env.get("S3_ACCESS_KEY_ID", "")
    secret = env.get(f"S3_{area}_SECRET_ACCESS_KEY") or env.get("S3_SECRET_ACCESS_KEY", "")
    if bool(key_id) != bool(secret):
        raise StorageConfigError(f"Set both the access key id and the secret access key of the {alias} area.")
    style = env.get("S3_ADDRESSING_STYLE", "auto").strip() or "auto"
    if style not in ADDRESSING_STYLES:
        raise StorageConfigError(f"S3_ADDRESSING_STYLE must be one of {', '.join(ADDRESSING_STYLES)}, not {style!r}.")
    options = {
        "bucket_name": bucket,
        "location": env.get(f"S3_{area}_PREFIX", "").strip().strip("/"),
        "endpoint_url": env.get("S3_ENDPOINT_URL", "").strip() or None,
        "region_name": env.get("S3_REGION_NAME", "").strip() or None,
        "addressing_style": None if style == "auto" else style,
        "access_key": key_id or None,  # None: boto3's own chain (instance role, ~/.aws, AWS_* variables)
        "secret_key": secret or None,
        # Names stay unique (never overwrite another upload); objects are never public by ACL.
        "file_overwrite": False,
        "default_acl": None,
        # Only public objects get plain URLs (through S3_PUBLIC_URL, a CDN or the bucket's public-read policy).
        "querystring_auth": alias != "default",
    }
    if alias == "default" and (public_url := env.get("S3_PUBLIC_URL", "").strip().rstrip("/")):
        scheme, _, domain = public_url.partition("://")
        options["custom_domain"] = domain
        options["url_protocol"] = f"{scheme}:"
    return options


def _separation_problem(areas: dict[str, dict]) -> str:
    for i, first in enumerate(AREAS):
        for second in AREAS[i + 1 :]:
            a, b = areas[first], areas[second]
            if a["bucket_name"] != b["bucket_name"]:
                continue
            pa, pb = a["location"] + "/", b["location"] + "/"
            if pa.startswith(pb) or pb.startswith(pa) or a["location"] == "" or b["location"] == "":
                return (
                    f"The {first} and {second} areas share bucket {a['bucket_name']!r} without separate prefixes "
                    "(one would list or serve the other's files): give each its own bucket or its own prefix."
                )
            if a["access_key"] == b["access_key"]:
                return (
                    f"The {first} and {second} areas share bucket {a['bucket_name']!r} with the same credentials: "
                    f"give each area its own bucket, or its own S3_<AREA>_ACCESS_KEY_ID limited to its prefix."
                )
    return ""


def storages_from_environment(env: Mapping[str, str], staticfiles: dict) -> dict:
    """``STORAGES`` for these variables: the file system unless ``MEDIA_STORAGE=s3``. StorageConfigError when
    the S3 variables are incomplete or would let one area reach another's files."""
    kind = env.get("MEDIA_STORAGE", "filesystem").strip().lower() or "filesystem"
    if kind == "filesystem":
        return {**FILESYSTEM_STORAGES, "staticfiles": staticfiles}
    if kind != "s3":
        raise StorageConfigError(f"MEDIA_STORAGE must be 'filesystem' or 's3', not {kind!r}.")
    areas = {alias: _area_options(env, alias) for alias in AREAS}
    if problem := _separation_problem(areas):
        raise StorageConfigError(problem)
    storages = {alias: {"BACKEND": S3_BACKENDS[alias], "OPTIONS": options} for alias, options in areas.items()}
    return {**storages, "staticfiles": staticfiles}
