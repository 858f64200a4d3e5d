"""The request id travels into the django-q2 tasks a request enqueues.

It rides inside django-q2's own task package: the ``pre_enqueue`` signal adds it, ``pre_execute`` sets it in the
worker before the task runs. So every ``async_task`` call (the outbox, password resets, follow-up purges) carries it
without a wrapper, and no task function's arguments change. Connected by ``OpsConfig.ready``.
"""

from __future__ import annotations

from django.dispatch import receiver
from django_q.signals import pre_enqueue, pre_execute

from ops.request_id import current_request_id, set_request_id

__all__ = ["TASK_KEY"]

TASK_KEY = "request_id"


@receiver(pre_enqueue, dispatch_uid="ops.request_id.enqueue")
def _carry_into_task(sender, task: dict, **kwargs) -> None:
    request_id = current_request_id()
    if request_id:
        task[TASK_KEY] = request_id


@receiver(pre_execute, dispatch_uid="ops.request_id.execute")
def _set_in_worker(sender, func, task: dict, **kwargs) -> None:
    # A worker runs one task after another: each starts with its own id (or none), never the previous task's.
    set_request_id(task.get(TASK_KEY, "") if isinstance(task, dict) else "")
