"""Issue 19 (1): a registrant's image is reachable only while a public profile shows it — every state × every surface.

Surfaces: Wagtail API v2 images (list with every field, detail, search, find), the portal API and public pages,
direct media URLs of the original and of any rendition (what the web server serves from MEDIA_ROOT), and a
rendition made on demand. Editors' images stay where they were (API, files).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client
from wagtail.images import get_image_model
from wagtail.images.shortcuts import get_rendition_or_not_found

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile, User
from privacy.deletion import account_delete_on_request, deletion_restore
from tests.creators.factories import (
    DEFAULT_PASSWORD,
    assessor_form_data,
    creator_form_data,
    decide,
    make_moderator,
    png_upload,
    verification_path,
    verify_and_log_in,
)
from tests.media_areas import area_files, area_size, in_area, served

# Every test twice: media in folders, and in S3 buckets on a moto server (tests/media_areas.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_backend")]

NAME_TH = "มูลนิธิภาพลับเฉพาะ"
NAME_EN = "Private Logo Foundation"


def stem(image) -> str:
    return Path(image.file.name).stem


def exposure(image) -> dict[str, bool]:
    """For each surface: does it reveal the image (its id, its title or its file)?"""
    anonymous = Client()
    image = get_image_model().objects.get(pk=image.pk)  # not refresh_from_db(): it re-reads a file's dimensions
    listing = anonymous.get("/api/v2/images/", {"fields": "*", "limit": 100}).json()
    searched = anonymous.get("/api/v2/images/", {"search": image.title, "fields": "*"})
    assert searched.status_code == 200, searched.content  # search must keep working, not fail closed
    public_text = "".join(
        anonymous.get(url).content.decode()
        for url in ("/api/portal/creators?limit=100", "/api/portal/assessors?limit=100", "/impact-creators/")
    )
    rendition = get_rendition_or_not_found(image, "max-240x240")  # what a page asking for it would get
    return {
        "api list": any(item["id"] == image.pk or item["title"] == image.title for item in listing["items"]),
        "api list file": stem(image) in json.dumps(listing),
        "api detail": anonymous.get(f"/api/v2/images/{image.pk}/").status_code == 200,
        "api search": stem(image) in searched.content.decode(),
        "api find": anonymous.get("/api/v2/images/find/", {"id": image.pk}).status_code in (200, 302),
        "portal and pages": stem(image) in public_text,
        "original url": served(image.file.url),
        "rendition made": rendition.file.name != "not-found" and served(rendition.file.url),
        "rendition urls": any(served(r.file.url) for r in image.renditions.all()),
    }


HIDDEN = dict.fromkeys(
    [
        "api list",
        "api list file",
        "api detail",
        "api search",
        "api find",
        "portal and pages",
        "original url",
        "rendition made",
        "rendition urls",
    ],
    False,
)


@dataclass
class Registrant:
    client: Client
    profile: ImpactCreatorProfile

    @property
    def logo(self):
        self.profile.refresh_from_db()
        return self.profile.logo

    def latest_logo(self):
        self.profile.refresh_from_db()
        return self.profile.get_latest_revision_as_object().logo


def register(email="private-logo@example.org", *, verify=True) -> Registrant:
    client = Client()
    data = creator_form_data(email=email, name_th=NAME_TH, name_en=NAME_EN, logo=png_upload("ours.png"))
    assert client.post("/accounts/register/creator/", data).status_code == 302
    if verify:
        verify_and_log_in(client, email)  # confirms and submits; the password logs in
    return Registrant(client=client, profile=ImpactCreatorProfile.objects.get(user__email=email))


def approved(moderator) -> Registrant:
    registrant = register()
    decide(registrant.profile, moderator, "approve")
    return registrant


def edit_with_new_logo(registrant: Registrant) -> None:
    data = creator_form_data(
        email="private-logo@example.org", name_th=NAME_TH, name_en=NAME_EN, logo=png_upload("newer.png")
    )
    assert registrant.client.post("/accounts/profile/edit/", data).status_code == 302


@pytest.fixture
def moderator():
    return make_moderator()


def _unverified(moderator):
    return register(verify=False).logo


def _pending(moderator):
    return register().logo


def _rejected(moderator):
    registrant = register()
    decide(registrant.profile, moderator, "reject", reason="โลโก้ไม่ชัดเจน")
    return registrant.logo


def _withdrawn(moderator):
    registrant = register()
    registrant.profile.refresh_from_db()
    registrant.profile.current_workflow_state.cancel(user=moderator)
    return registrant.logo


def _deleted_on_request(moderator):
    registrant = approved(moderator)
    logo = registrant.logo
    get_rendition_or_not_found(logo, "max-240x240")  # a rendition existed while it was public
    account_delete_on_request(
        profile=registrant.profile, reason="ขอลบ", channel="phone", requested_by="เจ้าของ", staff_user=moderator
    )
    return logo


def _new_logo_waiting_for_approval(moderator):
    registrant = approved(moderator)
    edit_with_new_logo(registrant)
    new = registrant.latest_logo()
    assert new.pk != registrant.logo.pk
    return new


def _replaced_by_a_newer_approved_logo(moderator):
    registrant = approved(moderator)
    old = registrant.logo
    get_rendition_or_not_found(old, "max-240x240")
    edit_with_new_logo(registrant)
    decide(registrant.profile, moderator, "approve")
    assert registrant.logo.pk != old.pk
    return old


@pytest.mark.parametrize(
    "state",
    [
        _unverified,
        _pending,
        _rejected,
        _withdrawn,
        _deleted_on_request,
        _new_logo_waiting_for_approval,
        _replaced_by_a_newer_approved_logo,
    ],
    ids=lambda state: state.__name__.strip("_"),
)
def test_an_image_no_public_profile_shows_is_reachable_nowhere(moderator, state):
    image = state(moderator)
    assert exposure(image) == HIDDEN


def test_an_approved_logo_is_public_through_the_portal_and_its_files_only(client, moderator):
    registrant = approved(moderator)
    logo = registrant.logo
    page = client.get(f"/creators/{registrant.profile.slug}/").content.decode()
    detail = client.get(f"/api/portal/creators/{registrant.profile.slug}").json()
    assert detail["logo_url"].endswith(logo.file.url) and served(logo.file.url)
    renditions = list(logo.renditions.all())  # made by the page (max-240x240) and its share image
    assert renditions and any(rendition.file.url in page for rendition in renditions)
    assert all(served(rendition.file.url) for rendition in renditions)
    # Registrants' images are no library material: the pages API never lists them, public or not.
    exposed = exposure(logo)
    assert exposed["original url"] and exposed["portal and pages"]
    assert not any(exposed[name] for name in ("api list", "api detail", "api search", "api find"))


def test_while_a_new_logo_waits_the_approved_one_stays_public(moderator):
    registrant = approved(moderator)
    old = registrant.logo
    edit_with_new_logo(registrant)
    assert served(old.file.url)
    detail = Client().get(f"/api/portal/creators/{registrant.profile.slug}").json()
    assert detail["logo_url"].endswith(old.file.url)
    new = registrant.latest_logo()
    decide(registrant.profile, moderator, "approve")
    assert served(new.file.url) and not served(old.file.url)


def test_a_pending_assessor_photo_is_reachable_nowhere(moderator):
    client = Client()
    data = assessor_form_data(email="photo@example.org", photo=png_upload("me.png"))
    assert client.post("/accounts/register/assessor/", data).status_code == 302
    client.post(verification_path("photo@example.org"))
    profile = ImpactAssessorProfile.objects.get(user__email="photo@example.org")
    assert exposure(profile.photo) == HIDDEN
    decide(profile, moderator, "approve")
    assert served(profile.photo.file.url)


def test_uploads_are_written_to_the_private_root_and_move_on_approval(moderator):
    registrant = register()
    logo = registrant.logo
    assert in_area("private", logo.file.name) and not in_area("default", logo.file.name)
    assert (logo.width, logo.height, logo.file_size) == (
        64,
        64,
        area_size("private", logo.file.name),
    ) and logo.file_hash
    decide(registrant.profile, moderator, "approve")
    assert in_area("default", logo.file.name) and not in_area("private", logo.file.name)


def test_restore_brings_back_the_approved_logo_and_keeps_a_waiting_one_private(moderator):
    registrant = approved(moderator)
    old = registrant.logo
    edit_with_new_logo(registrant)
    new = registrant.latest_logo()
    record = account_delete_on_request(
        profile=registrant.profile, reason="ขอลบ", channel="phone", requested_by="เจ้าของ", staff_user=moderator
    )
    assert {old.file.name, new.file.name} <= area_files("quarantine")
    assert not {old.file.name, new.file.name} & (area_files("default") | area_files("private"))
    deletion_restore(record=record, staff_user=moderator)
    assert served(old.file.url) and not in_area("quarantine", old.file.name)
    assert not served(new.file.url) and in_area("private", new.file.name)


def test_erasing_an_account_removes_private_files_too(django_capture_on_commit_callbacks):
    from privacy.erasure import account_erase

    registrant = register()
    name = registrant.logo.file.name
    assert in_area("private", name)
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail deletes image files after the commit
        account_erase(user=User.objects.get(pk=registrant.profile.user_id))
    assert not in_area("private", name) and not in_area("default", name)


def _run_migration_0008():
    from importlib import import_module

    from django.apps import apps

    import_module("creators.migrations.0008_private_registrant_images").forwards(apps, None)


def _run_sync_command():
    from django.core.management import call_command

    call_command("sync_private_media", stdout=io.StringIO())


@pytest.mark.parametrize("upgrade", [_run_migration_0008, _run_sync_command], ids=["migration", "command"])
def test_an_upgrade_hides_what_an_old_site_left_public(moderator, upgrade):
    """Before this change uploads went straight to MEDIA_ROOT: migration 0008 (and the command) move them."""
    from creators.private_media import show_files

    waiting = register(email="old-site@example.org")
    shown = approved(moderator)
    for image in (waiting.logo, shown.logo):
        show_files([image.file.name])  # as an old site stored them
    assert served(waiting.logo.file.url)
    upgrade()
    assert not served(waiting.logo.file.url)
    assert served(shown.logo.file.url)


# --- editors' images and documents stay public ------------------------------------------------------------------


def _editor(email="editor@example.org"):
    from django.contrib.auth.models import Group

    editor = User.objects.create_user(email=email, password=DEFAULT_PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


def editor_image(editor):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.models import Collection

    image = get_image_model()(
        title="Homepage cover", collection=Collection.get_first_root_node(), uploaded_by_user=editor
    )
    image.file.save("cover.png", SimpleUploadedFile("cover.png", png_upload().read()), save=False)
    image.save()
    return image


def test_editors_images_stay_in_the_api_and_their_files_are_served():
    image = editor_image(_editor())
    exposed = exposure(image)
    assert exposed == {**dict.fromkeys(HIDDEN, True), "api list file": True, "portal and pages": False}, exposed


def _document(owner, title):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    document = get_document_model()(title=title, collection=Collection.get_first_root_node(), uploaded_by_user=owner)
    document.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


def test_a_registrants_document_is_in_no_api_and_never_served(client):
    registrant = register()
    owned = _document(User.objects.get(pk=registrant.profile.user_id), "registrant-statement")
    editors = _document(_editor(), "annual-report")
    listing = json.dumps(client.get("/api/v2/documents/", {"fields": "*"}).json())
    assert "annual-report" in listing and "registrant-statement" not in listing
    assert client.get(f"/api/v2/documents/{owned.pk}/").status_code == 404
    assert client.get(f"/documents/{owned.pk}/{owned.filename}").status_code == 404
    assert client.get(f"/documents/{editors.pk}/{editors.filename}").status_code == 200
