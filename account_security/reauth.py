"""Re-authentication ("sudo mode"): password and second factor given within ``REAUTH_MAX_AGE_SECONDS`` before an
action that cannot be taken lightly (delete on request, restore, resetting a second factor, granting staff roles).

Signing in with both counts, so a moderator who just signed in is not asked twice. A POST without a recent
re-authentication changes nothing: the person confirms and is sent back to the form (a GET of the same address).
"""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from account_security.session import reauthenticated_recently


def reauth_redirect(request, *, next_url: str | None = None) -> HttpResponseRedirect:
    if request.method != "GET":
        messages.warning(request, _("Please confirm it is you, then do it again. Nothing was changed."))
    name = "account_security_reauth" if request.path.startswith("/admin/") else "account_security:reauth"
    return HttpResponseRedirect(reverse(name) + "?" + urlencode({"next": next_url or request.get_full_path()}))


def reauth_required(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not reauthenticated_recently(request.session):
            return reauth_redirect(request)
        return view(request, *args, **kwargs)

    return wrapped
