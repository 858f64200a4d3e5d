"""What privacy tells the rest of the site, never with personal data. ``item_purged``: an account or a report was
erased for good (kind, object_id, created_at); ops/signals.py writes it to the purge ledger in the same
transaction, so a backup restored later erases it again. ``item_deleted_on_request`` and ``item_restored``:
a profile or report was hidden or brought back (kind "account"/"report", the model's label, its id); webhooks
tell partners."""

from django.dispatch import Signal

item_purged = Signal()
item_deleted_on_request = Signal()
item_restored = Signal()


def purged(*, kind: str, object_id: int, created_at) -> None:
    item_purged.send(sender=None, kind=kind, object_id=object_id, created_at=created_at)


def deleted_on_request(*, kind: str, obj) -> None:
    item_deleted_on_request.send(sender=type(obj), kind=kind, object_id=obj.pk)


def restored(*, kind: str, obj) -> None:
    item_restored.send(sender=type(obj), kind=kind, object_id=obj.pk)
