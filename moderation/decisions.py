"""Race-safe moderator decisions: exactly one outcome and one email, whoever clicks first."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState

from moderation.rules import is_moderated
from moderation.service import moderation_record_decision


class DecisionConflictError(Exception):
    """Someone else already decided (or the owner withdrew) this request."""

    message = _("This request was already decided or withdrawn by someone else. Nothing was changed.")


def claim_task_state(task_state: TaskState, *, new_status: str) -> None:
    """A conditional UPDATE: only the first of two concurrent deciders moves the row out of in_progress."""
    claimed = TaskState.objects.filter(pk=task_state.pk, status=TaskState.STATUS_IN_PROGRESS).update(status=new_status)
    if not claimed:
        raise DecisionConflictError


def decide(task, task_state: TaskState, user, action_name: str, decide_with_wagtail, **kwargs) -> None:
    approved = action_name == "approve"
    if action_name not in ("approve", "reject"):
        return decide_with_wagtail(task_state, user, action_name, **kwargs)
    with transaction.atomic():
        claim_task_state(task_state, new_status=TaskState.STATUS_APPROVED if approved else TaskState.STATUS_REJECTED)
        decide_with_wagtail(task_state, user, action_name, **kwargs)
        obj = task_state.workflow_state.content_object
        if is_moderated(type(obj)):
            reason = kwargs.get("comment") or ""
            moderation_record_decision(obj=obj, approved=approved, reason=reason, decision_key=str(task_state.pk))
