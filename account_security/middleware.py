"""Until a session has passed its second factor, it reaches only the pages that let it do so.

Staff sessions (anyone who may use the Wagtail admin) always need one; a registrant's session needs one if the
registrant turned it on. Everything else answers with a redirect to the second-factor step (or to enrolment
for staff who have none yet), the "next" address kept. The check reads only the session: no query per request.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from account_security.reauth import reauth_redirect
from account_security.session import is_verified, reauthenticated_recently, second_factor_required
from creators.access import may_use_admin

# What a session without its second factor may still reach (URL names as resolved; admin names carry no namespace).
EXEMPT_URL_NAMES = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "account_security_enrol",
        "account_security_verify",
        "account_security_qr",
        # Passkeys: the challenge to sign, and a first passkey at enrolment (the views check the rest).
        "account_security_passkey_options",
        "account_security_passkey_add",
        "passkey_options",
        "passkey_add",
        "logout",  # creators:logout
        "second_factor_verify",  # the registrants' page (account_security.urls)
        "javascript-catalog",
        "wagtailadmin_javascript_catalog",
        "set_language",
        # The admin's icon sprite (public SVG icons), fetched by its JavaScript on every admin page; redirected, the
        # page's HTML would be injected as icons and its "next" become the sprite.
        "wagtailadmin_sprite",
    }
)
EXEMPT_PREFIXES = ("/static/", "/media/", "/favicon.ico")


def is_exempt(path: str) -> bool:
    if path.startswith(EXEMPT_PREFIXES):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.url_name in EXEMPT_URL_NAMES


def second_factor_url(request) -> str:
    """Where a session without its second factor goes: the admin's pages for staff, the public one otherwise."""
    if request.path.startswith("/admin/") or may_use_admin(request.user):
        name = "account_security_verify"
    else:
        name = "account_security:second_factor_verify"
    return reverse(name)


class SecondFactorRequiredMiddleware:
    """After authentication, sessions, messages and SessionTimeoutMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.user.is_authenticated
            and second_factor_required(request)
            and not is_verified(request.session)
            and not is_exempt(request.path_info)
        ):
            target = second_factor_url(request)
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(target)
        return self.get_response(request)


# Staff roles are granted by editing groups (and accounts: the user views' own hooks, wagtail_hooks.py). Wagtail's
# group views have no "before" hooks, so their addresses are checked here.
ROLE_VIEW_NAMES = frozenset({"wagtailusers_groups:add", "wagtailusers_groups:edit", "wagtailusers_groups:delete"})
ROLE_PREFIX = "/admin/groups/"


class ReauthBeforeStaffRolesMiddleware:
    """After SecondFactorRequiredMiddleware: creating, editing or deleting a group needs a recent re-authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ROLE_PREFIX) and request.user.is_authenticated:
            try:
                view_name = resolve(request.path_info).view_name
            except Resolver404:
                view_name = ""
            if view_name in ROLE_VIEW_NAMES and not reauthenticated_recently(request.session):
                return reauth_redirect(request)
        return self.get_response(request)
