"""What happens on the site becomes webhook events: approvals with their public address; deletion on request,
restore and purge by type and id only, and a purge takes the log's earlier deliveries about the account along."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from privacy.deletion import account_delete_on_request, deletion_restore
from privacy.tasks import purge_deleted_items
from tests.privacy.deletion_helpers import make_account, make_staff, shift_deleted_back
from webhooks import events
from webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db


def bodies(receiver) -> list[dict]:
    return [json.loads(request.body) for request in receiver.requests]


def test_approval_deletion_restore_and_purge_reach_the_partner_without_personal_data(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account = make_account()
    approved = {(b["event"], b["object"]["type"]): b for b in bodies(receiver)}
    creator = approved[(events.PROFILE_APPROVED, "creator")]["object"]
    assert creator["id"] == account.profile.pk and creator["url"].endswith(f"/creators/{account.profile.slug}/")
    report = approved[(events.REPORT_APPROVED, "report")]["object"]
    assert report["id"] == account.report.pk and account.report.slug in report["url"]

    staff = make_staff()
    with django_capture_on_commit_callbacks(execute=True):
        record = account_delete_on_request(
            profile=account.profile, reason="ขอลบ", channel="phone", requested_by="คุณผู้ขอ", staff_user=staff
        )
    with django_capture_on_commit_callbacks(execute=True):
        deletion_restore(record=record, staff_user=staff)
    with django_capture_on_commit_callbacks(execute=True):
        record = account_delete_on_request(
            profile=account.profile, reason="ขอลบ", channel="phone", requested_by="คุณผู้ขอ", staff_user=staff
        )
    shift_deleted_back(record, days=31)
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_deleted_items() == 1

    later = bodies(receiver)[len(approved) :]
    assert [(b["event"], b["object"]["type"], b["object"]["id"]) for b in later] == [
        (events.DELETED_ON_REQUEST, "creator", account.profile.pk),
        (events.RESTORED, "creator", account.profile.pk),
        (events.DELETED_ON_REQUEST, "creator", account.profile.pk),
        (events.PURGED, "account", account.user.pk),
    ]
    for body in later:
        assert set(body) == {"event", "object", "occurred_at"}
        assert body["object"]["url"] is None and body["object"]["locale"] is None
    # Nothing that names the account is left in the delivery log: the approvals (with slugs) went with the purge.
    needles = [*account.names, account.profile.slug, account.report.slug, account.profile.contact_email]
    for stored in WebhookDelivery.objects.values_list("body", flat=True):
        assert not any(needle.lower() in stored.lower() for needle in needles), stored
    assert WebhookDelivery.objects.filter(event=events.PURGED).count() == 1


def test_staff_send_a_test_event_and_deliver_again_from_the_admin(
    client, admin_user, receiver, endpoint, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("webhooks_send_test", args=[endpoint.pk]))
    assert response.status_code == 302
    [test_event] = bodies(receiver)
    assert test_event["event"] == events.TEST

    delivery = WebhookDelivery.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("webhooks_redeliver", args=[delivery.pk]))
    assert [b["event"] for b in bodies(receiver)] == [events.TEST, events.TEST]
    assert WebhookDelivery.objects.count() == 2

    listing = client.get(reverse("webhooks_webhookdelivery_modeladmin_index"))
    assert listing.status_code == 200 and events.TEST in listing.content.decode()
    assert client.get(reverse("webhooks_webhookendpoint_modeladmin_index")).status_code == 200


def test_staff_without_the_permission_cannot_send_or_deliver_again(client, receiver, endpoint):
    staff = make_staff()  # a moderator: admin access, no webhook permission
    client.force_login(staff)
    response = client.post(reverse("webhooks_send_test", args=[endpoint.pk]))
    assert response.status_code in (302, 403)
    assert WebhookDelivery.objects.count() == 0 and receiver.requests == []


def test_the_admin_form_refuses_a_private_address_in_production(client, admin_user, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    client.force_login(admin_user)
    response = client.post(
        reverse("webhooks_webhookendpoint_modeladmin_create"),
        {
            "name": "internal",
            "url": "http://169.254.169.254/latest/meta-data/",
            "events": [events.PAGE_PUBLISHED],
            "locale": "",
            "owner_email": "ops@example.org",
            "secret": "s" * 64,
            "is_active": "on",
        },
        HTTP_ACCEPT_LANGUAGE="th",
    )
    assert response.status_code == 200
    assert "private" in response.content.decode() or "ส่วนตัว" in response.content.decode()
    from webhooks.models import WebhookEndpoint

    assert not WebhookEndpoint.objects.exists()
