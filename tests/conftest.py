import os

import pytest
from hypothesis import HealthCheck, settings

from portal.initial_content import load_initial_content
from tests.media_areas import s3_storages, start_moto

# CI (.ci/run) shares two cores with a browser and a PostgreSQL server: a slow example is not a failure there, and a
# failing one prints the blob that replays it. Locally the default profile keeps Hypothesis' deadline.
settings.register_profile("ci", deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the site's real initial content (pages, FAQ, settings)."""
    with django_db_blocker.unblock():
        load_initial_content()


def pytest_generate_tests(metafunc):
    """Tests that use ``media_backend`` run twice: media in folders, and in S3 buckets (tests/media_areas.py)."""
    if "media_backend" in metafunc.fixturenames:
        metafunc.parametrize("media_backend", ["folders", "s3"], indirect=True)


@pytest.fixture(scope="session")
def moto_s3():
    """moto's standalone S3 server on a free loopback port, one per test process."""
    moto = start_moto()
    yield moto
    moto.server.stop()


@pytest.fixture
def media_backend(request):
    if getattr(request, "param", "folders") == "s3":
        with s3_storages(request.getfixturevalue("moto_s3")):
            yield "s3"
    else:
        yield "folders"


@pytest.fixture
def admin_user(django_user_model):
    """A superuser (pytest-django's own assumes a username field; ours signs in by email)."""
    return django_user_model.objects.create_superuser(email="admin@example.com", password="x-admin-password-1")


@pytest.fixture
def th_home():
    from portal.models import HomePage

    return HomePage.objects.get(locale__language_code="th")


@pytest.fixture
def faq_page_th():
    from faq.models import FAQPage

    return FAQPage.objects.get(locale__language_code="th")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rolled-back pages must not linger in cached menus."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _emails_link_only_to_site_url():
    """Every email the suite renders links only to SITE_URL (outbox rows, checked as they are written, under the
    SITE_URL in force then), and none, not even what reaches the mail backend, names 127.0.0.1, localhost or :8000."""
    import re

    from django.conf import settings
    from django.core import mail
    from django.db.models.signals import post_save

    from outbox.models import OutboxEmail

    written: list[tuple[str, str]] = []

    def collect(sender, instance, **kwargs):
        written.extend((text, settings.SITE_URL) for text in (instance.subject, instance.body_text, instance.body_html))

    post_save.connect(collect, sender=OutboxEmail, dispatch_uid="tests.email-links")
    yield
    post_save.disconnect(sender=OutboxEmail, dispatch_uid="tests.email-links")
    sent = [
        (text, "")
        for message in getattr(mail, "outbox", [])
        for text in (message.subject, message.body, *(content for content, _type in message.alternatives))
    ]
    for text, site_url in written + sent:
        for forbidden in ("127.0.0.1", "localhost", ":8000"):
            assert forbidden not in text, f"an email holds {forbidden!r}: {text[:500]}"
        for url in re.findall(r"""href=["'](https?://[^"']+)""", text) if site_url else []:
            assert url == site_url or url.startswith(site_url + "/"), f"an email links to {url}, not {site_url}"


@pytest.fixture(autouse=True)
def _test_client_logins_pass_the_second_factor(request):
    """``client.force_login``/``client.login`` stand for a full sign-in: password and second factor, just now (so
    also a fresh re-authentication). Only the test client's own logins, which build a bare ``HttpRequest``; a
    login through a real view (a ``WSGIRequest``) still has to pass the second-factor step. Tests of two-step
    sign-in itself opt out with ``@pytest.mark.real_second_factor``."""
    if request.node.get_closest_marker("real_second_factor"):
        yield
        return
    import time

    from django.contrib.auth.signals import user_logged_in
    from django.http import HttpRequest

    from account_security.session import REAUTH_AT_KEY, VERIFIED_AT_KEY

    def pass_second_factor(sender, request, user, **kwargs):
        if type(request) is HttpRequest and hasattr(request, "session"):
            now = int(time.time())
            request.session["otp_device_id"] = "tests.client-login"
            request.session[VERIFIED_AT_KEY] = request.session[REAUTH_AT_KEY] = now

    user_logged_in.connect(pass_second_factor, dispatch_uid="tests.second-factor")
    yield
    user_logged_in.disconnect(dispatch_uid="tests.second-factor")


def pytest_collection_modifyitems(config, items):
    """A test with real transactions flushes every table when it ends (the data migrations' groups and sectors too),
    so on a shared xdist worker it must run alone: refuse one that is not marked ``serial``."""
    unmarked = [
        item.nodeid
        for item in items
        if (marker := item.get_closest_marker("django_db")) is not None
        and marker.kwargs.get("transaction")
        and item.get_closest_marker("serial") is None
    ]
    if unmarked:
        raise pytest.UsageError("mark these real-transaction tests @pytest.mark.serial: " + ", ".join(unmarked))
