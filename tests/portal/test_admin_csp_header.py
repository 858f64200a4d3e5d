"""The Wagtail admin answers with a Content-Security-Policy of its own (config/csp.py); the public site keeps its
strict one. tests/e2e/test_admin_csp.py opens the admin screens under it in a real browser."""

import pytest
from django.test import override_settings

from tests.privacy.deletion_helpers import make_staff

pytestmark = pytest.mark.django_db


def test_the_admin_login_and_dashboard_carry_the_admin_policy(client):
    login = client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in login
    assert "object-src 'none'" in login and "frame-ancestors 'self'" in login and "form-action 'self'" in login
    client.force_login(make_staff("csp-staff@example.org"))
    response = client.get("/admin/")
    assert response["Content-Security-Policy"] == login
    assert "Content-Security-Policy-Report-Only" not in response


def test_the_public_site_keeps_its_strict_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_report_only_sends_the_admin_policy_as_a_report(client, settings):
    admin = {**settings.ADMIN_CONTENT_SECURITY_POLICY, "REPORT_ONLY": True}
    with override_settings(ADMIN_CONTENT_SECURITY_POLICY=admin):
        response = client.get("/admin/login/")
    assert "Content-Security-Policy" not in response
    assert "frame-ancestors 'self'" in response["Content-Security-Policy-Report-Only"]


def test_a_preview_rendering_may_be_framed_by_the_admin_only():
    """The editor's preview panel frames the page rendered for a dummy request: the public policy's
    frame-ancestors 'none' left the panel a blank error."""
    from portal.models import ContentPage

    about = ContentPage.objects.get(slug="about", locale__language_code="th")
    response = about.make_preview_request(preview_mode=about.default_preview_mode)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "'none'" not in policy.split("frame-ancestors")[1].split(";")[0]
    assert "unsafe-inline" not in policy  # otherwise the public policy
