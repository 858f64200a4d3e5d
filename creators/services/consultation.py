"""CREATE IMPACT: an approved user asks an approved organisation for a consultation, through the email outbox.

The request row and its email are written in one transaction. The email goes to the recipient's account
address in the recipient's language with Reply-To set to the sender, so the recipient answers by email;
the sender never sees the recipient's address. Limits are counted from ConsultationRequest rows (the
database every app server shares), and the sender's row is locked first so two clicks or two servers
cannot both slip under a limit or both store the same message.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.text import clean_text
from creators.models import ConsultationRequest, ImpactAssessorProfile, ImpactCreatorProfile, User
from outbox.services import LANGUAGES, outbox_enqueue

SUBJECT_MAX_LENGTH = ConsultationRequest._meta.get_field("subject").max_length
MESSAGE_MAX_LENGTH = ConsultationRequest._meta.get_field("message").max_length
MESSAGE_MIN_LENGTH = 10
# The same subject and message again within this window is a double submission: no second request.
DUPLICATE_WINDOW = timedelta(minutes=1)


class ConsultationRefusedError(Exception):
    """The request cannot be sent; ``message`` is translated and safe to show to the sender."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def limits() -> tuple[tuple[timedelta, int], ...]:
    """(window, most requests a sender may send in it), from settings so operators can tune them."""
    return (
        (timedelta(hours=1), getattr(settings, "CONSULTATION_LIMIT_PER_HOUR", 5)),
        (timedelta(days=1), getattr(settings, "CONSULTATION_LIMIT_PER_DAY", 20)),
    )


def _current_profile(user: User) -> ImpactCreatorProfile | ImpactAssessorProfile | None:
    """The user's profile as stored now (an object cached on ``user`` may predate its approval)."""
    for model in (ImpactCreatorProfile, ImpactAssessorProfile):
        profile = model.objects.filter(user_id=user.pk).first()
        if profile is not None:
            return profile
    return None


def sender_refusal(sender: User | None) -> str:
    """Why this user may not send consultation requests, or "" when they may (translated for the page)."""
    if sender is None or not sender.is_authenticated:
        return _("Log in to send a consultation request.")
    profile = _current_profile(sender)
    if profile is None:
        return _("Only approved Impact Creators and Impact Assessors can send consultation requests.")
    if profile.deleted_at is not None or not sender.is_active:
        return _("Your account has been closed, so you cannot send consultation requests.")
    if not profile.live:
        return _(
            "Your account is waiting for approval. You can send consultation requests once a moderator has approved it."
        )
    return ""


def _refuse(message: str, code: str):
    raise ConsultationRefusedError(message, code=code)


def _clean(subject: str, message: str) -> tuple[str, str]:
    subject, message = clean_text(subject or ""), clean_text(message or "", multiline=True)
    if not subject:
        _refuse(_("Please enter a subject."), "subject")
    if len(subject) > SUBJECT_MAX_LENGTH:
        _refuse(_("The subject is too long (at most %(max)s characters).") % {"max": SUBJECT_MAX_LENGTH}, "subject")
    if len(message) < MESSAGE_MIN_LENGTH:
        _refuse(_("Please write a message of at least %(min)s characters.") % {"min": MESSAGE_MIN_LENGTH}, "message")
    if len(message) > MESSAGE_MAX_LENGTH:
        _refuse(_("The message is too long (at most %(max)s characters).") % {"max": MESSAGE_MAX_LENGTH}, "message")
    return subject, message


def _check_rate(sender_id: int, now) -> None:
    sent = ConsultationRequest.objects.filter(sender_id=sender_id)
    for window, most in limits():
        if sent.filter(created_at__gt=now - window).count() >= most:
            _refuse(
                _("You have sent the most consultation requests allowed for now. Please try again later."),
                "rate_limited",
            )


def _email_context(*, sender: User, recipient_profile, subject: str, message: str, language: str) -> dict:
    sender_profile = _current_profile(sender)
    with translation.override(language):
        return {
            "sender_name": sender_profile.display_name,
            "sender_kind": sender_profile.kind,
            "sender_slug": sender_profile.slug,
            "recipient_name": recipient_profile.display_name,
            "subject": subject,
            "message": message,
        }


@transaction.atomic
def consultation_send(
    *,
    sender: User,
    recipient_profile: ImpactCreatorProfile | ImpactAssessorProfile,
    subject: str,
    message: str,
    language: str,
) -> ConsultationRequest:
    """Store the request and enqueue its email; a double submission returns the first request unchanged.

    ``language`` is the sender's language; the email is written in the recipient's preferred language.
    Raises ``ConsultationRefusedError`` (nothing stored, nothing sent) when it may not be sent.
    """
    refusal = sender_refusal(sender)
    if refusal:
        _refuse(refusal, "sender")
    if recipient_profile is not None and recipient_profile.user_id == sender.pk:
        _refuse(_("You cannot send a consultation request to yourself."), "self")
    if recipient_profile is None or not recipient_profile.is_public:
        _refuse(_("This organisation cannot receive consultation requests."), "recipient")
    subject, message = _clean(subject, message)

    User.objects.select_for_update().filter(pk=sender.pk).first()  # serialises one sender's submissions
    now = timezone.now()
    duplicate = (
        ConsultationRequest.objects.filter(
            sender_id=sender.pk,
            recipient_id=recipient_profile.user_id,
            subject=subject,
            message=message,
            created_at__gt=now - DUPLICATE_WINDOW,
        )
        .order_by("-created_at")
        .first()
    )
    if duplicate is not None:
        return duplicate
    _check_rate(sender.pk, now)

    request = ConsultationRequest(
        sender=sender, recipient_id=recipient_profile.user_id, subject=subject, message=message
    )
    request.full_clean()
    request.save()
    recipient = recipient_profile.user
    email_language = next(code for code in (recipient.preferred_language, language, "th") if code in LANGUAGES)
    context = _email_context(
        sender=sender, recipient_profile=recipient_profile, subject=subject, message=message, language=email_language
    )
    outbox_enqueue(
        key=f"consultation:{request.pk}",
        to=recipient.email,
        template="consultation_request",
        context=context,
        language=email_language,
        reply_to=sender.email,
    )
    return request
