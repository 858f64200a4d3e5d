"""Webhooks in the Wagtail admin: a "Webhooks" menu with endpoints and the delivery log, and the action URLs."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from webhooks.admin_views import (
    REDELIVER_URL_NAME,
    TEST_URL_NAME,
    WebhookDeliveryAdmin,
    WebhookEndpointAdmin,
    redeliver_view,
    send_test_view,
)


class WebhooksGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Webhooks")
    menu_icon = "link-external"
    menu_order = 820
    items = (WebhookEndpointAdmin, WebhookDeliveryAdmin)


modeladmin_register(WebhooksGroup)


@hooks.register("register_admin_urls")
def register_webhooks_admin_urls():
    return [
        path("webhooks/endpoints/<int:endpoint_id>/send-test/", send_test_view, name=TEST_URL_NAME),
        path("webhooks/deliveries/<int:delivery_id>/deliver-again/", redeliver_view, name=REDELIVER_URL_NAME),
    ]
