"""One public address, SITE_URL: every link made outside a request starts with it, production refuses to start
without a real one, and `make run` sets it from PORT (the running-stack journeys in tests/e2e follow the emailed
links on a free port)."""

from __future__ import annotations

import datetime
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder

from core.site_url import site_url_problem
from creators.services.passwords import password_reset_process
from creators.services.verification import verification_url
from moderation.digest import _edit_url
from outbox.models import OutboxEmail
from outbox.services import outbox_enqueue
from portal.checks import site_url_check
from tests.portal.test_directory_api import make_creator, make_user

REPO = Path(settings.BASE_DIR)
ELSEWHERE = "https://impact.example.go.th:8443"
FORBIDDEN = ("127.0.0.1", "localhost", ":8000")
URL = re.compile(r"""https?://[^\s"'<>]+""")


def _production(env_overrides: dict[str, str], code: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "WAGTAILADMIN_BASE_URL", "DATABASE_URL")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "impact.example.go.th,.impact.go.th",
        "DATABASE_URL": "sqlite:////tmp/never-opened.sqlite3",
        "REDIS_URL": "redis://127.0.0.1:6379/0",  # required in production (core/topology.py)
        **env_overrides,
    }
    probe = "import django; django.setup(); from django.conf import settings as s\n" + code
    return subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env, capture_output=True, text=True)


@pytest.mark.parametrize(
    ("site_url", "message"),
    [
        (None, "SITE_URL is not set"),
        ("", "SITE_URL is not set"),
        ("http://impact.example.go.th", "must start with https://"),
        ("https://elsewhere.example.org", "is not in ALLOWED_HOSTS"),
        ("https://impact.example.go.th/th/", "no path"),
        ("https://localhost", "is a local address"),
        ("https://127.0.0.1:8000", "is a local address"),
        ("impact.example.go.th", "a scheme and a host"),
    ],
)
def test_production_refuses_to_start_without_a_real_public_address(site_url, message):
    result = _production({} if site_url is None else {"SITE_URL": site_url})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr, result.stderr[-800:]
    assert "Set SITE_URL to the platform's public https address" in result.stderr


def test_production_derives_wagtails_base_urls_from_site_url():
    code = (
        "print(s.SITE_URL, s.WAGTAILADMIN_BASE_URL, s.WAGTAILAPI_BASE_URL, s.USE_X_FORWARDED_HOST)\n"
        "print(s.CSRF_TRUSTED_ORIGINS)"
    )
    result = _production({"SITE_URL": "https://www.impact.go.th/"}, code)
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first == "https://www.impact.go.th https://www.impact.go.th https://www.impact.go.th False"
    assert "'https://www.impact.go.th'" in second
    trusted = _production({"SITE_URL": "https://impact.example.go.th", "USE_X_FORWARDED_HOST": "true"}, code)
    assert trusted.stdout.split()[3] == "True"


