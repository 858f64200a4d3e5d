"""Editors maintain the thematic sectors and the Impact Data catalogue (SDG targets, indicators) in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from taxonomy.catalogue_admin import register as register_catalogue_admin
from taxonomy.models import Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    url_prefix = "snippets/portal/theme"  # the admin address it had before the move (#20 keeps URLs)
    icon = "tag"
    menu_label = _("Thematic sectors")
    list_display = ["name_th", "name_en", "slug", "sort_order"]
    search_fields = ["name_th", "name_en"]
    ordering = ["sort_order", "pk"]
    panels = [FieldPanel("name_th"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("sort_order")]


register_snippet(ThemeViewSet)
register_catalogue_admin()  # the Impact Data snippets (targets and indicators)
