"""Moderation as one service for every moderated kind (profiles, reports): submit into the workflow with a promised
decision date and a "received" email, and record a moderator's decision with its email — driven by each model's
``moderation_rules`` (moderation/rules.py) instead of a copy per kind.

Everything runs in the caller's transaction; metadata (dates, reason) goes to the row only, so a live item's public
content is untouched until a moderator approves the new revision.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import models, transaction
from django.utils import timezone
from wagtail.models import WorkflowState

from moderation.rules import ModerationRules
from moderation.selectors import closure_dates
from moderation.sla import add_business_days
from moderation.staff_notifications import moderators_notify_request
from outbox.services import outbox_enqueue

__all__ = ["ModerationLockedError", "moderation_due_date", "moderation_record_decision", "moderation_submit"]


class ModerationLockedError(Exception):
    """The item is waiting for a moderator's decision: it may not be submitted, changed or deleted meanwhile."""


def moderation_due_date(*, submitted_at: datetime.datetime, business_days: int) -> datetime.date:
    """The decision date promised to the registrant: N business days after the Bangkok day of submission."""
    local_day = timezone.localtime(submitted_at).date()
    return add_business_days(submitted_at, business_days, closures=closure_dates(local_day))


def _rules(obj: models.Model) -> ModerationRules:
    return type(obj).moderation_rules


def _email(obj: models.Model, *, key: str, template: str) -> None:
    recipient = obj.moderation_recipient()
    outbox_enqueue(
        key=key,
        to=recipient.email,
        template=template,
        context=obj.moderation_email_context(),
        language=recipient.preferred_language,
    )


@transaction.atomic
def moderation_submit(
    *, obj: models.Model, user, prepare: Callable[[models.Model], None] | None = None
) -> WorkflowState:
    """Lock the row, refuse while a decision is pending (a double-click lands here and changes nothing), let the
    kind ``prepare`` the revision to moderate, then start the workflow (or resume it after "request changes")."""
    rules = _rules(obj)
    model = type(obj)
    locked = model.objects.select_for_update().get(pk=obj.pk)
    if locked.workflow_in_progress:
        raise ModerationLockedError
    if prepare is not None:
        prepare(locked)
    needs_changes = locked.current_workflow_state
    if needs_changes is not None and needs_changes.status == WorkflowState.STATUS_NEEDS_CHANGES:
        # After "request changes" Wagtail keeps the state open; resubmitting resumes it with a new task.
        needs_changes.resume(user=user)
        workflow_state = needs_changes
    else:
        workflow = locked.get_workflow()
        if workflow is None:
            raise RuntimeError(f"No workflow is assigned to {model.__name__}: run the migrations.")
        workflow_state = workflow.start(locked, user)
    task_state = workflow_state.current_task_state
    submitted_at = timezone.now()
    row = {
        "submitted_at": submitted_at,
        "due_date": moderation_due_date(submitted_at=submitted_at, business_days=rules.decision_business_days),
        **dict(rules.reset_on_submit),
    }
    model.objects.filter(pk=obj.pk).update(**row)
    for name, value in row.items():
        setattr(obj, name, value)
    _email(obj, key=f"{rules.kind}-received:{task_state.pk}", template=rules.received_template)
    moderators_notify_request(obj=obj, task_state=task_state, submitter_id=user.pk if user else None)
    return workflow_state


def moderation_record_decision(*, obj: models.Model, approved: bool, reason: str, decision_key: str) -> None:
    """Inside the moderator's decision transaction: keep the reason (none when approved) and email the owner once."""
    rules = _rules(obj)
    reason = "" if approved else reason.strip()
    type(obj).objects.filter(pk=obj.pk).update(rejection_reason=reason)
    obj.rejection_reason = reason
    _email(obj, key=f"{rules.kind}-decision:{decision_key}", template=rules.decision_template(approved=approved))
