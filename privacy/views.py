"""A registrant's own PDPA requests: delete a never-approved registration, download everything we hold."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from creators.views.account import own_profile
from privacy.accounts import account_delete_own, account_delete_refused
from privacy.data_export import account_data_export, data_export_allowed


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    profile = own_profile(request)
    refusal = account_delete_refused(profile=profile)
    if refusal:
        messages.error(request, refusal)
        return redirect("creators:dashboard")
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm that you want to delete your registration."))
            return redirect("creators:delete_account")
        account_delete_own(user=request.user)
        logout(request)
        messages.success(request, _("Your registration and everything in it has been deleted."))
        return redirect("/")
    return render(request, "creators/delete_account.html", {"profile": profile})


@login_required
@require_POST
def download_my_data(request):
    if not data_export_allowed(user=request.user):
        messages.error(
            request, _("You have downloaded your data several times in the last hour. Please try again later.")
        )
        return redirect("creators:dashboard")
    body = json.dumps(account_data_export(user=request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body.encode(), content_type="application/json; charset=utf-8")
    filename = f"impact-partnership-my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
