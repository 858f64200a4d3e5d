"""Enumeration by timing at registration (issue 19.3): an already registered address costs the same work.

Before: an existing address answered in 91 ms (no password hash, no rows), a new one in 262 ms. Now both hash
the password and write the same rows (the existing address's under a throwaway address, rolled back), and both
hand one email to the outbox. Timing itself is measured by bench/registration_timing_bench.py.
"""

import re
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Revision

from creators.models import ConsentRecord, ImpactCreatorProfile, User
from outbox.models import OutboxEmail
from tests.creators.factories import creator_form_data, png_upload

pytestmark = pytest.mark.django_db

EMAIL = "somchai@example.org"
_INSERT = re.compile(r'^INSERT INTO "?(\w+)"?', re.IGNORECASE)


def written_tables(queries) -> Counter:
    return Counter(m.group(1) for q in queries if (m := _INSERT.match(q["sql"])))


def stored_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def register(client, n: int, email: str):
    data = creator_form_data(email=email, name_en=f"Foundation {n}", contact_email=f"c{n}@example.org")
    with (
        CaptureQueriesContext(connection) as queries,
        mock.patch.object(MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode) as hashed,
    ):
        response = client.post("/accounts/register/creator/", {**data, "logo": png_upload()})
    assert response.status_code == 302 and response["Location"] == "/accounts/register/check-email/"
    return written_tables(queries), hashed.call_count


def test_an_existing_address_writes_the_same_rows_and_hashes_the_password_like_a_new_one(client):
    client.post("/accounts/register/creator/", {**creator_form_data(), "logo": png_upload()})
    User.objects.update(date_joined="2026-01-01T00:00:00+07:00")  # not a double-click: the owner gets a notice

    new_rows, new_hashes = register(client, 1, "new-person@example.org")
    counts = {model: model.objects.count() for model in (User, ImpactCreatorProfile, ConsentRecord, Revision)}
    images, files = get_image_model().objects.count(), stored_files()

    existing_rows, existing_hashes = register(client, 2, "SomChai@Example.org")
    assert new_hashes == existing_hashes == 1
    assert existing_rows == new_rows
    assert {"creators_user", "creators_impactcreatorprofile", "creators_consentrecord", "wagtailcore_revision",
            "wagtailimages_image", "moderation_outboxemail"} <= set(new_rows)  # fmt: skip

    # ... and none of the rehearsal is left: no rows, no image, no file; one notice to the owner.
    assert {model: model.objects.count() for model in counts} == counts
    assert get_image_model().objects.count() == images and stored_files() == files
    notice = OutboxEmail.objects.get(key__startswith="duplicate-registration:")
    assert notice.to == EMAIL and notice.language == "th"
    assert not User.objects.filter(email__endswith=".invalid").exists()


def test_the_notice_for_an_existing_address_is_in_the_owners_language(client):
    client.post("/en/accounts/register/creator/", creator_form_data())
    User.objects.update(date_joined="2026-01-01T00:00:00+07:00")
    client.post("/accounts/register/creator/", creator_form_data(name_th="องค์กรอื่น"))  # typed on the Thai page
    notice = OutboxEmail.objects.get(key__startswith="duplicate-registration:")
    assert notice.language == "en" and "Someone tried to register with your email address" in notice.subject
    assert "/en/accounts/password/reset/" in notice.body_text
