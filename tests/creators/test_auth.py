"""Login, logout, lockout, admin fencing, password reset and password change for registrants."""

import datetime
import re
from unittest import mock

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from creators.models import PasswordResetRequest, User
from outbox.models import OutboxEmail
from tests.creators.factories import DEFAULT_PASSWORD, creator_form_data, make_moderator, verification_path

pytestmark = pytest.mark.django_db

EMAIL = "somchai@example.org"
NEW_PASSWORD = "ท้องฟ้าสีครามยามเช้า 7788 ริมน้ำ"
WRONG_PASSWORD = "not the password 12345"
LOGIN = "/accounts/login/"
RESET = "/accounts/password/reset/"


def register_verified(client, prefix: str = "", **overrides) -> User:
    data = creator_form_data(**overrides)
    response = client.post(f"{prefix}/accounts/register/creator/", data)
    assert response.status_code == 302
    assert client.post(verification_path(data["email"])).status_code == 302
    client.logout()
    user = User.objects.get(email=data["email"])
    assert user.email_verified_at is not None
    return user


@pytest.fixture
def creator(client) -> User:
    return register_verified(client)


def login(client, username: str = EMAIL, password: str = DEFAULT_PASSWORD, prefix: str = "", **extra):
    return client.post(f"{prefix}{LOGIN}", {"username": username, "password": password}, **extra)


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def translated(message: str, language: str) -> str:
    with translation.override(language):
        return escape(gettext(message))


# --- login and logout ---------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [EMAIL, "SomChai@Example.ORG", "  SOMCHAI@EXAMPLE.ORG  ", "\tsomchai@example.org "])
def test_login_by_email_in_any_case_with_surrounding_spaces_goes_to_the_dashboard(client, creator, typed):
    response = login(client, typed)
    assert response.status_code == 302 and response["Location"] == "/accounts/"
    assert logged_in_user_id(client) == str(creator.pk)
    assert client.get("/accounts/").status_code == 200


def test_the_dashboard_links_to_two_step_sign_in(client, creator):
    login(client)
    page = client.get("/accounts/").content.decode()
    assert 'href="/accounts/security/"' in page and 'data-testid="two-step-link"' in page


def test_english_login_lands_on_the_english_dashboard(client, creator):
    assert client.get(f"/en{LOGIN}").status_code == 200
    response = login(client, prefix="/en")
    assert response.status_code == 302 and response["Location"] == "/en/accounts/"
    assert logged_in_user_id(client) == str(creator.pk)


@pytest.mark.parametrize(("prefix", "language"), [("", "th"), ("/en", "en")])
def test_a_wrong_password_shows_a_clear_error_and_starts_no_session(client, creator, prefix, language):
    response = login(client, password=WRONG_PASSWORD, prefix=prefix)
    assert response.status_code == 200
    assert translated("The email or password is not correct. Please try again.", language) in response.content.decode()
    assert logged_in_user_id(client) is None
    response = login(client, "nobody@example.org", prefix=prefix)
    assert response.status_code == 200 and logged_in_user_id(client) is None


def test_an_unverified_registrant_cannot_log_in(client):
    client.post("/accounts/register/creator/", creator_form_data())
    client.logout()
    response = login(client)
    assert response.status_code == 200 and logged_in_user_id(client) is None
    message = "Please confirm your email address first: open the link in the email we sent you."
    assert translated(message, "th") in response.content.decode()


def test_logout_is_post_only_and_ends_the_session(client, creator):
    login(client)
    assert client.get("/accounts/logout/").status_code == 405
    assert logged_in_user_id(client) == str(creator.pk)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert logged_in_user_id(client) is None
    assert client.get("/accounts/")["Location"].startswith("/accounts/login/")


def test_english_logout_returns_to_the_english_home_page(client, creator):
    login(client, prefix="/en")
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/en/"
    assert logged_in_user_id(client) is None


# --- open redirects -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example",
        "///evil.example",
        "http://evil.example/accounts/",
        "https:evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
    ],
)
def test_an_off_site_next_is_not_followed(client, creator, target):
    response = client.post(f"{LOGIN}?next={target}", {"username": EMAIL, "password": DEFAULT_PASSWORD, "next": target})
    assert response.status_code == 302 and response["Location"] == "/accounts/"
    assert logged_in_user_id(client) == str(creator.pk)
    # Already logged in: the login page itself redirects, and still not off site.
    response = client.get(LOGIN, {"next": target})
    assert response.status_code == 302 and response["Location"] == "/accounts/"


