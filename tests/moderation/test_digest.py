"""The moderators' daily digest and the two daily django-q2 schedules (digest, purge of unverified accounts).

Reference day: Friday 2026-11-27 (Bangkok). Its next business day is Monday 2026-11-30.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone
from django_q.models import Schedule
from wagtail.admin.admin_url_finder import AdminURLFinder

from creators.models import ImpactCreatorProfile, User
from moderation.digest import moderator_digest_send
from moderation.models import ClosureDay
from moderation.tasks import send_moderator_digest
from outbox.models import OutboxEmail
from privacy.tasks import purge_unverified_registrations
from tests.creators.factories import creator_form_data, make_moderator, verification_path

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")
FRIDAY = date(2026, 11, 27)
THURSDAY = date(2026, 11, 26)
WEDNESDAY = date(2026, 11, 25)
MONDAY = date(2026, 11, 30)
TUESDAY = date(2026, 12, 1)
DIGEST = "moderator-digest:"


def submit_profile(client, n: int, due: date) -> ImpactCreatorProfile:
    """A verified registration in moderation (real workflow), then its due date set to ``due``."""
    email = f"creator{n}@example.org"
    client.post(
        "/accounts/register/creator/",
        creator_form_data(
            email=email,
            name_th=f"มูลนิธิทดสอบลำดับ{n}",
            name_en=f"Test Foundation {n}",
            registration_number=f"099300012345{n}",
        ),
    )
    client.post(verification_path(email))
    client.logout()
    profile = ImpactCreatorProfile.objects.get(user__email=email)
    assert profile.workflow_in_progress and profile.due_date is not None
    ImpactCreatorProfile.objects.filter(pk=profile.pk).update(due_date=due)
    profile.refresh_from_db()
    return profile


def digests() -> list[OutboxEmail]:
    return list(OutboxEmail.objects.filter(key__startswith=DIGEST).order_by("pk"))


def english_moderator(email: str = "en-moderator@example.org") -> User:
    user = make_moderator(email)
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    return user


@pytest.fixture
def scenario(client):
    return {
        "today": submit_profile(client, 1, FRIDAY),
        "next": submit_profile(client, 2, MONDAY),
        "overdue2": submit_profile(client, 3, WEDNESDAY),
        "overdue1": submit_profile(client, 4, THURSDAY),
        "later": submit_profile(client, 5, TUESDAY),
    }


def test_digest_groups_today_next_business_day_and_overdue(scenario):
    moderator = english_moderator()
    assert moderator_digest_send(today=FRIDAY) == 1

    (email,) = digests()
    assert email.key == f"moderator-digest:2026-11-27:{moderator.pk}"
    assert email.to == moderator.email and email.language == "en"
    assert email.subject == "Moderation digest for 27 Nov 2026"
    body = email.body_text
    # Sections in order: overdue, due today, due by the next business day (Monday, not Saturday).
    positions = [
        body.index("Overdue"),
        body.index("Test Foundation 3"),
        body.index("Test Foundation 4"),
        body.index("Due today"),
        body.index("Test Foundation 1"),
        body.index("Due by the next business day, 30 Nov 2026"),
        body.index("Test Foundation 2"),
    ]
    assert positions == sorted(positions)
    assert "Test Foundation 5" not in body  # due Tuesday: neither today nor the next business day
    assert "Test Foundation 3 (Impact Creator), due 25 Nov 2026, overdue by 2 business days" in body
    assert "Test Foundation 4 (Impact Creator), due 26 Nov 2026, overdue by 1 business day" in body
    assert "Test Foundation 1 (Impact Creator), due 27 Nov 2026" in body
    for profile in scenario.values():
        edit_path = AdminURLFinder().get_edit_url(profile)
        assert edit_path
        url = settings.SITE_URL + edit_path
        assert (url in body) == (profile is not scenario["later"])
        assert (f'href="{url}"' in email.body_html) == (profile is not scenario["later"])


def test_next_business_day_skips_closures(client):
    submit_profile(client, 1, TUESDAY)
    ClosureDay.objects.create(date=MONDAY, reason="Office move")
    english_moderator()
    assert moderator_digest_send(today=FRIDAY) == 1
    (email,) = digests()
    assert "Due by the next business day, 1 Dec 2026" in email.body_text
    assert "Test Foundation 1" in email.body_text


def test_overdue_on_a_weekend_before_a_business_day_has_passed(client):
    submit_profile(client, 1, FRIDAY)
    english_moderator()
    assert moderator_digest_send(today=date(2026, 11, 28)) == 1  # Saturday
    (email,) = digests()
    assert "Test Foundation 1 (Impact Creator), due 27 Nov 2026, past its due date" in email.body_text


def test_one_email_per_moderator_in_their_language(scenario):
    thai = make_moderator("th-moderator@example.org")
    english = english_moderator()
    assert moderator_digest_send(today=FRIDAY) == 2

    by_to = {email.to: email for email in digests()}
    assert set(by_to) == {thai.email, english.email}
    th_email = by_to[thai.email]
    assert th_email.language == "th"
    assert "2569" in th_email.subject and "2569" in th_email.body_text
    assert "27 พ.ย. 2569" in th_email.body_text
    assert "มูลนิธิทดสอบลำดับ1" in th_email.body_text and "Test Foundation 1" not in th_email.body_text
    assert "เรียน" in th_email.body_text and "ครบกำหนดวันนี้" in th_email.body_text  # Thai headings
    en_email = by_to[english.email]
    assert "2026" in en_email.body_text and "2569" not in en_email.body_text
    assert "Test Foundation 1" in en_email.body_text and "มูลนิธิทดสอบลำดับ1" not in en_email.body_text


def test_running_twice_the_same_day_sends_nothing_new(scenario):
    make_moderator("a@example.org")
    make_moderator("b@example.org")
    assert moderator_digest_send(today=FRIDAY) == 2
    assert moderator_digest_send(today=FRIDAY) == 0
    assert OutboxEmail.objects.filter(key__startswith=DIGEST).count() == 2


def test_catch_up_run_sends_one_per_day(scenario):
    moderator = make_moderator()
    assert moderator_digest_send(today=THURSDAY) == 1  # the missed day, run late
    assert moderator_digest_send(today=FRIDAY) == 1
    assert moderator_digest_send(today=THURSDAY) == 0
    assert moderator_digest_send(today=FRIDAY) == 0
    assert sorted(email.key for email in digests()) == [
        f"moderator-digest:2026-11-26:{moderator.pk}",
        f"moderator-digest:2026-11-27:{moderator.pk}",
    ]


def test_task_uses_the_bangkok_date(scenario):
    moderator = make_moderator()
    ImpactCreatorProfile.objects.filter(pk=scenario["today"].pk).update(due_date=timezone.localdate())
    assert send_moderator_digest() == 1
    (email,) = digests()
    assert email.key == f"moderator-digest:{timezone.localdate().isoformat()}:{moderator.pk}"


def test_nothing_pending_sends_nothing(client):
    make_moderator()
    submit_profile(client, 1, TUESDAY)  # pending, but not due today, next business day, or overdue
    assert moderator_digest_send(today=FRIDAY) == 0
    assert digests() == []


def test_no_profiles_at_all_sends_nothing():
    make_moderator()
    assert moderator_digest_send(today=FRIDAY) == 0
    assert digests() == []


def test_only_active_moderators_receive_it(scenario):
    moderator = make_moderator()
    inactive = make_moderator("inactive@example.org")
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    User.objects.create_user(email="staff@example.org", password="x" * 12, is_staff=True)
    User.objects.create_superuser(email="root@example.org", password="x" * 12)
    assert moderator_digest_send(today=FRIDAY) == 1
    assert [email.to for email in digests()] == [moderator.email]


# --- schedules (installed by moderation/migrations/0005_daily_schedules.py) ------------------------------


@pytest.mark.parametrize(
    ("name", "func", "cron", "hour"),
    [
        ("moderator-digest", "moderation.tasks.send_moderator_digest", "0 8 * * *", 8),
        ("purge-unverified-registrations", "privacy.tasks.purge_unverified_registrations", "0 3 * * *", 3),
    ],
)
def test_daily_schedules_are_installed_by_migration(name, func, cron, hour):
    schedule = Schedule.objects.get(name=name)
    assert schedule.func == func
    assert schedule.schedule_type == Schedule.CRON
    assert schedule.cron == cron
    assert schedule.repeats == -1
    next_run = schedule.next_run.astimezone(BANGKOK)
    assert next_run.time() == time(hour, 0)
    # django-q2 reads cron in settings.TIME_ZONE: its own computation agrees with the migration's.
    assert schedule.calculate_next_run().astimezone(BANGKOK).time() == time(hour, 0)


# --- purge of unverified registrations -----------------------------------------------------------------


def register(client, n: int) -> User:
    email = f"purge{n}@example.org"
    client.post(
        "/accounts/register/creator/",
        creator_form_data(email=email, name_th=f"มูลนิธิลบทิ้ง{n}", name_en=f"Purge Foundation {n}"),
    )
    client.logout()
    return User.objects.get(email=email)


def test_purge_task_deletes_only_old_unverified_registrations(client):
    stale = register(client, 1)
    verified = register(client, 2)
    client.post(verification_path(verified.email))
    client.logout()
    fresh = register(client, 3)
    eight_days_ago = timezone.now() - timedelta(days=8)
    User.objects.filter(pk__in=[stale.pk, verified.pk]).update(date_joined=eight_days_ago)
    User.objects.filter(pk=fresh.pk).update(date_joined=timezone.now() - timedelta(days=6))
    verified.refresh_from_db()
    assert verified.email_verified_at is not None and stale.email_verified_at is None

    assert purge_unverified_registrations() == 1
    remaining = set(User.objects.filter(email__startswith="purge").values_list("email", flat=True))
    assert remaining == {verified.email, fresh.email}
    assert not ImpactCreatorProfile.objects.filter(user_id=stale.pk).exists()
    assert ImpactCreatorProfile.objects.filter(user_id=verified.pk).exists()


def test_migration_next_run_helper_is_the_next_bangkok_occurrence():
    from importlib import import_module

    migration = import_module("moderation.migrations.0005_daily_schedules")
    before = datetime(2026, 11, 27, 7, 59, tzinfo=BANGKOK)
    after = datetime(2026, 11, 27, 8, 0, tzinfo=BANGKOK)
    assert migration.next_bangkok_run(time(8, 0), before) == datetime(2026, 11, 27, 8, 0, tzinfo=BANGKOK)
    assert migration.next_bangkok_run(time(8, 0), after) == datetime(2026, 11, 28, 8, 0, tzinfo=BANGKOK)
