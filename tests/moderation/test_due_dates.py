"""Due dates end to end: computed once at submission by the section 193/3 rule, stored on the row, and only read
afterwards (dashboard, moderation listing, "business days left", digest), so a promise made by email holds.

The clock of the submission services is replaced by a fixed moment (the machine's clock is outside the code);
everything else is real: registration, verification, the workflow, the outbox, the admin.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from creators.models import ImpactCreatorProfile
from moderation.admin_panels import business_days_left_label
from moderation.digest import moderator_digest_send
from moderation.sla import business_days_between
from outbox.models import OutboxEmail
from reports.services.submission import report_submit
from tests.creators.factories import (
    DEFAULT_PASSWORD,
    creator_form_data,
    last_email,
    make_moderator,
    verification_path,
)
from tests.reports.factories import make_complete_report, make_owner

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")
SATURDAY_MORNING = datetime.datetime(2026, 12, 12, 10, 0, tzinfo=BANGKOK)  # the example
LISTING = "/admin/snippets/creators/impactcreatorprofile/"


class FixedClock:
    """Stands in for ``django.utils.timezone`` inside one service module: a fixed ``now()``."""

    def __init__(self, moment: datetime.datetime):
        self.moment = moment

    def now(self) -> datetime.datetime:
        return self.moment

    localtime = staticmethod(timezone.localtime)
    localdate = staticmethod(timezone.localdate)


def register_and_verify(client, email: str = "somchai@example.org") -> ImpactCreatorProfile:
    client.post("/accounts/register/creator/", creator_form_data(email=email))
    client.post(verification_path(email))
    client.logout()
    return ImpactCreatorProfile.objects.get(user__email=email)


def test_a_saturday_registration_is_due_on_the_fifth_business_day_after_it(client, monkeypatch):
    monkeypatch.setattr("moderation.service.timezone", FixedClock(SATURDAY_MORNING))
    profile = register_and_verify(client)
    # Mon 14 .. Fri 18 Dec are days 1-5; the old rule counted from Monday and said Mon 21 Dec.
    assert profile.due_date == datetime.date(2026, 12, 18)
    received = last_email("somchai@example.org", "profile-received:")
    assert "18 ธันวาคม 2569" in received.body_text


def test_a_saturday_report_is_due_on_the_tenth_business_day_after_it(monkeypatch):
    monkeypatch.setattr("moderation.service.timezone", FixedClock(SATURDAY_MORNING))  # one service for every kind
    owner = make_owner()
    report = make_complete_report(owner)
    report_submit(report=report, user=owner)
    report.refresh_from_db()
    assert report.due_date == datetime.date(2026, 12, 25)  # the old rule said Mon 28 Dec
    assert "25 ธันวาคม 2569" in OutboxEmail.objects.get(key__startswith="report-received:").body_text


def test_an_item_submitted_before_the_change_keeps_its_promised_date(client, monkeypatch):
    """Submitted on Saturday 12 Dec 2026 under the old rule, which promised Monday 21 Dec by email."""
    promised = datetime.date(2026, 12, 21)
    profile = register_and_verify(client)
    ImpactCreatorProfile.objects.filter(pk=profile.pk).update(submitted_at=SATURDAY_MORNING, due_date=promised)

    # The registrant's dashboard shows the promised date.
    client.post("/accounts/login/", {"username": "somchai@example.org", "password": DEFAULT_PASSWORD})
    assert "21 ธ.ค. 2569" in client.get("/accounts/").content.decode()
    client.logout()

    # The moderators' listing shows it, and counts business days left to it (not to a recomputed Fri 18 Dec).
    moderator = make_moderator()
    client.force_login(moderator)
    listing = client.get(LISTING).content.decode()
    assert "21 ธ.ค. 2569" in listing
    today = timezone.localdate()
    if today < promised:
        left = business_days_between(today, promised)
        assert f"เหลือ {left} วันทำการ" in listing
    with translation.override("en"):
        assert business_days_left_label(promised, today=datetime.date(2026, 12, 12)) == "6 business days left"
        assert business_days_left_label(promised, today=datetime.date(2026, 12, 18)) == "1 business day left"

    # The digest of Friday 18 Dec lists it as due by the next business day, not as due today.
    moderator.preferred_language = "en"
    moderator.save(update_fields=["preferred_language"])
    assert moderator_digest_send(today=datetime.date(2026, 12, 18)) == 1
    body = OutboxEmail.objects.get(key__startswith="moderator-digest:2026-12-18:").body_text
    assert "Due today" not in body
    assert "Due by the next business day, 21 Dec 2026" in body

    # Approving does not touch it either (it is row metadata, not revision content).
    profile.refresh_from_db()
    assert profile.due_date == promised and profile.workflow_in_progress


def test_a_due_date_passed_over_a_weekend_reads_past_due_not_overdue_by_zero():
    friday, saturday, monday = datetime.date(2026, 12, 18), datetime.date(2026, 12, 19), datetime.date(2026, 12, 21)
    with translation.override("en"):
        assert business_days_left_label(friday, today=saturday) == "Past its due date"
        assert business_days_left_label(friday, today=monday) == "Overdue by 1 business day"
    with translation.override("th"):
        assert business_days_left_label(friday, today=saturday) == "เลยวันครบกำหนดแล้ว"
