"""Finer page-cache invalidation (portal/page_tags.py): one report or profile changing expires the pages that
show it and keeps the FAQ, the static pages and other organisations' pages cached, with the local cache and
with Redis configured as production configures it."""

from __future__ import annotations

import uuid

import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.actions.unpublish import UnpublishAction

from privacy.deletion import deletion_restore, report_delete_on_request
from tests.portal.test_cache_outage import REDIS_TEST_URL, _redis_answers, production_caches
from tests.portal.test_directory_api import make_creator, make_report
from tests.privacy.deletion_helpers import make_staff
from visibility.signals import public_content_changed

pytestmark = pytest.mark.django_db

FAQ, ABOUT = "/faq/", "/about/"
KEPT = [FAQ, ABOUT, "/en/faq/", "/creators/org-b/"]
EXPIRED = ["/impact-reports/", "/reports/report-a/", "/creators/org-a/", "/", "/impact-creators/"]


@pytest.fixture(params=["local", "redis"])
def any_cache(request):
    if request.param == "local":
        cache.clear()
        yield
        return
    assert _redis_answers(REDIS_TEST_URL), f"no Redis at {REDIS_TEST_URL} (set REDIS_TEST_URL)"
    with override_settings(CACHES=production_caches(REDIS_TEST_URL, f"tags-{uuid.uuid4().hex[:8]}")):
        cache.clear()
        yield
        cache.clear()


@pytest.fixture
def two_organisations():
    org_a = make_creator("org-a", sdgs=[1])
    org_b = make_creator("org-b", sdgs=[1])
    report_a = make_report("report-a", owner=org_a.user)
    make_report("report-b", owner=org_b.user)
    return org_a, org_b, report_a


def warm_all(client, paths) -> None:
    for path in paths:
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit", path


def assert_served_from_cache(client, paths, django_assert_num_queries) -> None:
    for path in paths:
        with django_assert_num_queries(0):
            assert client.get(path)["X-Page-Cache"] == "hit", path


def assert_rendered_again(client, paths) -> None:
    for path in paths:
        assert client.get(path).get("X-Page-Cache") != "hit", path


def test_publishing_a_report_keeps_the_faq_and_other_organisations_cached(
    client, any_cache, two_organisations, django_assert_num_queries, django_capture_on_commit_callbacks
):
    _org_a, _org_b, report_a = two_organisations
    warm_all(client, KEPT + EXPIRED)
    report_a.refresh_from_db()
    report_a.title_th = "โครงการแก้ไขแล้ว"
    with django_capture_on_commit_callbacks(execute=True):
        report_a.save_revision().publish()
    assert_served_from_cache(client, KEPT, django_assert_num_queries)
    assert_rendered_again(client, EXPIRED)
    assert "โครงการแก้ไขแล้ว" in client.get("/creators/org-a/").content.decode()


def test_a_new_report_going_live_expires_its_owner_and_the_listing_only(
    client, any_cache, two_organisations, django_assert_num_queries
):
    org_a, _org_b, _report_a = two_organisations
    warm_all(client, KEPT + EXPIRED)
    make_report("report-new", owner=org_a.user)
    assert_served_from_cache(client, KEPT, django_assert_num_queries)
    assert "report-new" in client.get("/impact-reports/").content.decode()
    assert "report-new" in client.get("/creators/org-a/").content.decode()


def test_delete_on_request_and_restore_of_a_report_expire_what_shows_it_and_nothing_else(
    client, any_cache, two_organisations, django_assert_num_queries, django_capture_on_commit_callbacks
):
    _org_a, _org_b, report_a = two_organisations
    warm_all(client, KEPT + EXPIRED)
    staff = make_staff()
    with django_capture_on_commit_callbacks(execute=True):
        record = report_delete_on_request(
            report=report_a, reason="ขอลบ", channel="phone", requested_by="เจ้าของ", staff_user=staff
        )
    assert_served_from_cache(client, KEPT, django_assert_num_queries)
    assert client.get("/reports/report-a/").status_code == 404  # nothing stale after delete on request
    assert "report-a" not in client.get("/impact-reports/").content.decode()
    assert "report-a" not in client.get("/creators/org-a/").content.decode()

    warm_all(client, ["/impact-reports/", "/creators/org-a/"])
    with django_capture_on_commit_callbacks(execute=True):
        deletion_restore(record=record, staff_user=staff)
    assert_served_from_cache(client, KEPT, django_assert_num_queries)
    assert client.get("/reports/report-a/").status_code == 200
    assert "report-a" in client.get("/impact-reports/").content.decode()
    assert "report-a" in client.get("/creators/org-a/").content.decode()


def test_unpublishing_a_profile_keeps_the_faq_and_other_profiles_cached(
    client, any_cache, two_organisations, django_assert_num_queries
):
    org_a, _org_b, _report_a = two_organisations
    warm_all(client, KEPT + EXPIRED)
    org_a.refresh_from_db()
    UnpublishAction(org_a, user=None).execute(skip_permission_checks=True)
    assert_served_from_cache(client, KEPT, django_assert_num_queries)
    assert client.get("/creators/org-a/").status_code == 404
    assert "org-a" not in client.get("/impact-creators/").content.decode()


def test_a_change_without_an_object_still_expires_every_page(client, any_cache, two_organisations):
    warm_all(client, KEPT + EXPIRED)
    public_content_changed()
    assert_rendered_again(client, KEPT + EXPIRED)


def test_a_page_rendered_while_a_change_moved_the_version_is_not_stored(client, any_cache, monkeypatch):
    """A change committed during rendering moves the version first: the body may hold old rows."""
    from portal import page_cache

    real = page_cache.tag_versions

    def change_meanwhile(tags):
        public_content_changed()  # as if another request committed a change while this page rendered
        return real(tags)

    monkeypatch.setattr(page_cache, "tag_versions", change_meanwhile)
    client.get(FAQ)
    monkeypatch.setattr(page_cache, "tag_versions", real)
    assert client.get(FAQ)["X-Page-Cache"] == "miss"
