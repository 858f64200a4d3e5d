"""Moving files between the public, private and quarantine areas, on folders and on S3 buckets (moto server)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages

from media_store import areas
from tests.media_areas import area_files, on_s3

pytestmark = pytest.mark.usefixtures("media_backend", "_own_folders")


@pytest.fixture
def _own_folders(settings, tmp_path):
    """Empty folders for each test (S3 runs get fresh buckets from ``media_backend``)."""
    for setting in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "DELETION_QUARANTINE_ROOT"):
        setattr(settings, setting, tmp_path / setting.lower())


def _put(alias: str, name: str, data: bytes = b"logo bytes") -> str:
    return storages[alias].save(name, ContentFile(data))


def test_a_file_moves_between_areas_keeping_its_name_and_bytes(media_backend):
    assert on_s3() == (media_backend == "s3")
    name = _put("private", "original_images/move-me.png")
    assert areas.move(name, source=areas.PRIVATE, target=areas.PUBLIC)
    assert name in area_files("default") and name not in area_files("private")
    assert areas.move(name, source=areas.PUBLIC, target=areas.QUARANTINE)
    assert (name in area_files("quarantine"), name in area_files("default")) == (True, False)
    assert storages["quarantine"].open(name, "rb").read() == b"logo bytes"
    assert not areas.move(name, source=areas.PUBLIC, target=areas.QUARANTINE)  # a rerun: nothing left to move


def test_a_move_cut_off_after_the_copy_finishes_on_the_rerun():
    name = _put("default", "original_images/half-moved.png", b"new")
    _put("quarantine", name, b"new")  # the copy landed, the delete did not (a crash in between)
    areas.move(name, source=areas.PUBLIC, target=areas.QUARANTINE)
    assert name not in area_files("default") and name in area_files("quarantine")
    assert storages["quarantine"].open(name, "rb").read() == b"new"


def test_a_name_held_in_the_private_area_is_never_reused_in_public():
    name = _put("private", "original_images/taken.png")
    assert default_storage.exists(name) and not areas.holds(areas.PUBLIC, name)
    assert default_storage.get_available_name(name) != name


def test_erase_removes_a_file_from_every_area_and_deleting_public_removes_private_too():
    names = [_put(alias, f"original_images/erase-{alias}.png") for alias in ("default", "private", "quarantine")]
    areas.erase(names)
    assert not set(names) & (area_files("default") | area_files("private") | area_files("quarantine"))
    name = _put("private", "original_images/wagtail-delete.png")
    default_storage.delete(name)  # what Wagtail does when an image row is deleted
    assert name not in area_files("private")


def test_private_and_quarantined_files_have_no_public_address():
    name = _put("private", "original_images/no-url.png")
    if on_s3():
        public = storages["default"].url(name)
        assert storages["default"].querystring_auth is False and "Signature" not in public
        for alias in ("private", "quarantine"):  # signed, short-lived, and for another bucket than the public one
            url = storages[alias].url(name)
            assert "Signature" in url and storages[alias].bucket_name not in public
    else:
        for alias in ("private", "quarantine"):
            with pytest.raises(ValueError, match="never served"):
                storages[alias].url(name)
