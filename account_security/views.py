"""Two-step sign-in pages: enrol an authenticator, give the second factor, re-authenticate, and (superusers) reset
someone's second factor. Staff use them inside the Wagtail admin; registrants who opt in use the public copies.

Views parse input and call ``account_security.services``.
"""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin.auth import permission_denied

from account_security.forms import CodeForm, EnrolForm, ReauthForm
from account_security.reauth import reauth_required
from account_security.selectors import (
    confirmed_totp,
    has_second_factor,
    passkeys,
    recovery_codes_left,
    staff_second_factor_status,
)
from account_security.services import (
    SecondFactorError,
    passkey_check,
    recovery_codes_replace,
    second_factor_check,
    second_factor_reset,
    totp_enrol_confirm,
    totp_enrolment_device,
)
from account_security.session import is_verified, mark_verified
from creators.access import may_use_admin

ADMIN, PUBLIC = "admin", "public"
NAMES = {
    ADMIN: {"enrol": "account_security_enrol", "verify": "account_security_verify", "home": "wagtailadmin_home"},
    PUBLIC: {
        "enrol": "account_security:enrol",
        "verify": "account_security:second_factor_verify",
        "home": "creators:dashboard",
    },
}


def _where(request: HttpRequest) -> str:
    return ADMIN if request.path.startswith("/admin/") else PUBLIC


def _template(request: HttpRequest, name: str) -> str:
    return f"account_security/{_where(request)}/{name}.html"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(NAMES[_where(request)]["home"])


@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app (QR code and the key as text), confirmed with one of its codes."""
    if _where(request) == PUBLIC and may_use_admin(request.user):
        return redirect(NAMES[ADMIN]["enrol"])
    user = request.user
    names = NAMES[_where(request)]
    if has_second_factor(user=user) and not is_verified(request.session):
        return redirect(f"{reverse(names['verify'])}?next={_next_url(request)}")
    if has_second_factor(user=user):
        return render(
            request,
            _template(request, "status"),
            {
                "codes_left": recovery_codes_left(user=user),
                "has_totp": confirmed_totp(user=user) is not None,
                "passkeys": passkeys(user=user),
                "page_title": _("Two-step sign-in"),
            },
        )
    device = totp_enrolment_device(user=user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = totp_enrol_confirm(
                user=user, device=device, code=form.cleaned_data["code"], keep_session_key=request.session.session_key
            )
        except SecondFactorError as error:
            form.add_error("code", error.message)
        else:
            device.refresh_from_db()
            mark_verified(request, device, with_password=True)
            return render(
                request,
                _template(request, "recovery_codes"),
                {"codes": codes, "next": _next_url(request), "page_title": _("Your recovery codes")},
            )
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr_data_uri": qr.svg_data_uri(scale=5, border=2, dark="#000", light="#fff"),
        "secret": _spaced(device.config_url),
        "next": _next_url(request),
        "page_title": _("Set up two-step sign-in"),
    }
    return render(request, _template(request, "enrol"), context)


def _spaced(config_url: str) -> str:
    secret = config_url.split("secret=", 1)[1].split("&", 1)[0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app, or one recovery code."""
    names = NAMES[_where(request)]
    if is_verified(request.session):
        return redirect(_next_url(request))
    if not has_second_factor(user=request.user):
        return redirect(f"{reverse(names['enrol'])}?next={_next_url(request)}")
    answer = request.POST.get("passkey") if request.method == "POST" else None
    form = CodeForm(None if answer else request.POST or None)
    passkey_error, device = None, None
    if answer:
        try:
            device = passkey_check(request=request, answer=answer)
        except SecondFactorError as error:
            passkey_error = error.message
    elif request.method == "POST" and form.is_valid():
        try:
            device = second_factor_check(user=request.user, code=form.cleaned_data["code"])
        except SecondFactorError as error:
            form.add_error("code", error.message)
    if device is not None:
        mark_verified(request, device, with_password=True)
        if isinstance(device, StaticDevice):
            left = recovery_codes_left(user=request.user)
            messages.warning(
                request,
                _("You used a recovery code. %(left)s codes are left: make new ones soon.") % {"left": left},
            )
        return redirect(_next_url(request))
    return render(
        request,
        _template(request, "verify"),
        {
            "form": form,
            "next": _next_url(request),
            "has_passkey": bool(passkeys(user=request.user)),
            "passkey_error": passkey_error,
            "page_title": _("Two-step sign-in"),
        },
    )


@require_http_methods(["GET", "POST"])
def reauthenticate(request: HttpRequest) -> HttpResponse:
    """Password and second factor again, before an action that cannot be taken lightly."""
    form = ReauthForm(request.POST or None, request=request)
    answer = request.POST.get("passkey") if request.method == "POST" else None
    if answer:
        form.fields["code"].required = False
    if request.method == "POST" and form.is_valid():
        try:
            if answer:
                device = passkey_check(request=request, answer=answer)
            else:
                device = second_factor_check(user=request.user, code=form.cleaned_data["code"])
        except SecondFactorError as error:
            form.add_error(None if answer else "code", error.message)
        else:
            mark_verified(request, device, with_password=True)
            return redirect(_next_url(request))
    return render(
        request,
        _template(request, "reauthenticate"),
        {
            "form": form,
            "next": _next_url(request),
            "has_passkey": bool(passkeys(user=request.user)),
            "page_title": _("Confirm it is you"),
        },
    )


@reauth_required
@require_http_methods(["POST"])
def new_recovery_codes(request: HttpRequest) -> HttpResponse:
    if not has_second_factor(user=request.user):
        return redirect(NAMES[_where(request)]["enrol"])
    codes = recovery_codes_replace(user=request.user)
    return render(
        request,
        _template(request, "recovery_codes"),
        {"codes": codes, "next": reverse(NAMES[_where(request)]["enrol"]), "page_title": _("Your recovery codes")},
    )


def staff_second_factors(request: HttpRequest) -> HttpResponse:
    """Superusers: who among the staff has a second factor, with a reset button each; and finding a registrant who
    lost their device by email (the reset itself is the same confirmed, logged and emailed step)."""
    if not request.user.is_superuser:
        return permission_denied(request)
    email = request.GET.get("email", "").strip()
    if email:
        account = get_user_model().objects.filter(email__iexact=email).first()
        if account is not None and has_second_factor(user=account):
            return redirect("account_security_reset", user_id=account.pk)
        messages.error(request, _("No account with this email has two-step sign-in turned on."))
    return render(
        request,
        "account_security/admin/staff_list.html",
        {"staff": staff_second_factor_status(), "page_title": _("Staff two-step sign-in")},
    )


@reauth_required
@require_http_methods(["GET", "POST"])
def reset(request: HttpRequest, user_id: int) -> HttpResponse:
    if not request.user.is_superuser:
        return permission_denied(request)
    account = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        try:
            second_factor_reset(account=account, actor=request.user)
        except SecondFactorError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The second factor of %(name)s was removed. They set up a new one at their next sign-in.")
                % {"name": account.email},
            )
        return redirect("account_security_staff")
    return render(
        request,
        "account_security/admin/confirm_reset.html",
        {"account": account, "page_title": _("Reset second factor"), "page_subtitle": account.email},
    )
