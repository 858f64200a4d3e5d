"""Public pages of approved Impact Creators and Impact Assessors: profile, reports, Impact Performance."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from core.numbers import ratio_one_to
from core.open_graph import share_meta
from creators.consultation_forms import ConsultationForm
from creators.selectors import live_assessor, live_creator
from creators.services.consultation import sender_refusal
from funding.selectors import suggested_funders
from portal.page_tags import declare_page_scope, owner_tag
from portal.selectors import live_owner_profile
from reports.performance_selectors import assessor_public_reports, owner_performance, owner_public_reports
from reports.presentation import baht, ratio

REPORTS_PER_PAGE = 10


def _report_page(request, reports, *, name_organisation: bool, count: int | None = None) -> dict:
    paginator = Paginator(reports, REPORTS_PER_PAGE)
    if count is not None:
        paginator.count = count  # already counted by the performance aggregate: save the COUNT query
    page_obj = paginator.get_page(request.GET.get("page"))
    for report in page_obj:
        # The creator's own page already names it; an assessor's page names each report's organisation.
        report.organisation = live_owner_profile(report) if name_organisation else None
        report.ratio_display = ratio_one_to(report.sroi_ratio) if report.sroi_ratio is not None else ""
    return {
        "reports_page": page_obj,
        "page_obj": page_obj,
        "page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
    }


def _consultation(request, profile, url_name: str, form: ConsultationForm | None) -> dict:
    user = request.user
    is_own = user.is_authenticated and user.pk == profile.user_id
    refusal = "" if not user.is_authenticated or is_own else sender_refusal(user)
    return {
        "consultation_form": form or ConsultationForm(),
        "consultation_refusal": refusal,
        "consultation_is_own": is_own,
        "consultation_url": reverse(url_name, args=[profile.slug]),
        "login_url": f"{reverse('creators:login')}?{urlencode({'next': request.path})}",
    }


def creator_context(request, profile, *, form: ConsultationForm | None = None) -> dict:
    performance = owner_performance(user_id=profile.user_id)
    context = {
        "profile": profile,
        "performance": performance,
        "performance_display": {
            "total_inputs": baht(performance.total_inputs),
            "total_present_value": baht(performance.total_present_value),
            "ratio_one_to": ratio_one_to(performance.weighted_ratio),
            "ratio": ratio(performance.weighted_ratio),
        },
        "share": share_meta(
            request,
            url_name="creators:creator_detail",
            args=[profile.slug],
            title=profile.display_name,
            description=profile.description or profile.display_name,
            og_type="profile",
            image=profile.logo,
        ),
        **_report_page(
            request,
            owner_public_reports(user_id=profile.user_id),
            name_organisation=False,
            count=performance.report_count,
        ),
        **_consultation(request, profile, "creators:creator_consult", form),
        "funder_suggestions": suggested_funders(profile=profile),
    }
    return context


def assessor_context(request, profile, *, form: ConsultationForm | None = None) -> dict:
    reports = assessor_public_reports(assessor_id=profile.pk, user_id=profile.user_id)
    return {
        "profile": profile,
        "share": share_meta(
            request,
            url_name="creators:assessor_detail",
            args=[profile.slug],
            title=profile.display_name,
            description=profile.biography or profile.qualifications,
            og_type="profile",
            image=profile.photo,
        ),
        **_report_page(request, reports, name_organisation=True),
        **_consultation(request, profile, "creators:assessor_consult", form),
    }


def creator_detail(request, slug: str):
    profile = live_creator(slug=slug)
    if profile is None:
        raise Http404
    # Its own profile and reports (the owner's tag), funder suggestions, the assessors its reports name.
    declare_page_scope(owner_tag(profile.user_id), "kind:funders", "kind:assessors")
    return render(request, "creators/creator_detail.html", creator_context(request, profile))


def assessor_detail(request, slug: str):
    profile = live_assessor(slug=slug)
    if profile is None:
        raise Http404
    return render(request, "creators/assessor_detail.html", assessor_context(request, profile))
