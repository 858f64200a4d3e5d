"""Staff's view of the outbox: a read-only listing and inspect page, and the re-queue action for stuck rows.

``OutboxEmailAdmin`` is registered by the menu that holds it (moderation's "Operations" group), which also
supplies the Buddhist Era date display: that helper lives above the outbox (``core.admin_display``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import InspectView

from outbox.models import OutboxEmail
from outbox.services import OutboxRequeueError, is_requeueable, outbox_requeue

REQUEUE_PERMISSION = "outbox.change_outboxemail"
REQUEUE_URL_NAME = "outbox_requeue"
# The admin addresses staff bookmarked while the outbox lived in moderation stay as they were.
LISTING_URL_PATH = "moderation/outboxemail"
REQUEUE_URL_PATH = "moderation/outbox/<int:email_id>/requeue/"
OUTBOX_INDEX_URL_NAME = LISTING_URL_PATH.replace("/", "_") + "_modeladmin_index"  # modeladmin's naming


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


def _plain_date(model, field_name: str) -> str:
    return field_name


class OutboxEmailAdmin(ModelAdmin):
    model = OutboxEmail
    base_url_path = LISTING_URL_PATH
    menu_label = gettext_lazy("Outbox emails")
    menu_icon = "mail"
    # (model, field name) -> a list_display entry; the registering menu sets its Buddhist Era one.
    date_display: Callable = staticmethod(_plain_date)
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

    def __init__(self, *args, **kwargs):
        self.list_display = (
            self.date_display(OutboxEmail, "created_at"),
            "to",
            "subject",
            "status",
            "attempts",
            "last_error_short",
            self.date_display(OutboxEmail, "sent_at"),
        )
        super().__init__(*args, **kwargs)

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


@require_POST
def outbox_requeue_view(request: HttpRequest, email_id: int) -> HttpResponse:
    """Re-queue a failed or stuck outbox email (POST with CSRF; needs ``outbox.change_outboxemail``)."""
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
