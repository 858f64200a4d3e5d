from django.http import Http404
from django.shortcuts import render

from creators.selectors import live_assessor, live_creator
from portal.funder_selectors import funders_for_creator


def creator_detail(request, slug: str):
    profile = live_creator(slug=slug)
    if profile is None:
        raise Http404
    context = {"profile": profile}
    context["funder_suggestions"] = funders_for_creator(profile=profile)
    return render(request, "creators/creator_detail.html", context)


def assessor_detail(request, slug: str):
    profile = live_assessor(slug=slug)
    if profile is None:
        raise Http404
    return render(request, "creators/assessor_detail.html", {"profile": profile})
