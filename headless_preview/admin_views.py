"""The editor's "Preview for partner sites": a token for the page's latest saved revision, handed to the partner's
front-end (``HEADLESS_PREVIEW_CLIENT_URL``) or, without one, shown with the API address to give a partner."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page

from core.admin_display import be_display
from headless_preview.tokens import PREVIEW_TOKEN_SECONDS, issue

URL_NAME = "headless_preview"


class PartnerPreviewMenuItem(PageMenuItem):
    label = gettext_lazy("Preview for partner sites")
    icon_name = "view"

    def is_shown(self, user) -> bool:
        return self.page.permissions_for_user(user).can_edit()

    @property
    def url(self) -> str:
        return reverse(URL_NAME, args=[self.page.pk])


def partner_preview(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        return permission_denied(request)
    revision = page.get_latest_revision() or page.save_revision(user=request.user)
    token = issue(page_id=page.pk, revision_id=revision.pk)
    client = getattr(settings, "HEADLESS_PREVIEW_CLIENT_URL", "")
    query = urlencode({"token": token, "content_type": page.specific_class._meta.label_lower})
    if client:
        return redirect(f"{client}{'&' if '?' in client else '?'}{query}")
    api_url = request.build_absolute_uri(reverse("wagtailapi:preview:listing") + "?" + urlencode({"token": token}))
    return render(
        request,
        "headless_preview/admin/preview.html",
        {
            "page_title": _("Preview for partner sites"),
            "page_subtitle": page.title,
            "header_icon": "view",
            "page": page,
            "api_url": api_url,
            "token": token,
            "expires": be_display(timezone.now() + timedelta(seconds=PREVIEW_TOKEN_SECONDS)),
        },
    )
