"""Rows the operations code keeps: the task cluster's heartbeat and the purge ledger."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClusterHeartbeat(models.Model):
    """Stamped every minute by a scheduled django-q2 task (``ops.tasks.cluster_heartbeat``): a fresh stamp proves
    that the scheduler runs and that a worker really executes tasks. One row per cluster name."""

    cluster = models.CharField(_("task cluster"), max_length=100, unique=True)
    beat_at = models.DateTimeField(_("last heartbeat"))

    class Meta:
        verbose_name = _("task cluster heartbeat")
        verbose_name_plural = _("task cluster heartbeats")

    def __str__(self) -> str:
        return f"{self.cluster} @ {self.beat_at.isoformat()}"


class PurgeKind(models.TextChoices):
    ACCOUNT = "account", _("Account")
    REPORT = "report", _("Impact Report")


class PurgeLedgerEntry(models.Model):
    """One item erased for good (PDPA): ids, kind and date only, never a name, an address or a file name.

    Each entry is also written outside the database, to the ledger store (``ops.purge_ledger``), because the rows
    of a database restored from a backup end at the backup. ``manage.py restore`` replays the store, so a backup
    taken before an erasure never brings the erased account or report back.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=PurgeKind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    # When the item was created: after a restore, ids are handed out again from the backup's sequences, so an id
    # alone could name a newer, unrelated item. A replay erases only the item with this id *and* this date.
    created_at = models.DateTimeField(_("created at"))
    purged_at = models.DateTimeField(_("erased at"), db_index=True)

    class Meta:
        verbose_name = _("erased item")
        verbose_name_plural = _("erased items")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="purge_ledger_unique_item")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id}"