def test_a_same_site_next_is_followed(client, creator):
    response = client.post(LOGIN, {"username": EMAIL, "password": DEFAULT_PASSWORD, "next": "/accounts/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/"
    client.logout()
    response = client.post(
        LOGIN, {"username": EMAIL, "password": DEFAULT_PASSWORD, "next": "/accounts/password/change/"}
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/password/change/"


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_login_page_links_the_forget_password_button_the_faq_describes(client, prefix):
    page = client.get(f"{prefix}{LOGIN}").content.decode()
    assert f'<a href="{prefix}/accounts/password/reset/">Forget Password</a>' in page


def test_the_login_page_keeps_next_for_the_form(client):
    page = client.get(LOGIN, {"next": "/accounts/profile/edit/"}).content.decode()
    assert 'name="next" value="/accounts/profile/edit/"' in page


# --- brute force lockout ------------------------------------------------------------------------------


def fail_five_times(client, ip: str = "127.0.0.1", spellings=(EMAIL,)):
    statuses = []
    for attempt in range(5):
        typed = spellings[attempt % len(spellings)]
        statuses.append(login(client, typed, WRONG_PASSWORD, REMOTE_ADDR=ip).status_code)
    return statuses


def assert_locked_out(response, language: str = "th"):
    assert response.status_code == 429  # axes' default AXES_HTTP_RESPONSE_CODE; the project doesn't change it
    page = response.content.decode()
    assert translated("Too many attempts", language) in page
    message = (
        "For your security, logging in to this account from here is paused for 15 minutes after several "
        "wrong passwords. You can reset your password instead."
    )
    assert translated(message, language) in page
    assert 'href="/accounts/password/reset/"' in page or 'href="/en/accounts/password/reset/"' in page


def test_five_wrong_passwords_lock_the_email_from_that_address_even_with_the_right_password(client, creator):
    statuses = fail_five_times(client, spellings=(EMAIL, "SOMCHAI@example.org", " Somchai@Example.org "))
    assert statuses[:4] == [200, 200, 200, 200]
    assert statuses[4] == 429  # the fifth failure reaches the limit
    response = login(client, " SomChai@Example.ORG ")
    assert_locked_out(response)
    assert logged_in_user_id(client) is None
    # One counter for every way of typing the address.
    assert AccessAttempt.objects.get().username == EMAIL
    assert_locked_out(login(client, prefix="/en"), "en")


def test_the_lock_is_per_email_and_address(client, creator):
    register_verified(client, email="other@example.org", contact_email="other-contact@example.org")
    fail_five_times(client, ip="10.0.0.1")
    assert_locked_out(login(client, REMOTE_ADDR="10.0.0.1"))
    # Another account from the same address is not locked.
    response = login(client, "other@example.org", REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302 and response["Location"] == "/accounts/"
    client.logout()
    # The same account from another address is not locked.
    response = login(client, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302 and logged_in_user_id(client) == str(creator.pk)


def test_the_lock_ends_after_the_15_minute_cool_off(client, creator):
    fail_five_times(client)
    assert_locked_out(login(client))

    def age_attempts(minutes: int):
        then = timezone.now() - datetime.timedelta(minutes=minutes)
        AccessAttempt.objects.update(attempt_time=then)
        AccessFailureLog.objects.update(attempt_time=then)

    age_attempts(14)
    assert_locked_out(login(client))
    age_attempts(16)
    response = login(client)
    assert response.status_code == 302 and logged_in_user_id(client) == str(creator.pk)


def test_a_successful_login_resets_the_failure_count(client, creator):
    for _ in range(4):
        assert login(client, password=WRONG_PASSWORD).status_code == 200
    assert login(client).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert login(client, password=WRONG_PASSWORD).status_code == 200
    assert login(client).status_code == 302


# --- registrants never see the Wagtail admin ----------------------------------------------------------


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/users/"])
def test_a_registrant_opening_the_admin_is_sent_to_the_dashboard(client, creator, path):
    login(client)
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == "/accounts/"


def test_an_english_registrant_opening_the_admin_is_sent_to_the_english_dashboard(client):
    register_verified(client, prefix="/en")
    assert User.objects.get(email=EMAIL).preferred_language == "en"
    login(client, prefix="/en")
    for path in ("/admin/", "/admin/pages/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/en/accounts/"


def test_a_moderator_reaches_the_admin(client):
    client.force_login(make_moderator())
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_staff_without_admin_access_are_not_bounced_between_admin_and_dashboard(client):
    # The dashboard sends profile-less staff to /admin/; the admin fence must not send them back.
    client.force_login(User.objects.create_user(email="former-moderator@example.org", password="x" * 12, is_staff=True))
    response = client.get("/admin/", follow=True)  # raises RedirectCycleError on a loop
    assert response.status_code == 200
    assert client.get("/admin/pages/").status_code != 200


def test_an_anonymous_visitor_gets_the_admin_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


# --- forgot password ----------------------------------------------------------------------------------


def reset_link_path(email: OutboxEmail) -> str:
    url = next(word for word in email.body_text.split() if "/accounts/password/reset/" in word)
    assert url.startswith("http://testserver/")
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def without_nonces(html: str) -> str:
    return re.sub(r'nonce="[^"]*"', 'nonce=""', html)


def request_reset(client, django_capture_on_commit_callbacks, address: str):
    """POST the form; return the response and the on-commit callbacks it queued (not run yet)."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(RESET, {"email": address})
    return response, callbacks


def test_forgot_password_answers_the_same_for_known_and_unknown_addresses(
    client, creator, django_capture_on_commit_callbacks
):
    OutboxEmail.objects.all().delete()
    results = {}
    for address in (" SomChai@Example.ORG ", "nobody@example.org"):
        response, callbacks = request_reset(client, django_capture_on_commit_callbacks, address)
        # Inside the request: one row and one queued task each, and no email yet.
        assert PasswordResetRequest.objects.count() == 1
        assert not OutboxEmail.objects.exists()
        results[address] = response, callbacks
        PasswordResetRequest.objects.all().delete()

    (known, known_callbacks), (unknown, unknown_callbacks) = results.values()
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/sent/"
    assert known.content == unknown.content
    assert sorted(known.headers) == sorted(unknown.headers)
    assert len(known_callbacks) == len(unknown_callbacks) == 1
    sent_pages = [client.get(response["Location"]) for response in (known, unknown)]
    assert sent_pages[0].status_code == sent_pages[1].status_code == 200
    assert without_nonces(sent_pages[0].content.decode()) == without_nonces(sent_pages[1].content.decode())


def test_forgot_password_end_to_end(client, creator, django_capture_on_commit_callbacks):
    before = set(OutboxEmail.objects.values_list("pk", flat=True))

    # An unknown address: a row while the request runs, nothing afterwards, no email.
    response, callbacks = request_reset(client, django_capture_on_commit_callbacks, "nobody@example.org")
    assert response.status_code == 302 and PasswordResetRequest.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert not PasswordResetRequest.objects.exists()
    assert set(OutboxEmail.objects.values_list("pk", flat=True)) == before

    # The registrant's address, typed differently.
    response, callbacks = request_reset(client, django_capture_on_commit_callbacks, "  SOMCHAI@example.org")
    assert response.status_code == 302 and PasswordResetRequest.objects.count() == 1
    assert not OutboxEmail.objects.filter(key__startswith="password-reset:").exists()
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert not PasswordResetRequest.objects.exists()  # personal data is not kept
    reset_email = OutboxEmail.objects.get(key__startswith="password-reset:")
    assert set(OutboxEmail.objects.exclude(pk__in=before).values_list("pk", flat=True)) == {reset_email.pk}
    assert reset_email.key.startswith(f"password-reset:{creator.pk}:")
    assert reset_email.to == EMAIL and reset_email.language == "th"
    assert reset_email.status == OutboxEmail.Status.SENT
    assert [message.to for message in mail.outbox] == [[EMAIL]]
    link = reset_link_path(reset_email)
    assert link in reset_email.body_html

    # The link leads to a form on a token-free URL.
    response = client.get(link)
    assert response.status_code == 302
    set_password_url = response["Location"]
    assert set_password_url.endswith("/set-password/") and set_password_url.startswith("/accounts/password/reset/")
    form_page = client.get(set_password_url)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    assert 'name="new_password1"' in form_page.content.decode()

    # Passwords must match and pass the validators.
    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/complete/"
    assert client.get(response["Location"]).status_code == 200
    assert logged_in_user_id(client) is None

    assert login(client, password=DEFAULT_PASSWORD).status_code == 200
    assert logged_in_user_id(client) is None
    response = login(client, password=NEW_PASSWORD)
    assert response.status_code == 302 and logged_in_user_id(client) == str(creator.pk)
    client.post("/accounts/logout/")

    # The link works once.
    response = client.get(link)
    assert response.status_code == 200 and not response.context["validlink"]
    assert 'name="new_password1"' not in response.content.decode()
    other = "another long password 99"
    response = client.post(link, {"new_password1": other, "new_password2": other})
    assert response.status_code == 200
    creator.refresh_from_db()
    assert creator.check_password(NEW_PASSWORD)


def test_an_english_registrant_gets_an_english_reset_link(client, django_capture_on_commit_callbacks):
    register_verified(client, prefix="/en")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en{RESET}", {"email": EMAIL})
    reset_email = OutboxEmail.objects.get(key__startswith="password-reset:")
    assert reset_email.language == "en" and "/en/accounts/password/reset/" in reset_email.body_text


def test_a_reset_link_older_than_one_hour_is_refused(client, creator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": EMAIL})
    link = reset_link_path(OutboxEmail.objects.get(key__startswith="password-reset:"))
    later = datetime.datetime.now() + datetime.timedelta(minutes=61)  # _now() is naive local time
    with mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=later):
        response = client.get(link, follow=True)
        assert response.status_code == 200 and not response.context["validlink"]
        page = response.content.decode()
        assert 'name="new_password1"' not in page
        assert translated("This link has expired or was already used. Please ask for a new one.", "th") in page
    creator.refresh_from_db()
    assert creator.check_password(DEFAULT_PASSWORD)

    # Just inside the hour it still works.
    sooner = datetime.datetime.now() + datetime.timedelta(minutes=59)
    with mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=sooner):
        response = client.get(link, follow=True)
        assert response.context["validlink"]


def test_no_email_ever_contains_a_password(client, creator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": EMAIL})
    link = reset_link_path(OutboxEmail.objects.get(key__startswith="password-reset:"))
    set_password_url = client.get(link)["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        login(client, password=NEW_PASSWORD)
        client.post(
            "/accounts/password/change/",
            {"old_password": NEW_PASSWORD, "new_password1": DEFAULT_PASSWORD, "new_password2": DEFAULT_PASSWORD},
        )
    emails = list(OutboxEmail.objects.all())
    assert any(email.key.startswith("verify:") for email in emails)
    assert any(email.key.startswith("password-reset:") for email in emails)
    for secret in (DEFAULT_PASSWORD, NEW_PASSWORD):
        for email in emails:
            assert secret not in email.subject and secret not in email.body_text and secret not in email.body_html
        for message in mail.outbox:
            assert secret not in message.subject and secret not in str(message.body)
            assert all(secret not in str(content) for content, _type in message.alternatives)


def test_reset_requests_never_put_the_address_in_task_arguments(client, creator, django_capture_on_commit_callbacks):
    with mock.patch("creators.services.passwords.async_task") as async_task:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(RESET, {"email": EMAIL})
        ((task, *args), kwargs) = async_task.call_args
    assert task == "creators.tasks.process_password_reset"
    assert EMAIL not in repr(args) + repr(kwargs)


def test_an_invalid_reset_form_shows_the_form_again(client):
    response = client.post(RESET, {"email": "not an email"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not PasswordResetRequest.objects.exists()


# --- password change ----------------------------------------------------------------------------------


def test_password_change_requires_login(client):
    response = client.get("/accounts/password/change/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_password_change_requires_the_old_password(client, creator):
    login(client)
    assert client.get("/accounts/password/change/").status_code == 200
    response = client.post(
        "/accounts/password/change/",
        {"old_password": WRONG_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200 and "old_password" in response.context["form"].errors
    creator.refresh_from_db()
    assert creator.check_password(DEFAULT_PASSWORD)

    response = client.post(
        "/accounts/password/change/",
        {"old_password": DEFAULT_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/password/change/done/"
    assert logged_in_user_id(client) == str(creator.pk)  # the session survives the change
    assert client.get("/accounts/password/change/done/").status_code == 200
    client.post("/accounts/logout/")
    assert login(client, password=DEFAULT_PASSWORD).status_code == 200
    response = login(client, password=NEW_PASSWORD)
    assert response.status_code == 302 and logged_in_user_id(client) == str(creator.pk)
