"""The public page of one published funder; drafts and unknown slugs are 404."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from wagtail.models import Locale

from funding.models import FunderIndexPage
from funding.models.pages import ticket_range
from funding.selectors import directory_funder


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
