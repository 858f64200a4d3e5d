"""Sessions store their user's id (creators.models.UserSession), so ending one account's sessions reads only its
rows: one DELETE, whatever the number of other people's sessions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from creators.models import User, UserSession
from privacy.deletion_traces import end_user_sessions

pytestmark = pytest.mark.django_db
PASSWORD = "ทะเลสีครามยามเช้า 2569"


def logged_in(email: str) -> tuple[User, Client]:
    user = User.objects.create_user(email=email, password=PASSWORD, email_verified_at=timezone.now())
    client = Client()
    response = client.post("/accounts/login/", {"username": email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return user, client


def test_a_login_stores_the_user_beside_the_session_and_anonymous_sessions_have_none():
    user, client = logged_in("session-owner@example.org")
    row = UserSession.objects.get(session_key=client.session.session_key)
    assert row.user_id == user.pk and row.get_decoded()["_auth_user_id"] == str(user.pk)
    anonymous = Client()
    anonymous.get("/accounts/login/")  # a CSRF cookie, no login
    anonymous.session["django_language"] = "en"
    anonymous.session.save()
    assert UserSession.objects.get(session_key=anonymous.session.session_key).user_id is None


@pytest.mark.parametrize("others", [1, 30])
def test_ending_one_users_sessions_is_one_statement_and_spares_everyone_else(others):
    user, first = logged_in("ending@example.org")
    second = Client()
    second.force_login(user)  # a second browser
    strangers = [logged_in(f"stranger{number}@example.org") for number in range(others)]
    assert UserSession.objects.filter(user_id=user.pk).count() == 2

    with CaptureQueriesContext(connection) as captured:
        assert end_user_sessions(user_id=user.pk) == 2
    assert len(captured) <= 2  # Django's delete may read the rows before deleting them
    assert not UserSession.objects.filter(user_id=user.pk).exists()
    assert first.get("/accounts/").status_code == 302  # logged out
    assert all(client.get("/accounts/").status_code == 200 for _, client in strangers)
