"""Start-up wiring of operations (imported once by core's app config): Sentry, and the request id carried into tasks
(``ops.task_context`` connects django-q2's signals when imported), and the purge ledger that hears of every
purge (privacy.events)."""

from ops import sentry, task_context  # noqa: F401
from ops.purge_ledger import purge_ledger_record
from privacy.events import item_purged

sentry.init_from_environment()


def _record_in_ledger(sender=None, *, kind: str, object_id: int, created_at, **kwargs) -> None:
    purge_ledger_record(kind=kind, object_id=object_id, created_at=created_at)


item_purged.connect(_record_in_ledger, dispatch_uid="ops.purge-ledger")
