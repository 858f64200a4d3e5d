"""django-q2 task payloads signed with SECRET_KEY still load after the key rotates (SECRET_KEY_FALLBACKS).

django-q2 1.11 signs every queued task with ``SECRET_KEY`` and checks it with its own signer, which ignores
Django's ``SECRET_KEY_FALLBACKS``: after a rotation every task still in the broker failed with BadSignature and
was dropped (a password reset then never arrived). ``install()`` (from ``ModerationConfig.ready``) makes
``SignedPackage.loads`` try the current key, then each fallback; new tasks are signed with the current key.
"""

from __future__ import annotations

from django.conf import settings
from django_q import core_signing
from django_q.conf import Conf
from django_q.signing import PickleSerializer, SignedPackage


def loads_with_fallbacks(obj):
    keys = [Conf.SECRET_KEY or settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    error: core_signing.BadSignature | None = None
    for key in keys:
        try:
            return core_signing.loads(obj, key=key, salt=Conf.PREFIX, serializer=PickleSerializer)
        except core_signing.BadSignature as bad:
            error = bad
    raise error or core_signing.BadSignature("no signing key")


def install() -> None:
    SignedPackage.loads = staticmethod(loads_with_fallbacks)
