from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_q.tasks import async_task

from creators.models import PasswordResetRequest, User
from moderation.outbox import outbox_enqueue
from portal.links import site_url

RESET_TASK = "creators.tasks.process_password_reset"


def password_reset_request(*, email: str, language: str) -> None:
    """Record the request and hand it to a worker; the caller's response is the same for every address."""
    reset_request = PasswordResetRequest.objects.create(email=email, language=language)
    # Only the row id goes into the task: task arguments are kept and must not hold personal data.
    transaction.on_commit(lambda: async_task(RESET_TASK, reset_request.pk))


def password_reset_process(*, request_id: int) -> bool:
    """Email a one-hour reset link when the address belongs to an active account. Idempotent."""
    with transaction.atomic():
        reset_request = PasswordResetRequest.objects.select_for_update().filter(pk=request_id).first()
        if reset_request is None:
            return False
        user = User.objects.filter(email__iexact=reset_request.email, is_active=True).first()
        if user is not None and user.has_usable_password():
            # The language of the page the request came from: that is what the person is reading.
            language = reset_request.language if reset_request.language in ("th", "en") else user.preferred_language
            with translation.override(language):
                path = reverse(
                    "creators:password_reset_confirm",
                    kwargs={
                        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                        "token": default_token_generator.make_token(user),
                    },
                )
            outbox_enqueue(
                key=f"password-reset:{user.pk}:{request_id}",
                to=user.email,
                template="password_reset",
                context={"reset_url": site_url(path), "valid_minutes": 60},
                language=language,
            )
        reset_request.delete()
        return user is not None
