"""What a delete on request ends at once (sessions, caches, search entries) and what a purge erases.

The account itself is erased by ``privacy.erasure.account_erase``, for a purge as for a self-delete.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import ModelLogEntry, Revision, WorkflowState
from wagtail.search import index

from creators.models import UserSession
from outbox.services import LEGACY_SEND_TASK, SEND_TASK
from reports.benchmarks import invalidate_benchmarks
from visibility.signals import announce

__all__ = [
    "end_user_sessions",
    "erase_object_history",
    "erase_task_rows",
    "public_caches_changed",
]

SCAN_CHUNK = 500


def public_caches_changed(*objects) -> None:
    """The public caches (API, statistics, the pages showing these objects; every page when none is given) and
    the sector benchmarks."""
    announce(*objects)
    invalidate_benchmarks()
    transaction.on_commit(invalidate_benchmarks)


def end_user_sessions(*, user_id: int) -> int:
    """Delete every stored session of the user: sessions keep their user's id (``creators.models.UserSession``,
    the SESSION_ENGINE), so this reads only that user's rows. The user is also inactive, and Django's
    ModelBackend refuses inactive users on every request."""
    ended, _ = UserSession.objects.filter(user_id=user_id).delete()
    return ended


def erase_object_history(obj) -> None:
    """Search entries, workflow states (with task states), revisions and audit entries about one object."""
    index.remove_object(obj)
    WorkflowState.objects.for_instance(obj).delete()
    Revision.objects.for_instance(obj).delete()
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    ModelLogEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)).delete()


def _mentions(value, needles: tuple[str, ...]) -> bool:
    text = repr(value).lower()
    return any(needle in text for needle in needles)


def erase_task_rows(*, needles: tuple[str, ...], outbox_ids: set[int], reset_ids: set[int]) -> None:
    """django-q2 keeps task arguments and results forever (pickled, so searched in Python, in chunks)."""
    from django_q.models import OrmQ, Task
    from django_q.signing import BadSignature, SignedPackage

    # Send tasks recorded before the outbox had its own app carry the old path.
    by_id = {SEND_TASK: outbox_ids, LEGACY_SEND_TASK: outbox_ids, "creators.tasks.process_password_reset": reset_ids}

    def matches(func: str, args, kwargs, result) -> bool:
        ids = by_id.get(func)
        if ids and args and args[0] in ids:
            return True
        return _mentions((args, kwargs, result), needles)

    doomed = [
        pk
        for pk, func, args, kwargs, result in Task.objects.values_list("pk", "func", "args", "kwargs", "result")
        .order_by()
        .iterator(chunk_size=SCAN_CHUNK)
        if matches(func, args, kwargs, result)
    ]
    for start in range(0, len(doomed), SCAN_CHUNK):
        Task.objects.filter(pk__in=doomed[start : start + SCAN_CHUNK]).delete()

    queued = []
    for pk, payload in OrmQ.objects.values_list("pk", "payload").iterator(chunk_size=SCAN_CHUNK):
        try:
            task = SignedPackage.loads(payload)
        except (BadSignature, Exception):  # noqa: S112  an unreadable row cannot be checked: django-q2 drops it too
            continue
        if matches(task.get("func", ""), task.get("args"), task.get("kwargs"), None):
            queued.append(pk)
    OrmQ.objects.filter(pk__in=queued).delete()
