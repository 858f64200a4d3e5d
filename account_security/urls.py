"""Registrants' own two-step sign-in pages (optional for them; staff use the admin's copies)."""

from django.contrib.auth.decorators import login_required
from django.urls import path

from account_security import views, views_passkeys

app_name = "account_security"

urlpatterns = [
    path("accounts/security/", login_required(views.enrol), name="enrol"),
    path("accounts/security/verify/", login_required(views.verify), name="second_factor_verify"),
    path("accounts/security/recovery-codes/", login_required(views.new_recovery_codes), name="new_codes"),
    path("accounts/security/confirm/", login_required(views.reauthenticate), name="reauth"),
    path(
        "accounts/security/passkeys/options/<str:purpose>/",
        login_required(views_passkeys.passkey_options),
        name="passkey_options",
    ),
    path("accounts/security/passkeys/add/", login_required(views_passkeys.passkey_add), name="passkey_add"),
    path(
        "accounts/security/passkeys/<int:passkey_id>/remove/",
        login_required(views_passkeys.passkey_delete),
        name="passkey_remove",
    ),
]
