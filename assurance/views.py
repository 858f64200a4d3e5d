"""Assurance pages for registrants (never the Wagtail admin): the owner's invitation, the assessor's list and the
read-only report with findings, statement and return. Every id is checked against the signed-in account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assurance import selectors, services
from assurance.models import Level, Section, Status
from creators.models import ImpactAssessorProfile
from reports.presentation import report_results
from reports.selectors import owned_report, working_copy


@login_required
@require_POST
def invite(request, pk: int):
    report = owned_report(user=request.user, pk=pk)
    assessor = ImpactAssessorProfile.objects.filter(pk=request.POST.get("assessor") or 0).first()
    try:
        if assessor is None:
            raise services.AssuranceError(_("Choose an approved Impact Assessor from the directory."))
        services.assurance_invite(report=report, assessor=assessor, by=request.user)
    except services.AssuranceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s was invited to assure this report.") % {"name": assessor.display_name})
    return redirect("reports:report", pk=pk)


@login_required
def dashboard(request):
    return render(
        request, "assurance/dashboard.html", {"engagements": selectors.assessor_engagements(user=request.user)}
    )


@login_required
def engagement(request, pk: int):
    engagement = selectors.engagement_for_assessor(user=request.user, pk=pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action not in ("accept", "decline", "finding", "issue", "return"):
                raise services.AssuranceError(_("Unknown action."))
            if action in ("accept", "decline"):
                services.assurance_respond(engagement=engagement, accept=action == "accept", by=request.user)
            elif action == "finding":
                services.assurance_record_finding(
                    engagement=engagement,
                    section=request.POST.get("section", ""),
                    text=request.POST.get("text", ""),
                    by=request.user,
                )
            elif action == "issue":
                services.assurance_issue(
                    engagement=engagement,
                    level=request.POST.get("level", ""),
                    statement=request.POST.get("statement", ""),
                    by=request.user,
                )
            elif action == "return":
                services.assurance_return(
                    engagement=engagement, comments=request.POST.get("comments", ""), by=request.user
                )
        except services.AssuranceError as error:
            messages.error(request, str(error))
            return redirect("assurance:engagement", pk=pk)
        messages.success(request, _("Saved."))
        # Declined, assured or returned: the engagement is closed and its page is no longer the assessor's.
        if action in ("decline", "issue", "return"):
            return redirect("assurance:dashboard")
        return redirect("assurance:engagement", pk=pk)
    report = working_copy(engagement.report)
    context = {
        "engagement": engagement,
        "report": report,
        "results": report_results(report),
        "findings": engagement.findings.all(),
        "sections": Section.choices,
        "levels": Level.choices,
        "accepted": engagement.status == Status.ACCEPTED,
    }
    return render(request, "assurance/engagement.html", context)
