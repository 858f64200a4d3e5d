from wagtail.snippets.models import register_snippet

from moderation.admin_views import ModeratedSnippetViewSet
from reports.models import ImpactReport


class ImpactReportViewSet(ModeratedSnippetViewSet):
    model = ImpactReport
    icon = "doc-full"
    search_fields = ["title_th", "title_en"]
    identity_fields = ("title_en", "owner__email")
    list_select_related = ("owner",)
    menu_order = 210
    add_to_admin_menu = True


register_snippet(ImpactReportViewSet)
