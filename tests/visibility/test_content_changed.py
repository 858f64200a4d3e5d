"""#20 step 5: one signal says public content changed, with the objects it changed."""

import pytest

from creators.models import User
from tests.privacy.deletion_helpers import make_account, make_live_report
from visibility.signals import announce, content_changed, stored_visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    received = []

    def listener(sender=None, objects=(), **kwargs):
        received.append(tuple(objects))

    content_changed.connect(listener, dispatch_uid="tests.visibility.listener")
    yield received
    content_changed.disconnect(dispatch_uid="tests.visibility.listener")


def test_publishing_a_report_is_announced_once_with_that_report(heard):
    owner = User.objects.create_user(email="owner-visibility@example.org", password="x-owner-password-1")
    report = make_live_report(owner, slug="visibility-report")
    heard.clear()

    report.title_th = "โครงการแก้ไขแล้ว"
    report.save_revision().publish()

    assert [objects for objects in heard if report in objects] == [(report,)]


def test_a_save_that_leaves_live_and_deleted_at_alone_announces_nothing(heard):
    account = make_account()
    heard.clear()

    account.profile.name_en = "Renamed in place"
    account.profile.save(update_fields=["name_en"])

    assert heard == []
    assert stored_visibility(account.profile) is None


def test_hiding_a_profile_by_a_save_is_announced_with_its_state_before(heard):
    account = make_account()
    heard.clear()
    profile = account.profile
    profile.refresh_from_db()  # publish() saved a copy: the instance in memory is stale
    was_live = profile.live

    profile.live = not was_live
    profile.save(update_fields=["live"])

    assert heard == [(profile,)]
    assert stored_visibility(profile) == {"live": was_live, "deleted_at": None}


def test_announce_without_objects_reaches_every_listener_as_anything_changed(heard):
    announce()
    assert heard == [()]
