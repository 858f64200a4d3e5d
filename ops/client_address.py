"""The visitor's address behind load balancers: every per-IP limit (lockout, registrations, reset emails, uploads)
counts by it, through django-axes' ``AXES_CLIENT_IP_CALLABLE``.

Behind N proxies that each append the address they received from to ``X-Forwarded-For``, the visitor is the N-th
entry from the right; entries further left were written by the visitor and are never trusted. With no proxy
(``TRUSTED_PROXY_HOPS`` 0) the header is ignored: anyone could type it to escape a limit.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def forwarded_client(*, remote_addr: str, forwarded_for: str, hops: int) -> str:
    """The client address given the socket peer, the X-Forwarded-For header and how many proxies we run (pure)."""
    if hops <= 0:
        return remote_addr
    entries = [entry.strip() for entry in forwarded_for.split(",") if entry.strip()]
    if len(entries) < hops:
        # A request that reached us past fewer proxies than we run (e.g. a health check sent to the machine).
        return remote_addr
    candidate = entries[-hops]
    if candidate.startswith("[") and "]" in candidate:  # "[2001:db8::1]:443" as some proxies write IPv6 with a port
        candidate = candidate[1 : candidate.index("]")]
    elif candidate.count(":") == 1:  # "203.0.113.7:51234"
        candidate = candidate.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


def client_address(request) -> str:
    return forwarded_client(
        remote_addr=request.META.get("REMOTE_ADDR", ""),
        forwarded_for=request.META.get("HTTP_X_FORWARDED_FOR", ""),
        hops=settings.TRUSTED_PROXY_HOPS or 0,
    )
