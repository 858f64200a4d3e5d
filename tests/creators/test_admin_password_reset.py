"""The Wagtail admin's "forgot password" (issue 22.5): the public reset's path (row, worker, outbox), staff only.

Before: /admin/password_reset/ rendered and sent the email inside the request (its timing told which addresses
have accounts) and sent admin reset links to registrants too.
"""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from creators.models import PasswordResetRequest, User
from outbox.models import OutboxEmail

pytestmark = pytest.mark.django_db

ADMIN_RESET = "/admin/password_reset/"
NEW_PASSWORD = "a brand new staff passphrase 2026"


@pytest.fixture
def accounts():
    moderator = User.objects.create_user(email="moderator@example.org", password="x" * 12, is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    editor = User.objects.create_user(email="editor@example.org", password="x" * 12)  # admin access by group only
    editor.groups.add(Group.objects.get(name="Editors"))
    registrant = User.objects.create_user(
        email="registrant@example.org", password="x" * 12, email_verified_at=timezone.now()
    )
    return {"moderator": moderator, "editor": editor, "registrant": registrant}


def test_every_address_gets_the_same_answer_after_the_same_work_and_no_mail_in_the_request(
    client, accounts, django_capture_on_commit_callbacks
):
    answers = []
    for address in ("moderator@example.org", "registrant@example.org", "nobody@example.org"):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = client.post(ADMIN_RESET, {"email": address})
        assert PasswordResetRequest.objects.get().audience == "admin"
        assert len(callbacks) == 1  # the worker's task, queued after commit
        PasswordResetRequest.objects.all().delete()
        answers.append((response.status_code, response["Location"], sorted(response.headers)))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][:2] == (302, "/admin/password_reset/done/")
    assert not mail.outbox and not OutboxEmail.objects.exists()


@pytest.mark.parametrize("who", ["moderator", "editor"])
def test_staff_get_an_admin_link_through_the_outbox(client, accounts, who, django_capture_on_commit_callbacks):
    user = accounts[who]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADMIN_RESET, {"email": f"  {user.email.upper()} "})
    email = OutboxEmail.objects.get(key__startswith=f"password-reset:{user.pk}:")
    assert email.status == OutboxEmail.Status.SENT and [m.to for m in mail.outbox] == [[user.email]]
    link = next(word for word in email.body_text.split() if "/admin/password_reset/confirm/" in word)
    set_password = client.get(link.split("testserver", 1)[1])["Location"]
    response = client.post(set_password, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/admin/password_reset/complete/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_registrant_gets_no_admin_link_and_no_email(client, accounts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADMIN_RESET, {"email": "registrant@example.org"})
    assert response.status_code == 302
    assert not OutboxEmail.objects.exists() and not mail.outbox
    assert not PasswordResetRequest.objects.exists()
    # The public "Forget Password" still serves them.
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "registrant@example.org"})
    assert "/accounts/password/reset/" in OutboxEmail.objects.get().body_text


def test_admin_and_public_resets_share_the_per_address_limit(client, accounts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            client.post(ADMIN_RESET, {"email": "moderator@example.org"}, REMOTE_ADDR=f"10.9.{n}.1")
        client.post("/accounts/password/reset/", {"email": "moderator@example.org"}, REMOTE_ADDR="10.9.9.1")
    assert OutboxEmail.objects.filter(key__startswith="password-reset:").count() == 3
