"""How long a login lasts (issue 19.6): registrants two weeks at most and two hours idle; staff by their own settings.

Before: a verified but unapproved registrant's session lasted 14 days with no idle timeout.
"""

import contextlib
import re
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from creators.models import User
from tests.creators.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
EMAIL = "somchai@example.org"
ENDED = "You were logged out because your session ended. Please log in again."


@pytest.fixture
def registrant():
    return User.objects.create_user(email=EMAIL, password=DEFAULT_PASSWORD, email_verified_at=timezone.now())


def log_in(client, email=EMAIL, password=DEFAULT_PASSWORD):
    assert client.post("/accounts/login/", {"username": email, "password": password}).status_code == 302


class Clock:
    """The session policy's clock, stopped at the login and moved only by the test (Django's own session expiry
    is left alone), so no assertion depends on how fast the machine is."""

    def __init__(self):
        self.start = time.time()
        self.now = self.start

    def __call__(self) -> float:
        return self.now

    def at(self, seconds_after_login: float):
        self.now = self.start + seconds_after_login
        return contextlib.nullcontext()


@pytest.fixture(autouse=True)
def clock():
    stopped = Clock()
    with mock.patch("creators.session_policy.time.time", side_effect=stopped):
        yield stopped


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_an_idle_registrant_is_logged_out_after_two_hours_and_told_why(client, registrant, clock):
    log_in(client)
    with clock.at(2 * 3600 - 60):
        assert client.get("/accounts/").status_code == 200
    with clock.at(2 * 3600 - 60 + 2 * 3600 + 1):  # idle two hours after the last request
        response = client.get("/accounts/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    with translation.override("th"):
        assert escape(gettext(ENDED)) in response.content.decode()
    assert not logged_in(client)


def test_an_active_registrant_is_logged_out_two_weeks_after_logging_in(client, registrant, clock):
    log_in(client)
    hour = 3600
    statuses = set()
    for minutes in range(110, 14 * 24 * 60 + 1, 110):  # a request every 110 minutes: never idle two hours
        with clock.at(minutes * 60):
            statuses.add(client.get("/accounts/").status_code)
    assert statuses == {200} and logged_in(client)
    with clock.at(14 * 24 * hour + 1):
        assert client.get("/accounts/")["Location"].startswith("/accounts/login/")
    assert not logged_in(client)


def session_writes(queries) -> int:
    return sum(1 for q in queries if re.match(r'^(UPDATE|INSERT INTO) "creators_usersession"', q["sql"]))


def test_activity_is_written_at_most_once_a_minute(client, registrant, clock):
    log_in(client)
    with CaptureQueriesContext(connection) as queries:
        for seconds in (5, 20, 59):
            with clock.at(seconds):
                assert client.get("/accounts/").status_code == 200
    assert session_writes(queries) == 0
    with CaptureQueriesContext(connection) as queries, clock.at(61):
        client.get("/accounts/")
    assert session_writes(queries) == 1


def test_staff_limits_are_their_own_settings(client, registrant, settings, clock):
    settings.STAFF_SESSION_IDLE_SECONDS = 30 * 60
    settings.STAFF_SESSION_ABSOLUTE_SECONDS = 12 * 3600
    moderator = User.objects.create_user(email="moderator@example.org", password=DEFAULT_PASSWORD, is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    staff_client = type(client)()
    staff_client.post("/admin/login/", {"username": "moderator@example.org", "password": DEFAULT_PASSWORD})
    assert logged_in(staff_client)
    log_in(client)
    with clock.at(31 * 60):
        assert client.get("/accounts/").status_code == 200  # the registrant's two hours
        assert staff_client.get("/admin/")["Location"].startswith("/admin/login/")
    assert not logged_in(staff_client) and logged_in(client)


def test_a_limit_set_to_none_is_off(client, registrant, settings, clock):
    settings.REGISTRANT_SESSION_IDLE_SECONDS = None
    settings.REGISTRANT_SESSION_ABSOLUTE_SECONDS = None
    log_in(client)
    with clock.at(30 * 24 * 3600):
        assert client.get("/accounts/").status_code == 200


def test_production_uses_host_prefixed_cookies_and_secret_key_fallbacks(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_PATH, s.CSRF_COOKIE_PATH, s.SESSION_COOKIE_DOMAIN, s.CSRF_COOKIE_DOMAIN, "
        "s.SECRET_KEY_FALLBACKS)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k" * 60,
        "SECRET_KEY_FALLBACKS": " old-one ,old-two,",
        "ALLOWED_HOSTS": "impact.example.org",
        "SITE_URL": "https://impact.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",  # required in production (core/topology.py)
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.splitlines()[-1].split(" ", 8) == [
        "__Host-sessionid", "__Host-csrftoken", "True", "True", "/", "/", "None", "None", "['old-one', 'old-two']",
    ]  # fmt: skip


def test_host_prefixed_cookie_names_work_for_login_and_forms(client, registrant, settings):
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    client = type(client)(enforce_csrf_checks=True)
    page = client.get("/accounts/login/")
    cookie = page.cookies["__Host-csrftoken"]
    assert cookie["secure"] and cookie["path"] == "/" and not cookie["domain"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(
        "/accounts/login/", {"username": EMAIL, "password": DEFAULT_PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    session_cookie = response.cookies["__Host-sessionid"]
    assert session_cookie["secure"] and session_cookie["path"] == "/" and not session_cookie["domain"]
    assert client.get("/accounts/").status_code == 200


def test_no_script_or_template_hard_codes_a_cookie_name():
    for folder in ("site/static/js", "templates"):
        for path in (REPO / folder).rglob("*"):
            if path.suffix in {".js", ".html"}:
                text = path.read_text(encoding="utf-8")
                assert "csrftoken" not in text and "sessionid" not in text, path
