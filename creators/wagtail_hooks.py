"""Moderators see profiles as snippets, pending ones first by due date, with business days left; registrants'
images stay out of the image library and are shown to moderators on the profile (``creators.admin_images``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from creators.admin_images import (
    URL_NAME,
    RegistrantImagePermissionPolicy,
    refuse_registrant_document,
    registrant_image,
    with_review_image_chooser,
)
from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from moderation.admin_panels import DueRequestsPanel
from moderation.admin_views import ModeratedContentPermissionPolicy, ModeratedSnippetViewSet

for _model in (ImpactCreatorProfile, ImpactAssessorProfile):
    register_permission_policy(_model, ModeratedContentPermissionPolicy(_model), exact_class=True)

# exact_class: looked up before the policy wagtail.images registers in its ready(), whichever runs last.
register_permission_policy(
    get_image_model(),
    RegistrantImagePermissionPolicy(
        get_image_model(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
    ),
    exact_class=True,
)


class _ProfileViewSet(ModeratedSnippetViewSet):
    image_field = ""

    def get_form_class(self, for_update=False):
        return with_review_image_chooser(super().get_form_class(for_update), self.image_field)


class CreatorProfileViewSet(_ProfileViewSet):
    model = ImpactCreatorProfile
    icon = "group"
    search_fields = ["name_th", "name_en"]
    image_field = "logo"
    identity_fields = ("name_en", "user__email", "province")
    list_select_related = ("user", "province")


class AssessorProfileViewSet(_ProfileViewSet):
    model = ImpactAssessorProfile
    icon = "user"
    search_fields = ["name"]
    image_field = "photo"
    identity_fields = ("user__email",)
    list_select_related = ("user",)


class RegistrantsGroup(SnippetViewSetGroup):
    items = (CreatorProfileViewSet, AssessorProfileViewSet)
    menu_icon = "group"
    menu_label = _("Registrants")
    menu_name = "registrants"


register_snippet(RegistrantsGroup)


@hooks.register("construct_homepage_panels")
def add_due_requests_panel(request, panels):
    panels.insert(0, DueRequestsPanel())


@hooks.register("register_admin_urls")
def registrant_image_urls():
    return [path("registrant-images/<int:image_id>/", registrant_image, name=URL_NAME)]


hooks.register("before_serve_document", refuse_registrant_document)
