from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from creators.forms import AssessorRegistrationForm, CreatorRegistrationForm, ResendVerificationForm, split_profile_data
from creators.lockout import client_ip
from creators.services.registration import AccountData, RegistrationThrottled, registration_create
from creators.services.throttle import client_network
from creators.services.verification import (
    VerificationError,
    registration_resend_verification,
    registration_verify,
    verification_user,
)

FORMS = {"creator": CreatorRegistrationForm, "assessor": AssessorRegistrationForm}


def register_choice(request):
    return render(request, "creators/register_choice.html")


@require_http_methods(["GET", "POST"])
def register(request, kind: str):
    form_class = FORMS[kind]
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, upload_client=client_ip(request))
        if form.is_valid():
            scalars, many, image = split_profile_data(form)
            data = AccountData(
                kind=kind,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                language=translation.get_language(),
                profile_fields=scalars,
                many_to_many=many,
                image=image,
                privacy_version=form.privacy_version,
            )
            try:
                registration_create(data=data, source=client_network(request))
            except RegistrationThrottled:
                form.add_error(None, _("Too many registrations from your network. Please try again in an hour."))
                status = 429
            else:
                # The same page whether or not the address was already registered.
                request.session["registered_email"] = form.cleaned_data["email"]
                return redirect("creators:check_email")
    else:
        form = form_class()
    return render(request, "creators/register.html", {"form": form, "kind": kind}, status=status)


def check_email(request):
    return render(request, "creators/check_email.html", {"email": request.session.get("registered_email", "")})


@require_http_methods(["GET", "POST"])
def resend_verification(request):
    form = ResendVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        registration_resend_verification(email=form.cleaned_data["email"], source=client_network(request))
        messages.success(request, _("If that address is waiting for verification, we have sent a new link."))
        return redirect("creators:check_email")
    return render(request, "creators/resend_verification.html", {"form": form})


@require_http_methods(["GET", "POST"])
def verify(request, token: str):
    """Opening the link asks for one click; only that POST confirms. Mail scanners open every link in an email,
    so a GET that confirmed would confirm an address someone else typed into our form.

    Confirming never logs in: whoever holds the link (a forwarded email, a shared mailbox) would otherwise get
    the account without its password and past the lockout. The registrant logs in with their password next;
    until a moderator decides there is nothing to do but follow the status, so that costs them one step."""
    try:
        if request.method == "GET":
            user = verification_user(token=token)
            return render(request, "creators/verify_confirm.html", {"already_confirmed": user.email_verified_at})
        result = registration_verify(token=token)
    except VerificationError as error:
        return render(request, "creators/verify_failed.html", {"reason": error.reason}, status=400)
    if result.confirmed_now:
        messages.success(
            request,
            _(
                "Thank you: your email address is confirmed and your registration is with our moderators. "
                "Log in with your password to follow its status."
            ),
        )
    else:
        messages.info(request, _("This email address is already confirmed. Please log in with your password."))
    return redirect("creators:login")
