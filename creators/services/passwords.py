"""Password reset, for the public site and the Wagtail admin alike: recorded in the request, decided in a worker.

The request only stores a row and queues a task (the same work for every address, so the answer and its timing
say nothing about who has an account). The worker emails a one-hour link through the outbox when the address
belongs to an account that may use it: any active account for the public reset, staff only for the admin's.
Limits (``creators.services.throttle``): requests per source network, and reset emails per account; both are
logged when reached and never announced.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_q.tasks import async_task

from core.links import site_url
from creators.access import may_use_admin
from creators.models import PasswordResetRequest, User
from creators.services.throttle import throttle_take
from outbox.services import outbox_enqueue

logger = logging.getLogger(__name__)

RESET_TASK = "creators.tasks.process_password_reset"
# A request whose task has not run after this long was lost (broker down, a SECRET_KEY rotation): the retry job
# handles it. Requests older than a day are dropped unsent: the person has long stopped waiting.
STRANDED_AFTER = timedelta(minutes=5)
ABANDONED_AFTER = timedelta(days=1)
CONFIRM_VIEW = {
    PasswordResetRequest.Audience.PUBLIC: "creators:password_reset_confirm",
    PasswordResetRequest.Audience.ADMIN: "wagtailadmin_password_reset_confirm",
}


def password_reset_request(*, email: str, language: str, source: str, audience: str = "public") -> None:
    """Record the request and hand it to a worker; the caller's response is the same for every address."""
    if not throttle_take(scope="password-reset-ip", subject=source):
        return
    reset_request = PasswordResetRequest.objects.create(email=email, language=language, audience=audience)
    # Only the row id goes into the task: task arguments are kept and must not hold personal data. robust: a
    # broker that is down must not fail the request; the retry job finds the row.
    transaction.on_commit(lambda: async_task(RESET_TASK, reset_request.pk), robust=True)


def _recipient(reset_request: PasswordResetRequest) -> User | None:
    user = User.objects.filter(email__iexact=reset_request.email, is_active=True).first()
    if user is None or not user.has_usable_password():
        return None
    if reset_request.audience == PasswordResetRequest.Audience.ADMIN and not may_use_admin(user):
        # Registrants never get an admin link; they reset from the public "Forget Password" page.
        logger.info("admin password reset %s: not a staff account, no email", reset_request.pk)
        return None
    return user


def _reset_url(*, user: User, audience: str, language: str) -> str:
    kwargs = {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)}
    with translation.override(language):
        path = reverse(CONFIRM_VIEW[audience], kwargs=kwargs)
    return site_url(path)


def password_reset_process(*, request_id: int) -> bool:
    """Email a one-hour reset link when the address may have one. Idempotent; True when an email was queued."""
    with transaction.atomic():
        reset_request = PasswordResetRequest.objects.select_for_update().filter(pk=request_id).first()
        if reset_request is None:
            return False
        user = _recipient(reset_request)
        queued = user is not None and throttle_take(scope="password-reset-email", subject=f"user:{user.pk}")
        if queued:
            # The language of the page the request came from: that is what the person is reading.
            language = reset_request.language if reset_request.language in ("th", "en") else user.preferred_language
            outbox_enqueue(
                key=f"password-reset:{user.pk}:{request_id}",
                to=user.email,
                template="password_reset",
                context={
                    "reset_url": _reset_url(user=user, audience=reset_request.audience, language=language),
                    "valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
                },
                language=language,
            )
        reset_request.delete()
        return queued


def password_reset_retry_stranded(*, now: datetime | None = None, limit: int = 200, time_budget: float = 40.0) -> int:
    """Scheduled ("password-reset-retry"): handle requests whose task never ran. Idempotent: each request is
    locked and deleted by ``password_reset_process``, and its email has a unique outbox key."""
    now = now or timezone.now()
    abandoned = PasswordResetRequest.objects.filter(created_at__lt=now - ABANDONED_AFTER).delete()[0]
    if abandoned:
        logger.warning("dropped %s password reset requests older than %s", abandoned, ABANDONED_AFTER)
    stranded = PasswordResetRequest.objects.filter(created_at__lte=now - STRANDED_AFTER).order_by("pk")
    started, handled = time.monotonic(), 0
    for request_id in list(stranded.values_list("pk", flat=True)[:limit]):
        if time.monotonic() - started > time_budget:
            break
        password_reset_process(request_id=request_id)
        handled += 1
    return handled
