from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from creators.forms import AssessorRegistrationForm, CreatorRegistrationForm, ResendVerificationForm, split_profile_data
from creators.lockout import client_ip
from creators.services.registration import (
    VerificationError,
    registration_create,
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
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, upload_client=client_ip(request))
        if form.is_valid():
            scalars, many, image = split_profile_data(form)
            registration_create(
                kind=kind,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                language=translation.get_language(),
                profile_fields=scalars,
                many_to_many=many,
                image=image,
                privacy_version=form.privacy_version,
            )
            # The same page whether or not the address was already registered.
            request.session["registered_email"] = form.cleaned_data["email"]
            return redirect("creators:check_email")
    else:
        form = form_class()
    return render(request, "creators/register.html", {"form": form, "kind": kind})


def check_email(request):
    return render(request, "creators/check_email.html", {"email": request.session.get("registered_email", "")})


@require_http_methods(["GET", "POST"])
def resend_verification(request):
    form = ResendVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        registration_resend_verification(email=form.cleaned_data["email"])
        messages.success(request, _("If that address is waiting for verification, we have sent a new link."))
        return redirect("creators:check_email")
    return render(request, "creators/resend_verification.html", {"form": form})


@require_http_methods(["GET", "POST"])
def verify(request, token: str):
    """Opening the link asks for one click; only that POST confirms. Mail scanners open every link in an email,
    so a GET that confirmed would confirm an address someone else typed into our form."""
    try:
        user = registration_verify(token=token) if request.method == "POST" else verification_user(token=token)
    except VerificationError as error:
        return render(request, "creators/verify_failed.html", {"reason": error.reason}, status=400)
    if request.method == "GET":
        return render(request, "creators/verify_confirm.html", {"already_confirmed": user.email_verified_at})
    if not request.user.is_authenticated and user.is_active:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(
        request, _("Thank you: your email address is confirmed and your registration is with our moderators.")
    )
    return redirect(reverse("creators:dashboard"))
