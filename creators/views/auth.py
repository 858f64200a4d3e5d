"""Login, password change and password reset for registrants (and staff), in Thai and English."""

from django import forms
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from core.text import clean_email
from creators.services.passwords import password_reset_request
from creators.services.throttle import client_network


class EmailLoginForm(auth_views.AuthenticationForm):
    username = forms.EmailField(label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autofocus": True}))

    error_messages = {
        **auth_views.AuthenticationForm.error_messages,
        "invalid_login": _("The email or password is not correct. Please try again."),
        "unverified": _("Please confirm your email address first: open the link in the email we sent you."),
    }

    def clean_username(self):
        return clean_email(self.cleaned_data["username"])

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.email_verified_at is None and not user.is_staff:
            raise ValidationError(self.error_messages["unverified"], code="unverified")


class LoginView(auth_views.LoginView):
    form_class = EmailLoginForm
    template_name = "creators/login.html"
    redirect_authenticated_user = True
    # Only same-site `next` targets are followed (Django checks host and scheme).


class PasswordResetForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)

    def clean_email(self):
        return clean_email(self.cleaned_data["email"])


@require_http_methods(["GET", "POST"])
def password_reset(request):
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # The same work for every address: whether it exists is decided later, in the background.
            password_reset_request(
                email=form.cleaned_data["email"], language=translation.get_language(), source=client_network(request)
            )
        return redirect("creators:password_reset_done")
    return render(request, "creators/password_reset.html", {"form": form})


urlpatterns = [
    path("accounts/login/", LoginView.as_view(), name="login"),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name="creators/password_change.html", success_url=reverse_lazy("creators:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="creators/password_change_done.html"),
        name="password_change_done",
    ),
    path("accounts/password/reset/", password_reset, name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="creators/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="creators/password_reset_confirm.html",
            success_url=reverse_lazy("creators:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="creators/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
