"""The public page of one published funder; drafts and unknown slugs are 404."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from wagtail.models import Locale

from portal.funder_selectors import directory_funder
from portal.models import FunderIndexPage
from portal.models.funding_pages import ticket_range


def funder_detail(request, slug: str):
    funder = directory_funder(slug=slug)
    if funder is None:
        raise Http404
    directory = FunderIndexPage.objects.live().filter(locale=Locale.get_active()).first()
    context = {
        "funder": funder,
        "ticket_display": ticket_range(funder),
        "directory": directory,
        "canonical_url": request.build_absolute_uri(reverse("funders:detail", args=[funder.slug])),
    }
    return render(request, "portal/funder_detail.html", context)
