"""Wagtail admin: the "Operations" menu (email outbox, closure days) and the outbox re-queue action."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import InspectView

from moderation.decisions import DECISION_HANDLERS
from moderation.models import ClosureDay, OutboxEmail
from moderation.outbox import OutboxRequeueError, is_requeueable, outbox_requeue

REQUEUE_PERMISSION = "moderation.change_outboxemail"
REQUEUE_URL_NAME = "moderation_outbox_requeue"
OUTBOX_INDEX_URL_NAME = "moderation_outboxemail_modeladmin_index"


class ReadOnlyPermissionHelper(PermissionHelper):
    """Outbox rows are written by services only: staff can list and inspect, never add, edit or delete."""

    def user_can_create(self, user) -> bool:
        return False

    def user_can_edit_obj(self, user, obj) -> bool:
        return False

    def user_can_delete_obj(self, user, obj) -> bool:
        return False


class OutboxInspectView(InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_requeue"] = self.request.user.has_perm(REQUEUE_PERMISSION) and is_requeueable(self.instance)
        context["requeue_url"] = reverse(REQUEUE_URL_NAME, args=[self.instance.pk])
        return context


class OutboxEmailAdmin(ModelAdmin):
    model = OutboxEmail
    menu_label = gettext_lazy("Outbox emails")
    menu_icon = "mail"
    list_display = ("created_at", "to", "subject", "status", "attempts", "last_error_short", "sent_at")
    list_filter = ("status",)
    search_fields = ("to", "subject")
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_class = OutboxInspectView
    inspect_view_fields = (
        "key",
        "to",
        "reply_to",
        "language",
        "subject",
        "status",
        "attempts",
        "max_attempts",
        "last_error",
        "next_attempt_at",
        "created_at",
        "sent_at",
        "body_text",
        "body_html",
    )
    permission_helper_class = ReadOnlyPermissionHelper

    def get_list_display(self, request):
        if request.user.has_perm(REQUEUE_PERMISSION):
            return (*self.list_display, "requeue_button")
        return self.list_display

    def last_error_short(self, obj: OutboxEmail) -> str:
        return Truncator(obj.last_error).chars(80)

    last_error_short.short_description = gettext_lazy("Last error")

    def requeue_button(self, obj: OutboxEmail) -> str:
        if not is_requeueable(obj):
            return ""
        # Wagtail's w-action controller POSTs with the admin's CSRF token and the current page as "next".
        return format_html(
            '<button type="button" class="button button-small button-secondary" data-controller="w-action" '
            'data-action="w-action#post" data-w-action-url-value="{}">{}</button>',
            reverse(REQUEUE_URL_NAME, args=[obj.pk]),
            _("Re-queue"),
        )

    requeue_button.short_description = gettext_lazy("Actions")


class ClosureDayAdmin(ModelAdmin):
    model = ClosureDay
    menu_label = gettext_lazy("Closure days")
    menu_icon = "date"
    list_display = ("date", "reason", "created_at")
    search_fields = ("reason",)
    ordering = ("-date",)


class OperationsGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Operations")
    menu_icon = "cogs"
    menu_order = 800
    items = (OutboxEmailAdmin, ClosureDayAdmin)


modeladmin_register(OperationsGroup)


@require_POST
def outbox_requeue_view(request: HttpRequest, email_id: int) -> HttpResponse:
    """Re-queue a failed or stuck outbox email (POST with CSRF; needs ``moderation.change_outboxemail``)."""
    if not request.user.has_perm(REQUEUE_PERMISSION):
        return permission_denied(request)
    try:
        outbox_requeue(email_id=email_id)
    except OutboxEmail.DoesNotExist as exc:
        raise Http404 from exc
    except OutboxRequeueError:
        messages.error(request, _("This email is neither failed nor stuck, so it was not re-queued."))
    else:
        messages.success(request, _("The email was re-queued and will be sent shortly."))

    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse(OUTBOX_INDEX_URL_NAME)
    return redirect(next_url)


@hooks.register("register_admin_urls")
def register_outbox_admin_urls():
    return [path("moderation/outbox/<int:email_id>/requeue/", outbox_requeue_view, name=REQUEUE_URL_NAME)]


@hooks.register("construct_snippet_action_menu")
def publish_only_through_moderation(menu_items, request, context):
    """Registrant content goes live only by an approval, so the decision is recorded and the owner is emailed."""
    model = context.get("model")
    if model is not None and model in DECISION_HANDLERS:
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
