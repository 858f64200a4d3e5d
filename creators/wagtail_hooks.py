"""Moderators see profiles as snippets, pending ones first by due date, with business days left."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from moderation.admin_panels import DueRequestsPanel
from moderation.admin_views import ModeratedContentPermissionPolicy, ModeratedSnippetViewSet

for _model in (ImpactCreatorProfile, ImpactAssessorProfile):
    register_permission_policy(_model, ModeratedContentPermissionPolicy(_model), exact_class=True)


class CreatorProfileViewSet(ModeratedSnippetViewSet):
    model = ImpactCreatorProfile
    icon = "group"
    search_fields = ["name_th", "name_en"]


class AssessorProfileViewSet(ModeratedSnippetViewSet):
    model = ImpactAssessorProfile
    icon = "user"
    search_fields = ["name"]


class RegistrantsGroup(SnippetViewSetGroup):
    items = (CreatorProfileViewSet, AssessorProfileViewSet)
    menu_icon = "group"
    menu_label = _("Registrants")
    menu_name = "registrants"


register_snippet(RegistrantsGroup)


@hooks.register("construct_homepage_panels")
def add_due_requests_panel(request, panels):
    panels.insert(0, DueRequestsPanel())
