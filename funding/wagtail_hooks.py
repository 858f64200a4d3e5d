"""Editors maintain the funders (drafts, revisions, publish) in the Wagtail admin."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_display import INSPECT_BOOKKEEPING_FIELDS, BuddhistEraInspectView, PublishedColumn, SampleColumn
from funding.models import Funder


class FunderViewSet(SnippetViewSet):
    model = Funder
    url_prefix = "snippets/portal/funder"  # the admin address it had before the move (#20 keeps URLs)
    icon = "pick"
    menu_label = _("Funders")
    menu_name = "funders"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name_th", "name_en", "kind", PublishedColumn(), SampleColumn()]
    list_filter = ["kind", "live", "is_sample"]
    search_fields = ["name_th", "name_en", "description_th"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = BuddhistEraInspectView
    inspect_view_fields_exclude = INSPECT_BOOKKEEPING_FIELDS
    panels = [
        MultiFieldPanel(
            [FieldPanel("name_th"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("kind")], heading=_("Funder")
        ),
        FieldPanel("description_th"),
        FieldPanel("description_en"),
        MultiFieldPanel(
            [
                FieldPanel("focus_sectors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("focus_themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("focus_sdgs", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Focus"),
        ),
        FieldRowPanel([FieldPanel("ticket_min"), FieldPanel("ticket_max")], heading=_("Ticket size (baht)")),
        FieldPanel("website"),
    ]


register_snippet(FunderViewSet)
