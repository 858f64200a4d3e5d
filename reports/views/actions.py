from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports.selectors import owned_report
from reports.services.submission import (
    ReportIncompleteError,
    ReportLockedError,
    WithdrawRefusedError,
    report_submit,
    report_withdraw,
)


@login_required
@require_POST
def submit(request, pk: int):
    report = owned_report(user=request.user, pk=pk)
    try:
        report_submit(report=report, user=request.user)
    except ReportLockedError:
        messages.info(request, _("This report is already waiting for approval."))
    except ReportIncompleteError:
        messages.error(request, _("Please complete every calculation step before submitting."))
        return redirect("reports:step", pk=pk, step=1)
    else:
        messages.success(request, _("Your report was sent for approval. Moderators decide within 10 business days."))
    return redirect("reports:report", pk=pk)


@login_required
@require_POST
def withdraw(request, pk: int):
    report = owned_report(user=request.user, pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Please confirm that you want to cancel the approval request."))
        return redirect("reports:report", pk=pk)
    try:
        report_withdraw(report=report, user=request.user)
    except WithdrawRefusedError:
        messages.error(request, _("This report is not waiting for approval, so there is no request to cancel."))
    else:
        messages.success(request, _("The approval request was cancelled. You can edit the report and submit it again."))
    return redirect("reports:report", pk=pk)