def test_dev_settings_follow_port_unless_site_url_is_given(tmp_path):
    base = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT", "DATABASE_URL")}
    base |= {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "VAR_DIR": str(tmp_path)}
    probe = "import django; django.setup(); from django.conf import settings as s\n"
    probe += "print(s.SITE_URL, s.WAGTAILADMIN_BASE_URL)"

    def shown(**env) -> str:
        run = subprocess.run(
            [sys.executable, "-c", probe], cwd=REPO, env={**base, **env}, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        return run.stdout.strip()

    assert shown() == "http://127.0.0.1:8000 http://127.0.0.1:8000"
    assert shown(PORT="8831") == "http://127.0.0.1:8831 http://127.0.0.1:8831"
    assert (
        shown(PORT="8831", SITE_URL="http://192.168.1.20:8831/") == "http://192.168.1.20:8831 http://192.168.1.20:8831"
    )


def test_make_run_passes_the_port_to_every_process_it_starts(tmp_path):
    """`PORT=8831 make run`, with a stand-in python that records each command and the SITE_URL it saw."""
    log = tmp_path / "calls.log"
    fake = tmp_path / "python"
    # The web server (foreground) waits for the task cluster (background) to have started, as a real one would.
    fake.write_text(
        f'#!/bin/sh\necho "$* SITE_URL=$SITE_URL" >> {log}\n'
        f'if [ "$2" = runserver ]; then for i in $(seq 100); do grep -q qcluster {log} && exit 0; sleep 0.1; done; fi\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "MAKEFLAGS", "MAKELEVEL")}
    run = subprocess.run(
        ["make", "-o", ".venv/.installed", "run", "PORT=8831", f"PY={fake}"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    calls = log.read_text().splitlines()
    commands = [call.split(" SITE_URL=")[0] for call in calls]
    assert "manage.py load_initial_content" in commands
    assert "manage.py runserver 127.0.0.1:8831 --noreload" in commands
    assert "manage.py qcluster" in commands
    assert all(call.endswith(" SITE_URL=http://127.0.0.1:8831") for call in calls), calls
    assert "http://127.0.0.1:8831/admin/" in run.stdout


def test_site_url_problems_outside_production():
    assert site_url_problem("http://127.0.0.1:8831", [], https_only=False) == ""
    assert site_url_problem("https://impact.example.go.th:8443", ["impact.example.go.th"], https_only=True) == ""
    assert "not a valid address" in site_url_problem("http://host:port", [], https_only=False)


@override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000")
def test_a_wagtail_base_url_that_is_not_site_url_fails_the_system_check():
    errors = site_url_check(None)
    assert [error.id for error in errors] == ["portal.E002"]
    assert "WAGTAILADMIN_BASE_URL" in errors[0].msg


# --- every email under a non-default address ------------------------------------------------------------------


def _representative_context() -> dict:
    today = timezone.localdate()
    return {
        "name": "มูลนิธิทดสอบลิงก์",
        "title": "โครงการทดสอบลิงก์",
        "pk": 7,
        "reason": "ข้อมูลไม่ครบ",
        "due": today,
        "until": today + datetime.timedelta(days=30),
        "kind": "account",
        "login_path": "/accounts/login/",
        "reset_path": "/accounts/password/reset/",
        "sender_kind": "creator",
        "sender_slug": "link-org",
        "sender_name": "ผู้ส่ง",
        "recipient_name": "ผู้รับ",
        "subject": "ขอคำปรึกษา",
        "message": "สวัสดีครับ",
        "note": "",
        "valid_days": 3,
        "valid_minutes": 60,
        "date": today,
    }


def _email_templates() -> list[str]:
    folder = REPO / "templates" / "email"
    return sorted(path.name.removesuffix(".subject.txt") for path in folder.glob("*.subject.txt"))


def assert_links_lead_to_site_url(text: str, site_url: str) -> None:
    for forbidden in FORBIDDEN:
        assert forbidden not in text, (forbidden, text)
    for url in URL.findall(text):
        assert url == site_url or url.startswith(site_url + "/"), (url, site_url)


@pytest.mark.django_db
@override_settings(SITE_URL=ELSEWHERE, WAGTAILADMIN_BASE_URL=ELSEWHERE, WAGTAILAPI_BASE_URL=ELSEWHERE)
def test_every_email_template_links_to_site_url(django_capture_on_commit_callbacks):
    user = make_user("links@example.org")
    creator = make_creator("link-org")
    context = _representative_context()
    # The links services compute themselves: verification, password reset, the digest's admin links.
    context["verify_url"] = verification_url(user=user)
    url = _edit_url(AdminURLFinder(), creator)
    context["due_today"] = [{"name": "x", "kind": "creator", "due": context["due"], "url": url, "overdue_days": 0}]
    with django_capture_on_commit_callbacks(execute=True):
        from creators.services.passwords import password_reset_request

        password_reset_request(email=user.email, language="th", source="192.0.2.1")
    reset = OutboxEmail.objects.get(key__startswith="password-reset:")
    templates = _email_templates()
    assert len(templates) >= 14 and "verify_email" in templates and "moderator_digest" in templates
    rows = [reset]
    for template in templates:
        for language in ("th", "en"):
            rows.append(
                outbox_enqueue(
                    key=f"links:{template}:{language}",
                    to="links@example.org",
                    template=template,
                    context={**context, "language": language},
                    language=language,
                )
            )
    for row in rows:
        for text in (row.subject, row.body_text, row.body_html):
            assert_links_lead_to_site_url(text, ELSEWHERE)
    assert sum(ELSEWHERE + "/" in row.body_text for row in rows) >= len(templates)  # links were really there
    assert ELSEWHERE + "/accounts/verify/" in OutboxEmail.objects.get(key="links:verify_email:th").body_text
    assert ELSEWHERE + "/accounts/password/reset/" in reset.body_text


@pytest.mark.django_db
def test_password_reset_process_links_to_site_url():
    user = make_user("reset-links@example.org")
    from creators.models import PasswordResetRequest

    request = PasswordResetRequest.objects.create(email=user.email, language="en")
    with override_settings(SITE_URL=ELSEWHERE):
        password_reset_process(request_id=request.pk)
    body = OutboxEmail.objects.get(key__startswith="password-reset:").body_text
    assert f"{ELSEWHERE}/en/accounts/password/reset/" in body


@pytest.mark.django_db
def test_load_initial_content_keeps_the_site_record_on_site_url():
    from wagtail.models import Site

    from portal.models import HomePage

    with override_settings(SITE_URL="https://impact.example.go.th"):
        call_command("load_initial_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("impact.example.go.th", 443)
        home = HomePage.objects.get(locale__language_code="th")
        assert home.get_full_url().startswith("https://impact.example.go.th/")
        from portal.initial_content import load_initial_content

        assert load_initial_content().updated == []  # idempotent
    with override_settings(SITE_URL="http://127.0.0.1:8831"):
        report = load_initial_content()
        assert report.updated == ["default site address (127.0.0.1:8831)"]
        site.refresh_from_db()
        assert (site.hostname, site.port) == ("127.0.0.1", 8831)
        assert Site.objects.get(pk=site.pk).root_url == "http://127.0.0.1:8831"
        assert load_initial_content().updated == []
