"""The platform's phone numbers come from the editable contact settings everywhere they are shown: the dashboard's
delete-by-phone help, the deletion email, the 400 and 500 pages (which read the last numbers from the cache, never
the database) — not from numbers written into templates or code."""

from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory
from wagtail.models import Site

from portal.contact import LAST_PHONES_KEY
from portal.models import ContactSettings
from portal.views import bad_request, server_error
from tests.creators.factories import decide
from tests.privacy.deletion_helpers import make_account, make_staff
from tests.privacy.test_deletion import delete_account
from tests.privacy.test_self_delete import moderator, register_and_verify  # noqa: F401  (moderator: a fixture)

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]
SEED_NUMBERS = ("090-669-3961", "089-680-1233")
NEW = ("02-111-2222", "02-333-4444")


@pytest.fixture
def new_numbers():
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.phone_primary, contact.phone_secondary = NEW
    contact.save()
    cache.clear()  # what a deploy's empty cache holds; the save also moves the public-content version
    return NEW


def test_no_template_or_code_holds_the_seed_numbers():
    # Only the initial content (the settings' first values) and the seed FAQ text may say them.
    allowed = {REPO / "portal" / "initial_content.py"}
    found = []
    for folder in ("templates", "portal", "creators", "reports", "moderation", "faq", "search", "account_security"):
        for path in (REPO / folder).rglob("*"):
            if path.suffix in {".py", ".html", ".txt"} and path not in allowed and "migrations" not in path.parts:
                text = path.read_text(encoding="utf-8")
                found += [f"{path.relative_to(REPO)}: {n}" for n in SEED_NUMBERS if n in text]
    assert found == []


def test_the_dashboard_says_the_numbers_of_the_settings(client, new_numbers, moderator):  # noqa: F811
    profile = register_and_verify(client)
    decide(profile, moderator, "approve")
    client.force_login(profile.user)
    page = client.get("/accounts/").content.decode()
    assert "กรุณาโทร 02-111-2222 หรือ 02-333-4444" in page and SEED_NUMBERS[0] not in page
    english = client.get("/en/accounts/").content.decode()
    assert "please call 02-111-2222 or 02-333-4444" in english


def test_the_deletion_email_gives_the_numbers_of_the_settings(new_numbers, django_capture_on_commit_callbacks):
    account, staff = make_account(), make_staff()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(account, staff)
    message = next(m for m in mail.outbox if m.to == [account.user.email])
    assert "02-111-2222, 02-333-4444" in message.body and SEED_NUMBERS[0] not in message.body
    html = message.alternatives[0][0] if message.alternatives else ""
    assert not html or "02-111-2222" in html


@pytest.mark.parametrize("handler", [server_error, bad_request])
def test_error_pages_give_the_numbers_the_site_showed_last_without_the_database(
    client, new_numbers, handler, django_assert_num_queries
):
    assert client.get("/contact/").status_code == 200  # any page that shows the contact details
    assert cache.get(LAST_PHONES_KEY) == list(NEW)
    with django_assert_num_queries(0):
        response = handler(RequestFactory().get("/x/"))
    text = response.content.decode()
    assert "กรุณาโทร 02-111-2222 หรือ 02-333-4444" in text and SEED_NUMBERS[0] not in text


def test_error_pages_without_known_numbers_point_to_contact(settings):
    cache.delete(LAST_PHONES_KEY)
    text = server_error(RequestFactory().get("/en/x/")).content.decode()
    assert "If it keeps happening, please contact us." in text
