from django.urls import path

from creators.views import account, auth, registration

# Included in config/urls.py under the "creators" namespace, together with the public profile pages
# (portal.profile_urls), which show reports and so live above creators.

urlpatterns = [
    path("accounts/register/", registration.register_choice, name="register"),
    path("accounts/register/creator/", registration.register, {"kind": "creator"}, name="register_creator"),
    path("accounts/register/assessor/", registration.register, {"kind": "assessor"}, name="register_assessor"),
    path("accounts/register/check-email/", registration.check_email, name="check_email"),
    path("accounts/verify/resend/", registration.resend_verification, name="resend_verification"),
    path("accounts/verify/<str:token>/", registration.verify, name="verify"),
    path("accounts/profile/edit/", account.edit_profile, name="edit_profile"),
    path("accounts/logout/", account.logout_view, name="logout"),
    *auth.urlpatterns,
]
