"""Wagtail API v2: read-only pages, and the editors' images and documents that pages use.

Registrants' images (logos, photos) are never listed here, whatever their profile's state: the portal API gives
the approved one of a public profile (``logo_url``/``photo_url``). Documents uploaded by registrants, if any ever
exist, are left out too. Wagtail already leaves out what sits in a collection with view restrictions.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from creators.private_media import registrant_documents_q, registrant_images_q
from headless_preview.api import DraftPreviewAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    def get_queryset(self):
        # Each listed page shows its locale: joined, not one query per page (the listing stays at a few queries).
        return super().get_queryset().select_related("locale")


class EditorImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().exclude(registrant_images_q())


class EditorDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().exclude(registrant_documents_q())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", EditorImagesAPIViewSet)
api_router.register_endpoint("documents", EditorDocumentsAPIViewSet)
# A partner front-end's preview of one draft, by a ten-minute token (headless_preview/).
api_router.register_endpoint("preview", DraftPreviewAPIViewSet)
