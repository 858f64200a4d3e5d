"""The registrant's home page: their profile's status, their reports and what they may do next. It gathers
creators, reports and account deletion, so it lives above them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from creators.selectors import account_ever_approved, profile_status
from privacy.accounts import account_delete_refused
from reports.selectors import can_start_reports, owner_reports


@login_required
def dashboard(request):
    profile = request.user.profile
    if profile is None:
        return redirect("/admin/") if request.user.is_staff else render(request, "creators/no_profile.html")
    may_start, start_refusal = can_start_reports(request.user)
    delete_refusal = account_delete_refused(profile=profile)
    context = {
        "profile": profile,
        "status": profile_status(profile),
        "may_delete_self": not delete_refusal,
        "ever_approved": account_ever_approved(profile=profile),
        "reports": owner_reports(user=request.user),
        "may_start_reports": may_start,
        "start_refusal": start_refusal,
    }
    return render(request, "creators/dashboard.html", context)
