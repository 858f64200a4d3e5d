from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from creators.forms import AssessorProfileForm, CreatorProfileForm, split_profile_data
from creators.lockout import client_ip
from creators.selectors import profile_status
from creators.services.profiles import ProfileLockedError, profile_update

PROFILE_FORMS = {"creator": CreatorProfileForm, "assessor": AssessorProfileForm}


def own_profile(request):
    """The signed-in registrant's profile, or 404 (staff and accounts without one)."""
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
    profile = own_profile(request)
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


@require_POST
def logout_view(request):
    logout(request)
    return redirect("/en/" if request.LANGUAGE_CODE == "en" else "/")
