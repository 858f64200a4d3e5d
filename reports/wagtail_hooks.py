from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from moderation.admin_views import ModeratedContentPermissionPolicy, ModeratedSnippetViewSet
from reports.models import ImpactReport

register_permission_policy(ImpactReport, ModeratedContentPermissionPolicy(ImpactReport), exact_class=True)


class ImpactReportViewSet(ModeratedSnippetViewSet):
    model = ImpactReport
    icon = "doc-full"
    search_fields = ["title_th", "title_en"]
    identity_fields = ("title_en", "owner__email")
    list_select_related = ("owner",)
    menu_order = 210
    add_to_admin_menu = True


register_snippet(ImpactReportViewSet)
