"""Wagtail admin: the "Operations" menu (email outbox, closure days), the outbox re-queue action, delete on request."""

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
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import InspectView

from moderation.admin_views import REFUSED_ACTIONS
from moderation.deletion import ACTION_DELETE, ACTION_PURGE, ACTION_RESTORE
from moderation.deletion_admin import (
    DELETABLE,
    DELETE_PERMISSION,
    DELETE_URL_NAME,
    DELETED_ITEMS_URL_NAME,
    RESTORE_URL_NAME,
    delete_on_request_url,
    delete_on_request_view,
    deleted_items_view,
    restore_view,
)
from moderation.models import ClosureDay, OutboxEmail
from moderation.outbox import OutboxRequeueError, is_requeueable, outbox_requeue
from moderation.rules import is_moderated
from portal.admin_display import BuddhistEraInspectMixin, be_date_display

REQUEUE_PERMISSION = "moderation.change_outboxemail"
DELETABLE_MODELS = frozenset(DELETABLE.values())
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


class OutboxInspectView(BuddhistEraInspectMixin, InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_requeue"] = self.request.user.has_perm(REQUEUE_PERMISSION) and is_requeueable(self.instance)
        context["requeue_url"] = reverse(REQUEUE_URL_NAME, args=[self.instance.pk])
        return context


class OutboxEmailAdmin(ModelAdmin):
    model = OutboxEmail
    menu_label = gettext_lazy("Outbox emails")
    menu_icon = "mail"
    list_display = (
        be_date_display(OutboxEmail, "created_at"),
        "to",
        "subject",
        "status",
        "attempts",
        "last_error_short",
        be_date_display(OutboxEmail, "sent_at"),
    )
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
        "claimed_at",
        "interrupted_sends",
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
    list_display = (be_date_display(ClosureDay, "date"), "reason", be_date_display(ClosureDay, "created_at"))
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
    """Registrant content goes live only by an approval, so the decision is recorded and the owner is emailed;
    registrants submit it themselves. The edit view refuses these actions too (``ModerationOnlyEditView``)."""
    model = context.get("model")
    if model is not None and is_moderated(model):
        menu_items[:] = [item for item in menu_items if item.name not in REFUSED_ACTIONS]


# --- delete on request (moderation/deletion_admin.py) --------------------------------------------------


class DeleteOnRequestMenuItem(ActionMenuItem):
    name = "action-delete-on-request"
    label = gettext_lazy("Delete on request")
    icon_name = "bin"
    order = 900

    def is_shown(self, context):
        instance = context.get("instance")
        return (
            context.get("view") == "edit"
            and instance is not None
            and instance.deleted_at is None
            and context["request"].user.has_perm(DELETE_PERMISSION)
        )

    def get_url(self, parent_context):
        return delete_on_request_url(parent_context["instance"])


@hooks.register("register_log_actions")
def register_deletion_log_actions(actions):
    actions.register_action(ACTION_DELETE, gettext_lazy("Delete on request"), gettext_lazy("Deleted on request"))
    actions.register_action(ACTION_RESTORE, gettext_lazy("Restore"), gettext_lazy("Restored"))
    actions.register_action(ACTION_PURGE, gettext_lazy("Permanent deletion"), gettext_lazy("Permanently deleted"))


@hooks.register("register_admin_urls")
def register_deletion_admin_urls():
    return [
        path("moderation/delete/<str:kind>/<int:pk>/", delete_on_request_view, name=DELETE_URL_NAME),
        path("moderation/deleted/", deleted_items_view, name=DELETED_ITEMS_URL_NAME),
        path("moderation/deleted/<int:record_id>/restore/", restore_view, name=RESTORE_URL_NAME),
    ]


@hooks.register("register_admin_menu_item")
def register_deleted_items_menu_item():
    return AdminOnlyMenuItem(
        gettext_lazy("Deleted items"),
        reverse(DELETED_ITEMS_URL_NAME),
        icon_name="bin",
        order=810,
        permission=DELETE_PERMISSION,
    )


class AdminOnlyMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("construct_snippet_action_menu")
def delete_only_on_request(menu_items, request, context):
    """Profiles and reports leave the public only through "Delete on request" (recorded, restorable, emailed)."""
    if context.get("model") in DELETABLE_MODELS:
        menu_items[:] = [item for item in menu_items if item.name not in ("action-unpublish", "action-delete")]
        menu_items.append(DeleteOnRequestMenuItem())


@hooks.register("register_snippet_listing_buttons")
def delete_on_request_listing_button(snippet, user, next_url=None):
    if type(snippet) in DELETABLE_MODELS and snippet.deleted_at is None and user.has_perm(DELETE_PERMISSION):
        yield ListingButton(gettext_lazy("Delete on request"), url=delete_on_request_url(snippet), icon_name="bin")


@hooks.register("construct_snippet_listing_buttons")
def drop_generic_delete_buttons(buttons, snippet, user, context=None):
    if type(snippet) in DELETABLE_MODELS:
        buttons[:] = [button for button in buttons if button.url is None or not _is_generic_removal(button.url)]


def _is_generic_removal(url: str) -> bool:
    return ("/delete/" in url and "/moderation/delete/" not in url) or "/unpublish/" in url


@hooks.register("before_delete_snippet")
def refuse_generic_delete(request, instances):
    """Bulk delete (and anything else reaching Wagtail's delete) is refused for profiles and reports."""
    if any(type(instance) in DELETABLE_MODELS for instance in instances):
        messages.error(request, _("Use “Delete on request”: accounts and reports cannot be deleted directly."))
        return redirect(DELETED_ITEMS_URL_NAME)
    return None
