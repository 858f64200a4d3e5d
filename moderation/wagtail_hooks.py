"""Wagtail admin: the "Operations" menu (email outbox from ``outbox.admin_views``, closure days), delete on request."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from core.admin_display import BuddhistEraInspectMixin, be_date_display
from moderation.admin_views import REFUSED_ACTIONS
from moderation.models import ClosureDay
from moderation.rules import is_moderated
from outbox.admin_views import OutboxEmailAdmin, OutboxInspectView


class OutboxBuddhistEraInspectView(BuddhistEraInspectMixin, OutboxInspectView):
    pass


class OutboxAdmin(OutboxEmailAdmin):
    """The outbox listing in this menu, its dates in the Buddhist Era like every other listing here."""

    date_display = staticmethod(be_date_display)
    inspect_view_class = OutboxBuddhistEraInspectView


class ClosureDayAdmin(ModelAdmin):
    model = ClosureDay
    menu_label = gettext_lazy("Closure days")
    menu_icon = "date"
    list_display = (be_date_display(ClosureDay, "date"), "reason", be_date_display(ClosureDay, "created_at"))
    search_fields = ("reason",)
    ordering = ("-date",)


class OperationsGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Operations")
    menu_icon = "cogs"
    menu_order = 800
    items = (OutboxAdmin, ClosureDayAdmin)


modeladmin_register(OperationsGroup)


@hooks.register("construct_snippet_action_menu")
def publish_only_through_moderation(menu_items, request, context):
    """Registrant content goes live only by an approval, so the decision is recorded and the owner is emailed;
    registrants submit it themselves. The edit view refuses these actions too (``ModerationOnlyEditView``)."""
    model = context.get("model")
    if model is not None and is_moderated(model):
        menu_items[:] = [item for item in menu_items if item.name not in REFUSED_ACTIONS]
