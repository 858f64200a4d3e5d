"""Filling the calculation steps from an uploaded Value Map workbook: a new draft, or step 1 of an own draft.

POST only; success redirects to step 1 (POST-redirect-GET) with a message to review each step. A refused
workbook shows each cell reference and its message above the upload form; nothing is stored.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reports import forms as wizard_forms
from reports.selectors import can_start_reports, owned_report, report_status, working_copy
from reports.services.submission import ReportLockedError
from reports.services.workbook_drafts import WorkbookProblems, draft_from_workbook
from reports.views.wizard import LOCKED_MESSAGE, ProjectStep, start_page, step_page
from value_map import messages as workbook_texts
from value_map.archive import MAX_UPLOAD_BYTES

MULTIPART_ALLOWANCE = 64 * 1024  # the form's other parts and boundaries around the file


@login_required
@require_POST
def upload_new(request):
    allowed, reason = can_start_reports(request.user)
    if not allowed:
        return start_page(request, allowed=allowed, reason=reason, status=403)
    return _upload(request, report=None)


@login_required
@require_POST
def upload_into(request, pk: int):
    report = owned_report(user=request.user, pk=pk)  # another user's report: 404
    if not report_status(report).editable:
        messages.error(request, LOCKED_MESSAGE)
        return redirect("reports:report", pk=pk)
    return _upload(request, report=report)


def _upload(request, *, report):
    form, errors = None, []
    if _declared_length(request) > MAX_UPLOAD_BYTES + MULTIPART_ALLOWANCE:  # refused before the body is read
        errors = [("", str(workbook_texts.MESSAGES["file_too_large"]) % workbook_texts.PARAMETER_DEFAULTS)]
    else:
        form = wizard_forms.WorkbookUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                draft = draft_from_workbook(user=request.user, upload=form.cleaned_data["workbook"], report=report)
            except WorkbookProblems as problems:
                errors = [(ref, text) for ref, texts in problems.errors.items() for text in texts]
            except ReportLockedError:
                messages.error(request, LOCKED_MESSAGE)
                return redirect("reports:report", pk=report.pk)
            except PermissionError as error:
                messages.error(request, str(error))
                return redirect("reports:new")
            else:
                messages.success(
                    request, _("The data from the workbook has been filled in. Please review each step in turn.")
                )
                _tell_unlinked_codes(request, draft)
                return redirect("reports:step", pk=draft.pk, step=1)
    form = form or wizard_forms.WorkbookUploadForm()
    if report is None:
        return start_page(request, allowed=True, reason="", upload_form=form, upload_errors=errors)
    draft = working_copy(report)
    return step_page(request, draft, 1, ProjectStep(draft), has_errors=False, upload_form=form, upload_errors=errors)


def _tell_unlinked_codes(request, draft) -> None:
    codes = sorted({o.indicator for o in draft.outcomes.all() if o.indicator and not o.sdg_indicator_id})
    if codes:
        messages.info(
            request,
            _(
                "These indicator codes are not in the Impact Data catalogue: %(codes)s. They are kept as the "
                "outcomes' indicator; in step 3 you can link a catalogue indicator."
            )
            % {"codes": ", ".join(codes)},
        )


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
