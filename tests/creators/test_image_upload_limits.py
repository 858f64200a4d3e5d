"""Uploads through the public forms: a limit per network address, and bad files refused with nothing stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from wagtail.images import get_image_model

from creators.models import ImageUploadAttempt, ImpactCreatorProfile, User
from tests.creators.factories import creator_form_data, decide, make_moderator, png_upload, verify_and_log_in

pytestmark = pytest.mark.django_db

LIMIT_MESSAGE = {
    "en": "Too many images were uploaded from your network in the last hour. Please try again later.",
    "th": "มีการอัปโหลดรูปภาพจากเครือข่ายของท่านมากเกินไปในหนึ่งชั่วโมงที่ผ่านมา กรุณาลองใหม่ภายหลัง",
}


@pytest.fixture(autouse=True)
def own_media_roots(settings, tmp_path):
    """Folders of this test alone: "nothing stored" must not see files other test workers write meanwhile."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


def files_under(*roots) -> set[Path]:
    return {path for root in roots if Path(root).exists() for path in Path(root).rglob("*") if path.is_file()}


def stored_files() -> set[Path]:
    return files_under(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)


def register(client, n: int, upload, *, ip: str, prefix: str = ""):
    data = creator_form_data(email=f"upload{n}@example.org", logo=upload)
    return client.post(f"{prefix}/accounts/register/creator/", data, REMOTE_ADDR=ip)


@override_settings(IMAGE_UPLOAD_LIMIT_PER_HOUR=3)
@pytest.mark.parametrize("language", ["th", "en"])
def test_image_uploads_are_limited_per_address_with_a_clear_error_and_nothing_stored(client, language):
    prefix = "/en" if language == "en" else ""
    for n in range(3):
        assert register(client, n, png_upload(), ip="203.0.113.7", prefix=prefix).status_code == 302
    users, images, files = User.objects.count(), get_image_model().objects.count(), stored_files()
    assert len(files) == 3  # the three accepted logos, private until approved

    refused = register(client, 99, png_upload(), ip="203.0.113.7", prefix=prefix)

    assert refused.status_code == 200
    assert refused.context["form"].errors["logo"] == [LIMIT_MESSAGE[language]]
    assert (User.objects.count(), get_image_model().objects.count(), stored_files()) == (users, images, files)
    assert ImageUploadAttempt.objects.count() == 3  # the refused upload is not counted
    # Another address is not affected; the address itself is never stored in clear.
    assert register(client, 100, png_upload(), ip="198.51.100.9", prefix=prefix).status_code == 302
    assert not ImageUploadAttempt.objects.filter(client__contains="203.0.113").exists()


@override_settings(IMAGE_UPLOAD_LIMIT_PER_HOUR=1)
def test_the_limit_counts_in_the_database_and_a_form_without_an_image_is_not_limited(client):
    assert register(client, 1, png_upload(), ip="203.0.113.8").status_code == 302
    other_server = Client()  # another app server sees the same count: it lives in the database
    assert register(other_server, 2, png_upload(), ip="203.0.113.8").status_code == 200
    data = creator_form_data(email="no-logo@example.org")
    assert other_server.post("/accounts/register/creator/", data, REMOTE_ADDR="203.0.113.8").status_code == 302


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "The image is larger than 5 MB."), ("th", "รูปภาพมีขนาดใหญ่กว่า 5 MB")],
)
def test_a_60_mb_upload_is_refused_clearly_and_nothing_is_stored(client, language, message):
    before = stored_files()
    upload = SimpleUploadedFile("huge.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (60 * 1024 * 1024), "image/png")
    response = register(client, 1, upload, ip="203.0.113.9", prefix="/en" if language == "en" else "")
    assert response.status_code == 200
    assert response.context["form"].errors["logo"] == [message]
    assert not User.objects.exists() and not get_image_model().objects.exists()
    assert stored_files() == before


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This file is not an image we can read. Please upload a JPEG, PNG, WebP or GIF."),
        ("th", "ไฟล์นี้ไม่ใช่รูปภาพที่ระบบอ่านได้ กรุณาอัปโหลดไฟล์ JPEG, PNG, WebP หรือ GIF"),
    ],
)
def test_a_non_image_renamed_png_is_refused_clearly_and_nothing_is_stored(client, language, message):
    before = stored_files()
    upload = SimpleUploadedFile("logo.png", b"%PDF-1.7\n" + b"not a picture\n" * 200, "image/png")
    response = register(client, 1, upload, ip="203.0.113.10", prefix="/en" if language == "en" else "")
    assert response.status_code == 200
    assert response.context["form"].errors["logo"] == [message]
    assert not User.objects.exists() and not get_image_model().objects.exists()
    assert stored_files() == before


def test_an_edit_with_a_bad_logo_changes_nothing(client):
    assert register(client, 1, png_upload(), ip="203.0.113.11").status_code == 302
    verify_and_log_in(client, "upload1@example.org")  # confirms and submits; the password logs in
    profile = ImpactCreatorProfile.objects.get()
    decide(profile, make_moderator(), "reject", reason="โปรดแก้ไข")  # needs changes: the owner may edit
    images, files, revisions = get_image_model().objects.count(), stored_files(), profile.revisions.count()
    bad = SimpleUploadedFile("logo.png", b"GIF89a broken", "image/png")
    response = client.post("/accounts/profile/edit/", creator_form_data(email="upload1@example.org", logo=bad))
    assert response.status_code == 200 and "logo" in response.context["form"].errors
    assert (get_image_model().objects.count(), stored_files(), profile.revisions.count()) == (images, files, revisions)
