"""Absolute links made outside a request (emails, digests, tasks) all start at ``settings.SITE_URL``.

Inside a request, build them from the request (``request.build_absolute_uri``): behind a proxy that is the
address the visitor used (SECURE_PROXY_SSL_HEADER, and USE_X_FORWARDED_HOST when configured).
"""

from django.conf import settings


def site_url(path: str = "") -> str:
    """``settings.SITE_URL`` followed by ``path`` (which starts with "/"), or the address alone."""
    if path and not path.startswith("/"):
        raise ValueError(f"a site path starts with '/': {path!r}")
    return settings.SITE_URL.rstrip("/") + path
