"""What privacy tells the rest of the site. ``item_purged``: an account or a report was erased for good (kind,
object_id, created_at — never personal data). ops/signals.py writes it to the purge ledger in the same
transaction, so a backup restored later erases it again."""

from django.dispatch import Signal

item_purged = Signal()


def purged(*, kind: str, object_id: int, created_at) -> None:
    item_purged.send(sender=None, kind=kind, object_id=object_id, created_at=created_at)
