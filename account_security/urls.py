"""Registrants' own two-step sign-in pages (optional for them; staff use the admin's copies)."""

from django.contrib.auth.decorators import login_required
from django.urls import path

from account_security import views

app_name = "account_security"

urlpatterns = [
    path("accounts/security/", login_required(views.enrol), name="enrol"),
    path("accounts/security/verify/", login_required(views.verify), name="second_factor_verify"),
    path("accounts/security/recovery-codes/", login_required(views.new_recovery_codes), name="new_codes"),
    path("accounts/security/confirm/", login_required(views.reauthenticate), name="reauth"),
]
