"""Passkey pages: the challenge the browser signs (JSON), adding a passkey (at enrolment or later) and removing one.

Signing in and re-authenticating with a passkey go through ``views.verify`` and ``views.reauthenticate``: the
browser's answer is posted with their forms (static/account_security/passkeys.js).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from account_security.passkeys import authentication_options, registration_options
from account_security.reauth import reauth_redirect, reauth_required
from account_security.selectors import has_passkey, has_second_factor
from account_security.services import SecondFactorError, passkey_enrol, passkey_remove
from account_security.session import is_verified, mark_verified, reauthenticated_recently
from account_security.views import NAMES, _next_url, _template, _where


def _may_add(request: HttpRequest) -> bool:
    """A first second factor may be added at enrolment; another one only after password and second factor again."""
    return not has_second_factor(user=request.user) or reauthenticated_recently(request.session)


@never_cache
@require_POST
def passkey_options(request: HttpRequest, purpose: str) -> JsonResponse:
    if purpose == "register":
        if not _may_add(request):
            return JsonResponse({"redirect": reauth_redirect(request, next_url=_status_url(request)).url}, status=403)
        return JsonResponse(registration_options(request=request))
    if purpose == "authenticate" and has_passkey(user=request.user):
        return JsonResponse(authentication_options(request=request))
    return JsonResponse({"detail": _("No passkey is set up for this account.")}, status=400)


def _status_url(request: HttpRequest) -> str:
    return reverse(NAMES[_where(request)]["enrol"])


@never_cache
@require_POST
def passkey_add(request: HttpRequest) -> HttpResponse:
    """The browser's new passkey, posted by the enrolment or status page. The first second factor is followed by
    the recovery codes, shown once."""
    if has_second_factor(user=request.user) and not is_verified(request.session):
        return redirect(f"{reverse(NAMES[_where(request)]['verify'])}?next={_status_url(request)}")
    if not _may_add(request):
        return reauth_redirect(request, next_url=_status_url(request))
    try:
        device, codes = passkey_enrol(
            request=request, answer=request.POST.get("passkey", ""), keep_session_key=request.session.session_key
        )
    except SecondFactorError as error:
        messages.error(request, error.message)
        return redirect(f"{_status_url(request)}?next={_next_url(request)}")
    if codes is None:
        messages.success(request, _("The passkey was added."))
        return redirect(_status_url(request))
    mark_verified(request, device, with_password=True)
    return render(
        request,
        _template(request, "recovery_codes"),
        {"codes": codes, "next": _next_url(request), "page_title": _("Your recovery codes")},
    )


@reauth_required
@require_POST
def passkey_delete(request: HttpRequest, passkey_id: int) -> HttpResponse:
    try:
        passkey_remove(user=request.user, passkey_id=passkey_id, keep_session_key=request.session.session_key)
    except SecondFactorError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The passkey was removed."))
    return redirect(_status_url(request))
