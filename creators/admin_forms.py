"""The Wagtail admin's "forgot password" form (WAGTAILADMIN_USER_PASSWORD_RESET_FORM), on the public reset's path.

Wagtail's own form sends the email inside the request, to any account: the response time told who had one, and
registrants got admin links. This one only records the request (creators.services.passwords); a worker emails
staff accounts through the outbox, and nobody else.
"""

from django.db import transaction
from django.utils import translation
from wagtail.admin.forms.auth import PasswordResetForm

from core.text import clean_email
from creators.models import PasswordResetRequest
from creators.services.passwords import password_reset_request
from creators.services.throttle import client_network


class AdminPasswordResetForm(PasswordResetForm):
    def clean_email(self):
        return clean_email(self.cleaned_data["email"])

    def save(self, *args, request=None, **kwargs) -> None:
        with transaction.atomic():
            password_reset_request(
                email=self.cleaned_data["email"],
                language=translation.get_language(),
                source=client_network(request),
                audience=PasswordResetRequest.Audience.ADMIN,
            )
