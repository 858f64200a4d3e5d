"""How long a login lasts: an absolute limit from the login and a sliding idle limit, per kind of account.

Settings (seconds; None means no such limit): ``REGISTRANT_SESSION_IDLE_SECONDS`` and
``REGISTRANT_SESSION_ABSOLUTE_SECONDS`` for registrants, ``STAFF_SESSION_IDLE_SECONDS`` and
``STAFF_SESSION_ABSOLUTE_SECONDS`` for staff (anyone who may use the Wagtail admin).

The login time, the last activity and the kind of account are kept in the session. The last activity is
rewritten only when it is at least ``SESSION_ACTIVITY_WRITE_SECONDS`` old, so a burst of requests does not
write the session row on every request. An expired session is ended (logged out) and the request goes on
anonymously: a page that needs a login sends the person to the login page, with a message saying why.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

from creators.access import may_use_admin

STARTED_KEY = "_login_started"
ACTIVE_KEY = "_login_active"
KIND_KEY = "_login_kind"
STAFF, REGISTRANT = "staff", "registrant"


def _limits(kind: str) -> tuple[int | None, int | None]:
    prefix = "STAFF" if kind == STAFF else "REGISTRANT"
    return (
        getattr(settings, f"{prefix}_SESSION_IDLE_SECONDS", None),
        getattr(settings, f"{prefix}_SESSION_ABSOLUTE_SECONDS", None),
    )


def session_start(sender, request, user, **kwargs) -> None:
    """user_logged_in: note when the login happened and which limits apply (looked up once, not per request)."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[STARTED_KEY] = now
    request.session[ACTIVE_KEY] = now
    request.session[KIND_KEY] = STAFF if may_use_admin(user) else REGISTRANT


def session_expired(session, now: int) -> bool:
    idle, absolute = _limits(session.get(KIND_KEY, REGISTRANT))
    started, active = session.get(STARTED_KEY, now), session.get(ACTIVE_KEY, now)
    return bool((absolute and now - started > absolute) or (idle and now - active > idle))


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        session, now = request.session, int(time.time())
        if session_expired(session, now):
            logout(request)
            messages.info(request, _("You were logged out because your session ended. Please log in again."))
            return
        if KIND_KEY not in session:  # a login from before these limits: classify it once
            session[KIND_KEY] = STAFF if may_use_admin(request.user) else REGISTRANT
            session.setdefault(STARTED_KEY, now)
        if now - session.get(ACTIVE_KEY, 0) >= settings.SESSION_ACTIVITY_WRITE_SECONDS:
            session[ACTIVE_KEY] = now
