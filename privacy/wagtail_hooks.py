"""Wagtail admin of the PDPA lifecycle: "Delete on request" on profiles and reports (the only way they leave the
public), the deleted-items listing with Restore, and the audit log's deletion actions."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.action_menu import ActionMenuItem

from privacy.deletion import ACTION_DELETE, ACTION_PURGE, ACTION_RESTORE
from privacy.deletion_admin import (
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

DELETABLE_MODELS = frozenset(DELETABLE.values())


@hooks.register("moderated_removal_url")
def removal_goes_through_delete_on_request(instance):
    """moderation.admin_views sends Wagtail's generic delete and unpublish views here."""
    return delete_on_request_url(instance)


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
