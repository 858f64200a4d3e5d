"""Short-lived signed preview tokens: one names one page's one revision, and expires after ten minutes.

A token is Django's signed, timestamped JSON (salted for this use only), so it needs no table and cannot be
altered to name another page or revision; ``read`` refuses it once ``PREVIEW_TOKEN_SECONDS`` have passed.
"""

from __future__ import annotations

from django.core import signing

PREVIEW_TOKEN_SECONDS = 10 * 60
_SALT = "impact.headless-preview"


class PreviewTokenError(ValueError):
    """``"expired"`` or ``"invalid"``."""


def issue(*, page_id: int, revision_id: int) -> str:
    return signing.dumps({"page": page_id, "revision": revision_id}, salt=_SALT, compress=False)


def read(token: str) -> tuple[int, int]:
    """(page id, revision id) of a token issued less than ten minutes ago."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=PREVIEW_TOKEN_SECONDS)
    except signing.SignatureExpired as exc:
        raise PreviewTokenError("expired") from exc
    except signing.BadSignature as exc:
        raise PreviewTokenError("invalid") from exc
    try:
        return int(data["page"]), int(data["revision"])
    except (KeyError, TypeError, ValueError) as exc:
        raise PreviewTokenError("invalid") from exc
