"""DeletionRecord: one staff "delete on request" of an account or a report, its 30-day restore window and purge."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class DeletionChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")


class DeletionKind(models.TextChoices):
    ACCOUNT = "account", _("Account")
    REPORT = "report", _("Impact Report")


class DeletionRecord(models.Model):
    """Written by ``privacy.deletion`` services only. ``owner_id`` is a plain id: it outlives the user.

    Personal data here (label, reason, requested_by) is scrubbed by the purge; ids, channel and dates stay.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=DeletionKind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(_("object id"))
    owner_id = models.PositiveBigIntegerField(_("owner account id"), db_index=True)
    label = models.CharField(_("name"), max_length=255, blank=True)
    reason = models.TextField(_("reason"))
    channel = models.CharField(
        pgettext_lazy("deletion request channel", "requested by"), max_length=16, choices=DeletionChannel.choices
    )
    requested_by = models.CharField(_("name of the person who asked"), max_length=200)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("deleted by"),
    )
    deleted_at = models.DateTimeField(_("deleted at"), db_index=True)
    purge_after = models.DateTimeField(_("permanently deleted after"), db_index=True)
    # Reports hidden together with an account, and those already hidden before (restore leaves them hidden).
    report_ids = models.JSONField(_("reports deleted with it"), default=list, blank=True)
    previously_deleted_report_ids = models.JSONField(default=list, blank=True)
    # Storage names moved from MEDIA_ROOT into the quarantine folder (originals and renditions).
    quarantined_files = models.JSONField(default=list, blank=True)
    restored_at = models.DateTimeField(_("restored at"), null=True, blank=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("restored by"),
    )
    purge_started_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(_("permanently deleted at"), null=True, blank=True)

    class Meta:
        db_table = "moderation_deletionrecord"  # moved from moderation (#20): the table kept its name
        verbose_name = _("deleted item")
        verbose_name_plural = _("deleted items")
        ordering = ["purge_after"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="deletion_object")]

    def __str__(self) -> str:
        # No personal data: this string becomes the label of audit log entries that outlive the purge.
        return gettext("%(kind)s #%(object_id)s (deletion record %(record_id)s)") % {
            "kind": self.get_kind_display(),
            "object_id": self.object_id,
            "record_id": self.pk,
        }

    @property
    def is_restorable(self) -> bool:
        return (
            self.restored_at is None
            and self.purge_started_at is None
            and self.purged_at is None
            and timezone.now() < self.purge_after
        )

    @property
    def days_left(self) -> int:
        """Whole days left, rounded up: 30 on the day of deletion, 1 on the last day."""
        seconds = (self.purge_after - timezone.now()).total_seconds()
        return max(0, math.ceil(seconds / 86400))
