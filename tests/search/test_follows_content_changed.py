"""#20 step 5: the search index follows the one "public content changed" signal, and only it."""

from __future__ import annotations

import pytest
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone
from wagtail.actions.unpublish import UnpublishAction
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from creators.models import User
from privacy.deletion import account_delete_on_request, deletion_restore
from reports.models import ImpactReport
from search.models import Kind, SearchDocument, SearchPosting
from taxonomy.models import SdgIndicator
from tests.privacy.deletion_helpers import make_staff
from tests.search.factories import make_creator, make_report
from visibility.signals import announce, content_changed

pytestmark = pytest.mark.django_db

ELDERLY = "โครงการพัฒนาทักษะอาชีพให้ผู้สูงอายุในชุมชนเชียงใหม่"


@pytest.fixture
def heard():
    received = []

    def listener(sender=None, objects=(), **kwargs):
        received.append(tuple(objects))

    content_changed.connect(listener, dispatch_uid="tests.search.listener")
    yield received
    content_changed.disconnect(dispatch_uid="tests.search.listener")


def index_rows(kind: str, object_id: int) -> int:
    return (
        SearchPosting.objects.filter(kind=kind, object_id=object_id).count()
        + SearchDocument.objects.filter(kind=kind, object_id=object_id).count()
    )


def _receivers(signal) -> list:
    found = []
    for entry in signal.receivers:
        receiver = entry[1]
        receiver = (
            receiver()
            if callable(receiver) and type(receiver).__name__ in ("ReferenceType", "WeakMethod")
            else receiver
        )
        found.append(receiver)
    return found


def test_search_listens_to_nothing_but_the_one_signal():
    for signal in (
        pre_save,
        post_save,
        post_delete,
        published,
        unpublished,
        page_published,
        page_unpublished,
        post_page_move,
    ):
        modules = {getattr(receiver, "__module__", "") for receiver in _receivers(signal)}
        assert not {module for module in modules if module.startswith("search")}, signal
    assert "search.signals" in {getattr(receiver, "__module__", "") for receiver in _receivers(content_changed)}


def test_a_first_publish_is_announced_once_and_indexed(heard):
    report = make_report("first-publish", title_th=ELDERLY, live=False)
    assert index_rows(Kind.REPORT, report.pk) == 0
    heard.clear()

    report.save_revision().publish()

    assert [objects for objects in heard if any(isinstance(obj, ImpactReport) for obj in objects)] == [(report,)]
    assert index_rows(Kind.REPORT, report.pk) > 0


def test_an_unpublish_is_announced_once_and_leaves_the_index(heard):
    report = make_report("unpublished-once", title_th=ELDERLY)
    heard.clear()

    UnpublishAction(report).execute(skip_permission_checks=True)

    assert [objects for objects in heard if any(isinstance(obj, ImpactReport) for obj in objects)] == [(report,)]
    assert index_rows(Kind.REPORT, report.pk) == 0


def test_a_later_save_and_publish_of_the_same_instance_is_announced_again(heard):
    report = make_report("twice", title_th=ELDERLY, live=False)
    report.save_revision().publish()
    heard.clear()

    report.title_th = "โครงการน้ำสะอาดเพื่อชุมชน"
    report.save_revision().publish()

    assert [objects for objects in heard if report in objects] == [(report,)]
    assert SearchDocument.objects.get(kind=Kind.REPORT, object_id=report.pk).title.startswith("โครงการน้ำสะอาด")


def test_the_index_follows_the_database_not_the_announced_instance():
    """An instance announced after an UPDATE (no signal) is re-read: hidden in the database, out of the index."""
    report = make_report("stale-instance", title_th=ELDERLY)
    ImpactReport.objects.filter(pk=report.pk).update(deleted_at=timezone.now())
    assert report.deleted_at is None and index_rows(Kind.REPORT, report.pk) > 0

    announce(report)

    assert index_rows(Kind.REPORT, report.pk) == 0


def test_an_account_deleted_on_request_takes_its_reports_out_and_restore_brings_them_back():
    creator = make_creator("deleted-account", name_th="มูลนิธิลบตามคำขอ", description=ELDERLY)
    report = make_report("deleted-account-report", title_th=ELDERLY, owner=creator.user)
    record = account_delete_on_request(
        profile=creator, reason="เจ้าของขอ", channel="email", requested_by="owner", staff_user=make_staff()
    )
    assert index_rows(Kind.CREATOR, creator.pk) == 0
    assert index_rows(Kind.REPORT, report.pk) == 0

    deletion_restore(record=record, staff_user=User.objects.get(email="staff@example.org"))

    assert index_rows(Kind.CREATOR, creator.pk) > 0
    assert index_rows(Kind.REPORT, report.pk) > 0


def test_an_editor_renaming_an_sdg_indicator_renames_it_in_the_index():
    indicator = SdgIndicator.objects.order_by("pk").first()
    indicator.name_th = "ตัวชี้วัดที่เปลี่ยนชื่อใหม่"
    indicator.save()

    assert "ตัวชี้วัดที่เปลี่ยนชื่อใหม่" in SearchDocument.objects.get(kind=Kind.INDICATOR, object_id=indicator.pk).title


def test_a_moved_page_is_found_at_its_new_address(th_home):
    from portal.models import ContentPage

    first, second = ContentPage(title="หมวดแรก", slug="section-one"), ContentPage(title="หมวดสอง", slug="section-two")
    for section in (first, second):
        th_home.add_child(instance=section)
        section.save_revision().publish()
    leaf = ContentPage(title="เรื่องที่ย้าย", slug="moved-story")
    first.add_child(instance=leaf)
    leaf.save_revision().publish()
    assert SearchDocument.objects.get(kind=Kind.PAGE, object_id=leaf.pk).url.endswith("/section-one/moved-story/")

    leaf.move(second, pos="last-child")

    assert SearchDocument.objects.get(kind=Kind.PAGE, object_id=leaf.pk).url.endswith("/section-two/moved-story/")


def test_a_question_dropped_from_the_faq_page_leaves_the_index(faq_page_th):
    items = list(faq_page_th.items.all())
    dropped = items[0]
    assert index_rows(Kind.FAQ, dropped.pk) > 0

    faq_page_th.items = items[1:]
    faq_page_th.save_revision().publish()

    assert index_rows(Kind.FAQ, dropped.pk) == 0
    assert index_rows(Kind.FAQ, items[1].pk) > 0
