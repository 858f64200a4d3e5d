"""Registrants' images in the Wagtail admin: never in the image library, visible to moderators on the profile.

Logos and photos are personal or organisation data under moderation, not material for editors' pages: the
image permission policy leaves them out of ``/admin/images/``, the choosers and the collections anyone can upload
to. A moderator reviewing a profile sees its logo (also one still private) through ``registrant_image``, a
staff-only view that streams the re-encoded original and is never cached.
"""

from __future__ import annotations

import mimetypes

from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail.admin.auth import permission_denied
from wagtail.admin.widgets import BaseChooser
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from creators.private_media import UPLOAD_COLLECTION, registrant_documents_q, registrant_images_q, stored_area

__all__ = [
    "REVIEW_PERMISSIONS",
    "RegistrantImageChooser",
    "RegistrantImagePermissionPolicy",
    "is_registrant_image",
    "refuse_registrant_document",
    "registrant_image",
]

URL_NAME = "creators_registrant_image"
REVIEW_PERMISSIONS = ("creators.change_impactcreatorprofile", "creators.change_impactassessorprofile")
PREVIEW_SIDE = 165  # Wagtail's chooser thumbnail (max-165x165)
SERVED_TYPES = frozenset({"image/jpeg", "image/png"})  # what ``creators.images`` writes


def is_registrant_image(image) -> bool:
    return get_image_model().objects.filter(registrant_images_q(), pk=image.pk).exists()


class RegistrantImagePermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's image policy without registrants' images, for every user: no one browses, chooses, edits or
    deletes them as library images (their services and the delete-on-request flow handle them)."""

    def instances_user_has_any_permission_for(self, user, actions):
        return super().instances_user_has_any_permission_for(user, actions).exclude(registrant_images_q())

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if is_registrant_image(instance):
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def collections_user_has_any_permission_for(self, user, actions):
        return super().collections_user_has_any_permission_for(user, actions).exclude(name=UPLOAD_COLLECTION)


def may_review(user) -> bool:
    return user.is_active and (user.is_superuser or any(user.has_perm(name) for name in REVIEW_PERMISSIONS))


def registrant_image(request, image_id: int):
    """The original of a registrant's image, public or still private, for the staff who moderate profiles."""
    if not may_review(request.user):
        return permission_denied(request)
    image = get_object_or_404(get_image_model().objects.filter(registrant_images_q()), pk=image_id)
    area = stored_area(image.file.name)
    content_type = mimetypes.guess_type(image.file.name)[0]
    if area is None or content_type not in SERVED_TYPES:
        raise Http404
    # Read through the storage (a folder or a private bucket), never redirected to a URL of it.
    response = FileResponse(storages[area].open(image.file.name, "rb"), content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _fit(width: int, height: int) -> tuple[int, int]:
    scale = min(1.0, PREVIEW_SIDE / max(width or 1, height or 1))
    return max(1, round((width or 1) * scale)), max(1, round((height or 1) * scale))


class RegistrantImageChooser(AdminImageChooser):
    """The profile form's logo/photo field: the preview comes from the staff-only view (a private original has
    no rendition), and there is no link to the image library, which does not list it."""

    show_edit_link = False

    def get_value_data_from_instance(self, instance):
        if not is_registrant_image(instance):
            return super().get_value_data_from_instance(instance)
        data = BaseChooser.get_value_data_from_instance(self, instance)
        width, height = _fit(instance.width, instance.height)
        data["preview"] = {"url": reverse(URL_NAME, args=[instance.pk]), "width": width, "height": height}
        data["default_alt_text"] = instance.default_alt_text
        return data


def with_review_image_chooser(form_class, field_name: str):
    """The admin form class of a profile, with the logo/photo field shown through ``RegistrantImageChooser``."""

    class ReviewForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if field_name in self.fields:
                self.fields[field_name].widget = RegistrantImageChooser()

    ReviewForm.__name__ = ReviewForm.__qualname__ = form_class.__name__
    return ReviewForm


def refuse_registrant_document(document, request):
    """``before_serve_document``: a document a registrant uploaded is never served (None lets Wagtail go on)."""
    if type(document).objects.filter(registrant_documents_q(), pk=document.pk).exists():
        raise Http404
    return None
