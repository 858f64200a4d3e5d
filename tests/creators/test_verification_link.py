"""The confirmation link (issue 22.1): it confirms the address once and never logs anyone in.

Before: every POST of a link up to 3 days old logged its holder in without a password — again after the address
was confirmed, after a password change, and while the account was locked out by django-axes.
"""

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from creators.models import ImpactCreatorProfile, User
from outbox.models import OutboxEmail
from tests.creators.factories import DEFAULT_PASSWORD, creator_form_data, verification_path

pytestmark = pytest.mark.django_db

EMAIL = "somchai@example.org"
NEW_PASSWORD = "ท้องฟ้าสีครามยามเช้า 7788 ริมน้ำ"
CONFIRMED = (
    "Thank you: your email address is confirmed and your registration is with our moderators. "
    "Log in with your password to follow its status."
)
ALREADY = "This email address is already confirmed. Please log in with your password."


def translated(message: str, language: str = "th") -> str:
    with translation.override(language):
        return escape(gettext(message))


def register(client, prefix: str = "") -> str:
    assert client.post(f"{prefix}/accounts/register/creator/", creator_form_data()).status_code == 302
    return verification_path(EMAIL)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def login(client, password: str = DEFAULT_PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": EMAIL, "password": password}, **extra)


@pytest.mark.parametrize(("prefix", "language"), [("", "th"), ("/en", "en")])
def test_confirming_submits_the_registration_but_logs_nobody_in(client, prefix, language):
    path = register(client, prefix)
    response = client.post(path, follow=True)
    assert response.redirect_chain == [(f"{prefix}/accounts/login/", 302)]
    assert translated(CONFIRMED, language) in response.content.decode()
    assert not logged_in(client)
    assert User.objects.get().email_verified_at is not None
    assert ImpactCreatorProfile.objects.get().workflow_in_progress
    # The password then logs in as usual.
    assert login(client).status_code == 302 and logged_in(client)


def test_a_second_use_changes_nothing_and_says_already_confirmed(client):
    path = register(client)
    client.post(path)
    emails = OutboxEmail.objects.count()
    for holder in (client, Client()):  # the registrant again, or anyone the email reached
        response = holder.post(path, follow=True)
        assert response.redirect_chain == [("/accounts/login/", 302)]
        assert translated(ALREADY) in response.content.decode()
        assert not logged_in(holder)
        page = holder.get(path).content.decode()
        assert translated(ALREADY) in page and 'method="post"' not in page
    assert OutboxEmail.objects.count() == emails


def test_after_a_password_change_the_old_link_logs_nobody_in(client):
    path = register(client)
    client.post(path)
    assert login(client).status_code == 302
    client.post(
        "/accounts/password/change/",
        {"old_password": DEFAULT_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    client.post("/accounts/logout/")
    stranger = Client()
    stranger.post(path)
    assert not logged_in(stranger)
    assert stranger.get("/accounts/")["Location"].startswith("/accounts/login/")


def test_a_password_reset_before_confirming_voids_the_link_and_a_new_one_works(
    client, django_capture_on_commit_callbacks
):
    path = register(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": EMAIL})
    reset = OutboxEmail.objects.get(key__startswith="password-reset:")
    link = next(word for word in reset.body_text.split() if "/accounts/password/reset/" in word)
    set_password = client.get(link.split("testserver", 1)[1])["Location"]
    client.post(set_password, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert User.objects.get().check_password(NEW_PASSWORD)

    assert client.get(path).status_code == 400
    assert client.post(path).status_code == 400
    assert User.objects.get().email_verified_at is None and not logged_in(client)

    OutboxEmail.objects.filter(key__startswith="verify:").update(created_at="2026-01-01T00:00:00+07:00")
    client.post("/accounts/verify/resend/", {"email": EMAIL})
    fresh = verification_path(EMAIL)
    assert fresh != path
    assert client.post(fresh).status_code == 302
    assert User.objects.get().email_verified_at is not None and not logged_in(client)


def test_a_changed_address_voids_the_link(client):
    path = register(client)
    User.objects.update(email="someone-else@example.org")
    assert client.post(path).status_code == 400
    assert User.objects.get().email_verified_at is None


def test_a_locked_out_account_is_not_logged_in_by_the_link(client):
    path = register(client)
    for _ in range(5):
        login(client, password="not the password 12345")
    assert login(client).status_code == 429  # locked out (django-axes), even with the right password
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert not logged_in(client)
    assert client.post(path).status_code == 302 and not logged_in(client)
    assert login(client).status_code == 429 and not logged_in(client)
