"""Starting an Impact Report and saving each calculation step as a draft revision."""

from uuid import uuid4

from django.contrib.auth import get_user_model
from django.db import transaction

from reports.models import ImpactReport
from reports.selectors import can_start_reports
from reports.services.submission import ReportLockedError


@transaction.atomic
def report_create(*, user) -> ImpactReport:
    """A new, empty draft report owned by ``user`` (an approved Impact Creator or Assessor).

    A double-click on "start" does not leave two empty reports behind: while the user still has an untouched
    empty draft (no step completed), that draft is returned instead of a new one.
    """
    allowed, reason = can_start_reports(user)
    if not allowed:
        raise PermissionError(reason)
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()  # one "start" at a time per user
    empty = (
        ImpactReport.objects.filter(owner_id=user.pk, live=False, completed_step=0, title_th="").order_by("-pk").first()
    )
    if empty is not None:
        return empty
    report = ImpactReport(owner=user, title_th="", slug=f"report-{uuid4().hex[:10]}", live=False, completed_step=0)
    report.save()
    report.save_revision(user=user, clean=False)  # the title is still empty: the first step asks for it
    return report


@transaction.atomic
def report_save_draft(*, report: ImpactReport, user, step: int, clean: bool = True) -> ImpactReport:
    """Save the edited working copy ``report`` as the latest revision, with ``step`` marked as completed.

    A report that is not public also gets its row (and child rows) updated; a live report's row, which is what
    the public sees, stays unchanged until moderators approve the new revision. The caller replaces child lists
    wholesale, so saving the same step twice (a double-click) stores the same content twice, never duplicates.
    Raises ReportLockedError while the report waits for a moderator's decision. ``clean=False`` saves a draft
    whose step 1 is still empty (a draft filled from a workbook before the owner gives it a title).
    """
    locked = ImpactReport.objects.select_for_update().get(pk=report.pk)
    if locked.owner_id != user.pk:
        raise PermissionError("not the owner of this report")
    if locked.workflow_in_progress:
        raise ReportLockedError
    # The edited content on top of the current row: publication, lock and moderation fields come from the row
    # as it is now, not as it was when the working copy was loaded.
    draft = locked.with_content_json(report.serializable_data())
    draft.completed_step = max(report.completed_step or 0, step)
    if not locked.live:
        draft.save()
    draft.save_revision(user=user, clean=clean)
    return draft
