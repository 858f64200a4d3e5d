"""Email floods (issue 19.2): limits per target address and per source network, counted in the database.

Before: 40 reset POSTs for one address sent 40 emails; 40 registrations from one IP created 20 accounts.
"""

import datetime
import logging
import threading

import pytest
from django.db import connection
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from creators.models import PasswordResetRequest, RateLimitBucket, User
from creators.services.throttle import throttle_purge, throttle_take
from outbox.models import OutboxEmail
from tests.creators.factories import creator_form_data, verification_path

pytestmark = pytest.mark.django_db

EMAIL = "somchai@example.org"
RESET = "/accounts/password/reset/"
TOO_MANY = "Too many registrations from your network. Please try again in an hour."


@pytest.fixture
def real_limits(settings):
    """The limits config/settings/base.py ships (the test settings relax the registration ones)."""
    settings.PASSWORD_RESET_EMAILS_PER_ADDRESS_PER_HOUR = 3
    settings.PASSWORD_RESET_REQUESTS_PER_IP_PER_HOUR = 20
    settings.REGISTRATIONS_PER_IP_PER_HOUR = 5
    settings.REGISTRATIONS_PER_IP_PER_DAY = 20
    settings.VERIFICATION_EMAILS_PER_ADDRESS_PER_HOUR = 3
    settings.VERIFICATION_RESENDS_PER_IP_PER_HOUR = 10
    return settings


@pytest.fixture
def account(client):
    client.post("/accounts/register/creator/", creator_form_data())
    client.post(verification_path(EMAIL))
    return User.objects.get(email=EMAIL)


def register(client, n: int, **extra):
    data = creator_form_data(email=f"flood{n}@example.org", name_en=f"Flood {n}", contact_email=f"c{n}@example.org")
    return client.post("/accounts/register/creator/", data, **extra)


# --- password reset -------------------------------------------------------------------------------------------


def test_forty_reset_requests_for_one_address_send_three_emails_and_answer_alike(
    client, account, real_limits, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.WARNING, logger="creators.services.throttle")
    answers = set()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(40):  # from 40 addresses, so only the per-address limit applies
            response = client.post(RESET, {"email": EMAIL}, REMOTE_ADDR=f"10.1.{n}.1")
            answers.add((response.status_code, response["Location"]))
    assert answers == {(302, "/accounts/password/reset/sent/")}
    assert OutboxEmail.objects.filter(key__startswith="password-reset:").count() == 3
    assert not PasswordResetRequest.objects.exists()  # every request was handled and deleted
    assert sum("rate limit reached: password-reset-email" in record.getMessage() for record in caplog.records) == 37
    assert EMAIL not in caplog.text


