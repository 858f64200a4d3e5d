"""The request id travels into the django-q2 tasks a request enqueues.

It rides inside django-q2's own task package: the ``pre_enqueue`` signal adds it, ``pre_execute`` sets it in the
worker before the task runs. So every ``async_task`` call (the outbox, password resets, follow-up purges) carries it
without a wrapper, and no task function's arguments change. Connected by ``OpsConfig.ready``.
"""

from __future__ import annotations

import threading

from django.dispatch import receiver
from django_q.signals import post_execute_in_worker, pre_enqueue, pre_execute

from ops.request_id import current_request_id, set_request_id

__all__ = ["TASK_KEY"]

TASK_KEY = "request_id"
# The id in force before each running task, per thread: restored when the task ends. In a worker process that is ""
# (the next task's "processing" log line must not carry this task's id); in django-q2's sync mode the task runs
# inside the request, whose own id comes back.
_before = threading.local()


@receiver(pre_enqueue, dispatch_uid="ops.request_id.enqueue")
def _carry_into_task(sender, task: dict, **kwargs) -> None:
    request_id = current_request_id()
    if request_id:
        task[TASK_KEY] = request_id


@receiver(pre_execute, dispatch_uid="ops.request_id.execute")
def _set_in_worker(sender, func, task: dict, **kwargs) -> None:
    stack = _before.__dict__.setdefault("stack", [])
    stack.append(current_request_id())
    set_request_id(task.get(TASK_KEY, "") if isinstance(task, dict) else "")


@receiver(post_execute_in_worker, dispatch_uid="ops.request_id.executed")
def _restore_after_task(sender, func, task: dict, **kwargs) -> None:
    stack = _before.__dict__.get("stack") or [""]
    set_request_id(stack.pop())
