"""The email outbox's one table: every notification, rendered, waiting for or past its sending.

State changes live in services (``outbox/services.py``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEmail(models.Model):
    """One email per event, written in the same transaction as the state change that caused it.

    The body is rendered at enqueue time in the recipient's language, so a later template change never
    alters what an event said. A django-q2 task sends the row (by id only) after the transaction
    commits; failures are retried with back-off up to ``max_attempts`` and stay visible to staff.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    class Language(models.TextChoices):
        TH = "th", "ไทย"
        EN = "en", "English"

    key = models.CharField(
        _("event key"),
        max_length=200,
        unique=True,
        help_text=_("One email per event, e.g. verify:42:3. Enqueueing the same key again sends nothing."),
    )
    to = models.EmailField(_("to"), max_length=254)
    reply_to = models.EmailField(_("reply to"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, default=Language.TH)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("plain-text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveIntegerField(_("maximum attempts"), default=5)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True, db_index=True)
    # When the current (or last) sender took the row; a sender that dies leaves the row "sending".
    claimed_at = models.DateTimeField(_("claimed for sending at"), null=True, blank=True)
    # Sends cut off by a stopped worker: the mail server may have the message, so it is retried once at most.
    interrupted_sends = models.PositiveSmallIntegerField(_("interrupted sends"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        # The table keeps its name from when the outbox lived in moderation: the move changed no data.
        db_table = "moderation_outboxemail"
        verbose_name = _("outbox email")
        verbose_name_plural = _("outbox emails")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.key} → {self.to}"


__all__ = ["OutboxEmail"]