def test_reset_requests_from_one_network_stop_after_the_limit_with_the_same_answer(
    client, real_limits, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        answers = {client.post(RESET, {"email": f"person{n}@example.org"}).status_code for n in range(25)}
    assert answers == {302}
    assert PasswordResetRequest.objects.count() == 20
    # Another network is counted on its own.
    with django_capture_on_commit_callbacks(execute=False):
        client.post(RESET, {"email": "other@example.org"}, REMOTE_ADDR="192.0.2.7")
    assert PasswordResetRequest.objects.count() == 21


def test_the_reset_limit_slides_with_the_hour(client, account, real_limits, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(4):
            client.post(RESET, {"email": EMAIL}, REMOTE_ADDR=f"10.2.{n}.1")
    assert OutboxEmail.objects.filter(key__startswith="password-reset:").count() == 3
    bucket = RateLimitBucket.objects.get(scope="password-reset-email")
    bucket.hits = [hit - 3601 for hit in bucket.hits]
    bucket.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": EMAIL}, REMOTE_ADDR="10.2.9.1")
    assert OutboxEmail.objects.filter(key__startswith="password-reset:").count() == 4


# --- registration ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("prefix", "language"), [("", "th"), ("/en", "en")])
def test_registrations_from_one_network_stop_with_a_clear_error(client, real_limits, prefix, language):
    for n in range(5):
        assert register(client, n).status_code == 302
    users, emails = User.objects.count(), OutboxEmail.objects.count()
    data = creator_form_data(email="sixth@example.org", name_en="Sixth", contact_email="c6@example.org")
    response = client.post(f"{prefix}/accounts/register/creator/", data)
    assert response.status_code == 429
    with translation.override(language):
        assert escape(gettext(TOO_MANY)) in response.content.decode()
    assert User.objects.count() == users and OutboxEmail.objects.count() == emails
    assert not User.objects.filter(email="sixth@example.org").exists()
    # Another network still registers.
    assert register(client, 7, REMOTE_ADDR="192.0.2.8").status_code == 302


def test_an_ipv6_network_counts_as_one_source(client, real_limits):
    for n in range(5):
        assert register(client, n, REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}").status_code == 302
    assert register(client, 9, REMOTE_ADDR="2001:db8:1:2:ffff::1").status_code == 429
    assert register(client, 10, REMOTE_ADDR="2001:db8:1:3::1").status_code == 302


def test_registrations_already_registered_count_too(client, account, real_limits):
    # Otherwise the limit itself would tell a new address (refused) from an existing one (accepted).
    for _ in range(4):
        assert client.post("/accounts/register/creator/", creator_form_data()).status_code == 302
    assert register(client, 1).status_code == 429


def test_the_daily_registration_limit(client, real_limits):
    real_limits.REGISTRATIONS_PER_IP_PER_HOUR = 100
    real_limits.REGISTRATIONS_PER_IP_PER_DAY = 3
    assert [register(client, n).status_code for n in range(4)] == [302, 302, 302, 429]


# --- verification re-sends ------------------------------------------------------------------------------------


def test_verification_resends_per_address(client, real_limits):
    client.post("/accounts/register/creator/", creator_form_data())
    sent = []
    for n in range(6):
        OutboxEmail.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))  # past the minute
        response = client.post("/accounts/verify/resend/", {"email": EMAIL}, REMOTE_ADDR=f"10.3.{n}.1")
        assert response.status_code == 302 and response["Location"] == "/accounts/register/check-email/"
        sent.append(OutboxEmail.objects.filter(key__startswith="verify:").count())
    assert sent == [2, 3, 4, 4, 4, 4]  # the registration's own email, then three re-sends


def test_verification_resends_per_network(client, real_limits):
    for n in range(12):
        register(client, n, REMOTE_ADDR=f"10.4.{n}.1")
    OutboxEmail.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    for n in range(12):
        client.post("/accounts/verify/resend/", {"email": f"flood{n}@example.org"})
    assert OutboxEmail.objects.filter(key__startswith="verify:").count() == 12 + 10


# --- storage --------------------------------------------------------------------------------------------------


def test_buckets_hold_no_address_and_no_ip(client, account, real_limits, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": EMAIL}, REMOTE_ADDR="198.51.100.23")
    register(client, 1, REMOTE_ADDR="198.51.100.23")
    stored = repr(list(RateLimitBucket.objects.values()))
    assert {"password-reset-ip", "password-reset-email", "registration-ip"} <= set(
        RateLimitBucket.objects.values_list("scope", flat=True)
    )
    for secret in ("198.51.100.23", EMAIL, "flood1@example.org", f"user:{account.pk}"):
        assert secret not in stored


def test_the_daily_purge_removes_buckets_nothing_counts(real_limits):
    now = timezone.now()
    assert throttle_take(scope="registration-ip", subject="192.0.2.1", now=now - datetime.timedelta(days=2))
    assert throttle_take(scope="registration-ip", subject="192.0.2.2", now=now)
    assert throttle_purge(now=now) == 1
    assert RateLimitBucket.objects.count() == 1
    assert throttle_purge(now=now) == 0


def test_a_limit_set_to_zero_is_off(settings):
    settings.REGISTRATIONS_PER_IP_PER_HOUR = 0
    settings.REGISTRATIONS_PER_IP_PER_DAY = 0
    assert all(throttle_take(scope="registration-ip", subject="192.0.2.1") for _ in range(50))
    assert not RateLimitBucket.objects.exists()


@pytest.mark.serial
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_app_servers_racing_on_one_network_never_exceed_the_limit(real_limits):
    # Eight requests at once, as from eight app servers sharing the database: exactly five get through.
    barrier, results = threading.Barrier(8), []

    def attempt():
        try:
            barrier.wait()
            results.append(throttle_take(scope="registration-ip", subject="192.0.2.99"))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 3 + [True] * 5
    assert len(RateLimitBucket.objects.get().hits) == 5
