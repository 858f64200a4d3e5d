import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from creators.data_export import account_data_export, data_export_allowed
from creators.forms import AssessorProfileForm, CreatorProfileForm, split_profile_data
from creators.lockout import client_ip
from creators.selectors import profile_status
from creators.services.accounts import account_delete_own, account_delete_refused
from creators.services.profiles import ProfileLockedError, profile_update

PROFILE_FORMS = {"creator": CreatorProfileForm, "assessor": AssessorProfileForm}


def _own_profile(request):
    profile = request.user.profile
    if profile is None:
        raise Http404
    return profile


def _initial(profile, form_class) -> dict:
    initial = {name: getattr(profile, name) for name in form_class.field_map["scalar"]}
    for name in form_class.field_map["many"]:
        initial[name] = list(getattr(profile, name).all())
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def edit_profile(request):
    profile = _own_profile(request)
    latest = profile.get_latest_revision_as_object() if profile.latest_revision_id else profile
    form_class = PROFILE_FORMS[profile.kind]
    if not profile_status(profile).can_edit:
        messages.error(request, _("Your profile is waiting for a moderator's decision and cannot be changed now."))
        return redirect("creators:dashboard")
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, upload_client=client_ip(request))
        if form.is_valid():
            changes, many, image = split_profile_data(form)
            try:
                profile_update(profile=latest, user=request.user, changes=changes, many_to_many=many, image=image)
            except ProfileLockedError:
                messages.error(
                    request, _("Your profile is waiting for a moderator's decision and cannot be changed now.")
                )
                return redirect("creators:dashboard")
            messages.success(
                request, _("Your changes were sent to the moderators. The approved version stays public until then.")
            )
            return redirect("creators:dashboard")
    else:
        form = form_class(initial=_initial(latest, form_class))
    return render(request, "creators/edit_profile.html", {"form": form, "profile": profile})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    profile = _own_profile(request)
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


@require_POST
def logout_view(request):
    logout(request)
    return redirect("/en/" if request.LANGUAGE_CODE == "en" else "/")
