"""Where a webhook may be sent (SSRF): only to public internet addresses, checked when the endpoint is saved and
again on every delivery against the address actually connected to (a name may resolve elsewhere later).

``WEBHOOKS_ALLOW_PRIVATE_ADDRESSES`` (tests and local development only) lets loopback and private addresses
through, so a test can start a real receiver on 127.0.0.1.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings

SCHEMES = {"http": 80, "https": 443}


class RefusedAddress(ValueError):
    """The URL is not one a webhook may be sent to; the message says why (translated by the caller)."""


def _allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", False):
        return not ip.is_unspecified and not ip.is_multicast
    return ip.is_global and not ip.is_multicast


def resolve(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, the address to connect to) for an allowed URL; RefusedAddress otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise RefusedAddress("scheme")
    if parts.username or parts.password:
        raise RefusedAddress("credentials")
    try:
        port = parts.port or SCHEMES[parts.scheme]
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError) as exc:
        raise RefusedAddress("unresolvable") from exc
    addresses = [info[4][0] for info in infos]
    if not addresses or not all(_allowed(address) for address in addresses):
        raise RefusedAddress("private")
    return parts.scheme, parts.hostname, port, addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def connection(url: str, *, timeout: float) -> tuple[http.client.HTTPConnection, str]:
    """An HTTP(S) connection to the checked address (never re-resolved), and the request path."""
    scheme, host, port, address = resolve(url)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    kind = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    return kind(host, port, address, timeout), path
