"""Submitting an Impact Report for approval, cancelling the request, and recording the moderator's decision."""

from django.db import transaction
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from creators.services.profiles import due_date_for
from moderation.decisions import DecisionConflictError, claim_task_state
from moderation.staff_notifications import moderators_notify_request
from outbox.services import outbox_enqueue
from reports.models import ImpactReport
from reports.selectors import working_copy
from reports.sroi import SroiValidationError, money, ratio

REPORT_DECISION_BUSINESS_DAYS = 10
WIZARD_STEPS = 5  # the sixth "step" is the report page itself


class ReportLockedError(Exception):
    """The report is waiting for a decision: it cannot be edited or submitted again."""


class ReportIncompleteError(Exception):
    """Not every calculation step is complete, or the numbers do not validate."""

    def __init__(self, errors: dict | None = None):
        super().__init__("incomplete report")
        self.errors = errors or {}


class WithdrawRefusedError(Exception):
    """Only the owner can withdraw, and only a report that is waiting for a decision."""


def report_email_context(report: ImpactReport) -> dict:
    return {
        "title": report.display_title,
        "due_date": report.due_date,
        "reason": report.rejection_reason,
        "pk": report.pk,
    }


def _email(report: ImpactReport, *, key: str, template: str) -> None:
    outbox_enqueue(
        key=key,
        to=report.owner.email,
        template=template,
        context=report_email_context(report),
        language=report.owner.preferred_language,
    )


@transaction.atomic
def report_submit(*, report: ImpactReport, user) -> WorkflowState:
    """Freeze the results into a new revision and start (or resume) the report's 10-business-day workflow."""
    locked = ImpactReport.objects.select_for_update().get(pk=report.pk)
    if locked.owner_id != user.pk:
        raise WithdrawRefusedError
    if locked.workflow_in_progress:
        raise ReportLockedError  # a double-click lands here and changes nothing
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
    if not working.live:
        working.save()
    working.save_revision(user=user)

    current = locked.current_workflow_state
    if current is not None and current.status == WorkflowState.STATUS_NEEDS_CHANGES:
        current.resume(user=user)
        workflow_state = current
    else:
        workflow_state = locked.get_workflow().start(locked, user)
    submitted_at = timezone.now()
    due_date = due_date_for(submitted_at=submitted_at, business_days=REPORT_DECISION_BUSINESS_DAYS)
    ImpactReport.objects.filter(pk=report.pk).update(
        submitted_at=submitted_at, due_date=due_date, withdrawn_at=None, rejection_reason=""
    )
    report.submitted_at, report.due_date, report.withdrawn_at = submitted_at, due_date, None
    _email(report, key=f"report-received:{workflow_state.current_task_state.pk}", template="report_received")
    moderators_notify_request(obj=report, task_state=workflow_state.current_task_state, submitter_id=user.pk)
    return workflow_state


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


def report_record_decision(*, report: ImpactReport, approved: bool, reason: str, decision_key: str) -> None:
    """Inside the moderator's decision transaction: keep the reason and email the owner exactly once."""
    reason = "" if approved else reason.strip()
    ImpactReport.objects.filter(pk=report.pk).update(rejection_reason=reason)
    report.rejection_reason = reason
    _email(report, key=f"report-decision:{decision_key}", template="report_approved" if approved else "report_rejected")
