"""Webhook endpoints registered by staff, and the durable queue of deliveries (one row per event and endpoint,
written in the transaction of the change, sent by django-q2 after it commits: the outbox pattern)."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from webhooks import events

EVENT_CHOICES = [
    (events.PAGE_PUBLISHED, _("Page published")),
    (events.PAGE_UNPUBLISHED, _("Page unpublished")),
    (events.PROFILE_APPROVED, _("Profile approved")),
    (events.REPORT_APPROVED, _("Report approved")),
    (events.DELETED_ON_REQUEST, _("Deleted on request")),
    (events.RESTORED, _("Restored")),
    (events.PURGED, _("Permanently deleted")),
]


def new_secret() -> str:
    return secrets.token_hex(32)


class WebhookEndpoint(models.Model):
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(
        _("signing secret"),
        max_length=128,
        default=new_secret,
        help_text=_("The receiver checks the X-Signature header with this secret (see the README)."),
    )
    events = models.JSONField(_("events"), default=list)
    locale = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        choices=[("th", _("Thai")), ("en", _("English"))],
        help_text=_("Only events about content in this language; empty: every language."),
    )
    owner_email = models.EmailField(_("owner's email"), help_text=_("Told when the endpoint is paused."))
    is_active = models.BooleanField(_("active"), default=True)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed, will retry")
        GAVE_UP = "gave_up", _("Failed, not retried")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("endpoint")
    )
    event = models.CharField(_("event"), max_length=40)
    object_type = models.CharField(_("object type"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("object id"))
    body = models.TextField(_("body"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, db_index=True)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    response_ms = models.PositiveIntegerField(_("response time (ms)"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-pk"]
        indexes = [models.Index(fields=["endpoint", "object_type", "object_id", "status"], name="webhook_per_object")]

    def __str__(self) -> str:
        return f"{self.event} {self.object_type}:{self.object_id}"
