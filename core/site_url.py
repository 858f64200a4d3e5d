"""The platform's one public address (settings.SITE_URL): what makes an address acceptable.

Imported by the settings modules (no Django set-up needed) and by the SITE_URL system check.
"""

import ipaddress
from urllib.parse import urlsplit

from django.http.request import validate_host


def _is_local(hostname: str) -> bool:
    if hostname == "localhost" or hostname.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def site_url_problem(url: str, allowed_hosts: list[str], *, https_only: bool) -> str:
    """Why ``url`` cannot be the site's public address, or "" when it can. ``https_only`` (production) also
    refuses plain http and loopback hosts: emailed links must lead somewhere a recipient can reach."""
    if not url:
        return "SITE_URL is not set."
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        return f"SITE_URL {url!r} is not a valid address."
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"SITE_URL {url!r} must look like https://impact.example.go.th (a scheme and a host)."
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        return f"SITE_URL {url!r} must be only a scheme, a host and an optional port (no path, query or login)."
    if https_only and parts.scheme != "https":
        return f"SITE_URL {url!r} must start with https:// in production."
    if https_only and _is_local(parts.hostname):
        return f"SITE_URL {url!r} is a local address; in production it must be the address people use."
    if allowed_hosts and not validate_host(parts.hostname, allowed_hosts):
        return f"The host of SITE_URL {url!r} ({parts.hostname}) is not in ALLOWED_HOSTS {allowed_hosts}."
    return ""
