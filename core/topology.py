"""What a production topology needs (pure: no Django set-up), shared by the production settings, which refuse to
start, and the system checks (``media_store.checks``), which report the same problems in ``manage.py check --deploy``.

- ``REDIS_URL``: without it the cache is a file cache on each machine and django-q2 queues in the database; a
  "delete on request" made on web machine A then leaves the deleted item's cached page served by machine B.
- With ``WEB_NODES`` > 1 the media (public, private and quarantined files) must be on storage every machine reaches:
  object storage (``MEDIA_STORAGE=s3``), or folders its operator declares shared (``MEDIA_SHARED_FILESYSTEM=true``).
"""

from __future__ import annotations

from collections.abc import Mapping

REDIS_CHECK_ID = "topology.E001"
SHARED_MEDIA_CHECK_ID = "topology.E002"
PROXY_HOPS_CHECK_ID = "topology.E003"


def web_nodes(value: str) -> int:
    """WEB_NODES: how many web machines serve the site (1 when unset). ValueError for anything but a count."""
    nodes = int(value or "1")
    if nodes < 1:
        raise ValueError(value)
    return nodes


def redis_problem(redis_url: str) -> str:
    if redis_url.startswith(("redis://", "rediss://", "unix://")):
        return ""
    if redis_url:
        return f"[{REDIS_CHECK_ID}] REDIS_URL {redis_url!r} is not a redis://, rediss:// or unix:// address."
    return (
        f"[{REDIS_CHECK_ID}] REDIS_URL is not set. Production needs Redis: it is the cache every web machine shares "
        "(without it a page deleted on request on one machine stays cached on the others) and the task queue "
        "(django-q2 broker). Set REDIS_URL, e.g. redis://redis.internal:6379/0."
    )


def shared_media_problem(*, nodes: int, storages: Mapping[str, Mapping], shared_filesystem: bool) -> str:
    if nodes <= 1 or shared_filesystem:
        return ""
    local = [alias for alias in ("default", "private", "quarantine") if not _is_shared(storages.get(alias, {}))]
    if not local:
        return ""
    return (
        f"[{SHARED_MEDIA_CHECK_ID}] WEB_NODES is {nodes} but the media storage ({', '.join(local)}) is a folder on "
        "this machine: a file uploaded on one machine would be missing on the others, and a purge run elsewhere "
        "could not erase it. Set MEDIA_STORAGE=s3 with its S3_* variables (README: Object storage), or, when "
        "MEDIA_ROOT, PRIVATE_MEDIA_ROOT and DELETION_QUARANTINE_ROOT are on one network file system every machine "
        "mounts, MEDIA_SHARED_FILESYSTEM=true."
    )


def _is_shared(storage: Mapping) -> bool:
    return "S3" in str(storage.get("BACKEND", "")).rsplit(".", 1)[-1]


def proxy_hops_problem(*, nodes: int, hops: int | None) -> str:
    """Several web machines mean a load balancer: unless the operator says how many proxies write X-Forwarded-For,
    every visitor counts as the balancer's one address and one person's failed logins or registrations block all."""
    if nodes <= 1 or hops is not None:
        return ""
    return (
        f"[{PROXY_HOPS_CHECK_ID}] WEB_NODES is {nodes} but TRUSTED_PROXY_HOPS is not set. Behind a load balancer every "
        "visitor arrives from the balancer's address, so the per-address limits (sign-in lockout, registrations, "
        "reset emails) would count everyone as one visitor. Set TRUSTED_PROXY_HOPS to the number of proxies that "
        "append to X-Forwarded-For in front of the site (1 for one load balancer), or 0 if visitors connect "
        "to the machines directly."
    )
