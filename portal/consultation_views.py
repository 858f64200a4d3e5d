"""POST-only: send a consultation request from a creator's or assessor's public page (PRG on success)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creators.consultation_forms import ConsultationForm
from creators.selectors import live_assessor, live_creator
from creators.services.consultation import ConsultationRefusedError, consultation_send
from portal.profile_views import assessor_context, creator_context

KINDS = {
    "creator": (live_creator, creator_context, "creators/creator_detail.html", "creators:creator_detail"),
    "assessor": (live_assessor, assessor_context, "creators/assessor_detail.html", "creators:assessor_detail"),
}


@require_POST
def consultation_request(request, slug: str, kind: str):
    find, build_context, template, detail_url = KINDS[kind]
    profile = find(slug=slug)
    if profile is None:
        raise Http404
    if not request.user.is_authenticated:
        # Back to the organisation's page after logging in (this address only answers POST).
        return redirect_to_login(reverse(detail_url, args=[slug]))
    form = ConsultationForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            consultation_send(
                sender=request.user,
                recipient_profile=profile,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                language=translation.get_language() or "th",
            )
        except ConsultationRefusedError as error:
            form.add_error(None, error.message)
            status = 429 if error.code == "rate_limited" else 400
        else:
            messages.success(
                request,
                _("Your consultation request has been sent to %(name)s. They will reply to you by email.")
                % {"name": profile.display_name},
            )
            return redirect(detail_url, slug=slug)
    return render(request, template, build_context(request, profile, form=form), status=status)
