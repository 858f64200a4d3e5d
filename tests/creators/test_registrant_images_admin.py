"""Issue 22 (8): registrants' logos stay out of the editors' image library; moderators see them on the profile."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from creators.admin_images import URL_NAME
from creators.models import ImpactCreatorProfile, User
from tests.creators.factories import creator_form_data, decide, make_moderator, png_upload, verification_path
from tests.creators.test_media_privacy import editor_image

# Every test twice: media in folders, and in S3 buckets on a moto server (tests/media_areas.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_backend")]


def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


_serial = itertools.count(1)


def editor() -> User:
    user = User.objects.create_user(email=f"editor-library{next(_serial)}@example.org", password="x" * 12)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def pending():
    client = Client()
    client.post(
        "/accounts/register/creator/", creator_form_data(name_en="Library Hidden Foundation", logo=png_upload())
    )
    client.post(verification_path("somchai@example.org"))
    return ImpactCreatorProfile.objects.get()


@pytest.mark.parametrize("who", ["editor", "moderator", "superuser"])
def test_registrants_images_are_not_in_the_image_library_or_the_chooser(pending, who):
    user = {
        "editor": editor,
        "moderator": make_moderator,
        "superuser": lambda: User.objects.create_superuser(email="root@example.org", password="x" * 12),
    }[who]()
    ours = editor_image(editor() if who != "editor" else user)
    client = admin_client(user)
    logo = pending.logo
    for url in (
        "/admin/images/",
        "/admin/images/?q=Library",
        "/admin/images/chooser/",
        "/admin/images/chooser/results/",
    ):
        page = client.get(url).content.decode()
        assert logo.title not in page and logo.file.name.rsplit("/", 1)[-1].split(".")[0] not in page, url
    if who != "moderator":  # moderators have no image library at all
        assert ours.title in client.get("/admin/images/").content.decode()
    edit = client.get(f"/admin/images/{logo.pk}/")
    assert edit.status_code in (302, 403) or "permission" in edit.content.decode().lower()


def test_the_collection_of_registrants_uploads_is_not_offered_for_uploads(pending):
    page = admin_client(editor()).get("/admin/images/multiple/add/").content.decode()
    assert "Registrant uploads" not in page


def test_a_moderator_sees_the_pending_logo_when_reviewing_the_profile(pending):
    moderator = make_moderator()
    client = admin_client(moderator)
    url = reverse(URL_NAME, args=[pending.logo.pk])
    edit = client.get(reverse("wagtailsnippets_creators_impactcreatorprofile:edit", args=[pending.pk]))
    assert edit.status_code == 200 and url in edit.content.decode()
    image = client.get(url)
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert b"".join(image.streaming_content)[:3] == b"\xff\xd8\xff"
    assert {"private", "no-store"} <= {part.strip() for part in image["Cache-Control"].split(",")}


def test_a_moderator_sees_the_new_logo_of_an_approved_profile_waiting_for_approval(pending):
    moderator = make_moderator()
    decide(pending, moderator, "approve")
    owner = Client()
    owner.force_login(pending.user)
    data = creator_form_data(name_en="Library Hidden Foundation", logo=png_upload("newer.png"))
    assert owner.post("/accounts/profile/edit/", data).status_code == 302
    pending.refresh_from_db()
    new = pending.get_latest_revision_as_object().logo
    edit = admin_client(moderator).get(reverse("wagtailsnippets_creators_impactcreatorprofile:edit", args=[pending.pk]))
    assert reverse(URL_NAME, args=[new.pk]) in edit.content.decode()


def test_only_moderating_staff_may_open_a_registrants_image(pending):
    url = reverse(URL_NAME, args=[pending.logo.pk])
    assert Client().get(url).status_code == 302  # to the admin login
    assert admin_client(editor()).get(url).status_code in (302, 403)
    assert admin_client(pending.user).get(url).status_code in (302, 403)  # the registrant never enters the admin
    own = editor_image(editor())
    assert admin_client(make_moderator()).get(reverse(URL_NAME, args=[own.pk])).status_code == 404
