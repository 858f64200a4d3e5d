"""Submitting an Impact Report for approval, cancelling the request, and recording the moderator's decision."""

from django.db import transaction
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from moderation.decisions import DecisionConflictError, claim_task_state
from moderation.service import ModerationLockedError, moderation_submit
from reports.models import ImpactReport
from reports.selectors import working_copy
from reports.sroi import SroiValidationError, money, ratio
from reports.sroi_fingerprint import ENGINE_FINGERPRINT

WIZARD_STEPS = 5  # the sixth "step" is the report page itself


# One error for every moderated kind (moderation/service.py); the name says what a report view catches.
ReportLockedError = ModerationLockedError


class ReportIncompleteError(Exception):
    """Not every calculation step is complete, or the numbers do not validate."""

    def __init__(self, errors: dict | None = None):
        super().__init__("incomplete report")
        self.errors = errors or {}


class WithdrawRefusedError(Exception):
    """Only the owner can withdraw, and only a report that is waiting for a decision."""


@transaction.atomic
def report_submit(*, report: ImpactReport, user) -> WorkflowState:
    """Freeze the results into a new revision and start (or resume) the report's 10-business-day workflow."""
    locked = ImpactReport.objects.select_for_update().get(pk=report.pk)
    if locked.owner_id != user.pk:
        raise WithdrawRefusedError

    def freeze_results(locked: ImpactReport) -> None:
        working = working_copy(locked)
        if working.completed_step < WIZARD_STEPS:
            raise ReportIncompleteError
        try:
            results = working.results(with_sensitivity=False)
        except SroiValidationError as error:
            raise ReportIncompleteError(error.errors) from error
        working.total_inputs = money(results.total_inputs)
        working.present_value = money(results.present_value)
        working.sroi_ratio = ratio(results.sroi_ratio)
        working.results_engine = ENGINE_FINGERPRINT
        if not working.live:
            working.save()
        working.save_revision(user=user)

    return moderation_submit(obj=report, user=user, prepare=freeze_results)


@transaction.atomic
def report_withdraw(*, report: ImpactReport, user) -> None:
    """ "ยกเลิกการขออนุมัติ": the owner cancels a pending request; it races safely with a moderator's decision."""
    locked = ImpactReport.objects.select_for_update().get(pk=report.pk)
    if locked.owner_id != user.pk or not locked.workflow_in_progress:
        raise WithdrawRefusedError
    workflow_state = locked.current_workflow_state
    task_state = workflow_state.current_task_state
    try:
        claim_task_state(task_state, new_status=TaskState.STATUS_CANCELLED)
    except DecisionConflictError as error:
        raise WithdrawRefusedError from error
    workflow_state.cancel(user=user)
    ImpactReport.objects.filter(pk=report.pk).update(withdrawn_at=timezone.now(), due_date=None)
