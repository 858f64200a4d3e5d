"""GET /api/v2/preview/?token=…: the draft a preview token names, as the pages endpoint shows a live page.

A partner's front-end exchanges the token its preview URL carried for the JSON of exactly that page revision.
No other page, no other revision, nothing after ten minutes; never cached.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.response import Response
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Revision

from headless_preview.tokens import PreviewTokenError, read

REFUSALS = {
    "expired": _("This preview link has expired (they last ten minutes). Ask the editor for a new one."),
    "invalid": _("This preview link is not valid."),
}


class DraftPreviewAPIViewSet(PagesAPIViewSet):
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["token"])

    def _refused(self, why: str) -> Response:
        response = Response({"message": str(REFUSALS[why])}, status=403)
        response["Cache-Control"] = "private, no-store"
        return response

    def listing_view(self, request):
        try:
            page_id, revision_id = read(request.GET.get("token", ""))
        except PreviewTokenError as exc:
            return self._refused(str(exc))
        revision = Revision.page_revisions.filter(pk=revision_id, object_id=str(page_id)).first()
        if revision is None:
            return self._refused("invalid")
        self._cached_object = revision.as_object()
        self.action = "detail_view"  # the detail serializer: every field, like /api/v2/pages/<id>/
        response = Response(self.get_serializer(self._cached_object).data)
        response["Cache-Control"] = "private, no-store"
        return response

    def detail_view(self, request, pk):
        return self.listing_view(request)

    def find_view(self, request):
        return self.listing_view(request)
