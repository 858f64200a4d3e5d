"""Staff's webhooks in the Wagtail admin: endpoints (add, edit, send a test event) and the delivery log (read-only,
with re-delivery). Needs ``webhooks.change_webhookendpoint`` for the actions."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail_modeladmin.options import ModelAdmin

from outbox.admin_views import ReadOnlyPermissionHelper  # deliveries, like emails, are written by services only
from webhooks.addresses import RefusedAddress, resolve
from webhooks.models import EVENT_CHOICES, WebhookDelivery, WebhookEndpoint
from webhooks.services import webhook_redeliver, webhook_send_test

ACTION_PERMISSION = "webhooks.change_webhookendpoint"
TEST_URL_NAME = "webhooks_send_test"
REDELIVER_URL_NAME = "webhooks_redeliver"
REFUSALS = {
    "scheme": gettext_lazy("Use an http:// or https:// address."),
    "credentials": gettext_lazy("Put no user name or password in the address; the signature authenticates us."),
    "unresolvable": gettext_lazy("This host name cannot be found."),
    "private": gettext_lazy(
        "This address points to a private, loopback or link-local network; webhooks go to public addresses only."
    ),
}


class WebhookEndpointForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"), choices=EVENT_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            resolve(url)
        except RefusedAddress as exc:
            raise forms.ValidationError(REFUSALS[str(exc)]) from exc
        return url


def _button(url: str, label: str) -> str:
    # Wagtail's w-action controller POSTs with the admin's CSRF token and the current page as "next".
    return format_html(
        '<button type="button" class="button button-small button-secondary" data-controller="w-action" '
        'data-action="w-action#post" data-w-action-url-value="{}">{}</button>',
        url,
        label,
    )


class WebhookEndpointAdmin(ModelAdmin):
    model = WebhookEndpoint
    menu_label = gettext_lazy("Webhook endpoints")
    menu_icon = "link-external"
    list_display = ("name", "url", "is_active", "consecutive_failures", "actions")
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("events"),
            FieldPanel("locale"),
            FieldPanel("owner_email"),
            FieldPanel("secret"),
            FieldPanel("is_active"),
        ],
        base_form_class=WebhookEndpointForm,
    )

    def actions(self, obj: WebhookEndpoint) -> str:
        return _button(reverse(TEST_URL_NAME, args=[obj.pk]), _("Send test event"))

    actions.short_description = gettext_lazy("Actions")


class WebhookDeliveryAdmin(ModelAdmin):
    model = WebhookDelivery
    menu_label = gettext_lazy("Webhook deliveries")
    menu_icon = "list-ul"
    list_display = (
        "created_at",
        "endpoint",
        "event",
        "object_type",
        "object_id",
        "status",
        "attempts",
        "response_status",
        "response_ms",
        "actions",
    )
    list_filter = ("status", "event")
    list_per_page = 50
    inspect_view_enabled = True
    permission_helper_class = ReadOnlyPermissionHelper

    def actions(self, obj: WebhookDelivery) -> str:
        return _button(reverse(REDELIVER_URL_NAME, args=[obj.pk]), _("Deliver again"))

    actions.short_description = gettext_lazy("Actions")


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = fallback
    return redirect(next_url)


@require_POST
def send_test_view(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    if not request.user.has_perm(ACTION_PERMISSION):
        return permission_denied(request)
    endpoint = get_object_or_404(WebhookEndpoint, pk=endpoint_id)
    webhook_send_test(endpoint=endpoint)
    if endpoint.is_active:
        messages.success(request, _("A test event was queued; its result appears in the delivery log."))
    else:
        messages.warning(request, _("A test event was queued, but the endpoint is paused: make it active to send."))
    return _back(request, reverse("webhooks_webhookdelivery_modeladmin_index"))


@require_POST
def redeliver_view(request: HttpRequest, delivery_id: int) -> HttpResponse:
    if not request.user.has_perm(ACTION_PERMISSION):
        return permission_denied(request)
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None:
        raise Http404
    webhook_redeliver(delivery=delivery)
    messages.success(request, _("The event was queued to be delivered again."))
    return _back(request, reverse("webhooks_webhookdelivery_modeladmin_index"))
