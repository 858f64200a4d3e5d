"""The whole-page cache for anonymous visitors (portal/page_cache.py) and its invalidation (portal/signals.py)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import timezone
from wagtail.actions.unpublish import UnpublishAction

from portal.models import HomePage
from portal.page_cache import AnonymousPageCacheMiddleware
from tests.portal.test_directory_api import make_assessor, make_creator, make_report, make_user
from visibility.signals import public_content_changed

pytestmark = pytest.mark.django_db

CREATORS = "/impact-creators/"


def warm(client, path: str):
    first = client.get(path)
    assert first.status_code == 200, (path, first.status_code)
    assert first["X-Page-Cache"] == "miss", path
    return first


@pytest.fixture
def published_entries():
    creator = make_creator("green-village", sdgs=[1])
    assessor = make_assessor("fair-assessor")
    report = make_report("clean-river", owner=creator.user)
    return creator, assessor, report


PUBLIC_PAGES = [
    "/",
    "/en/",
    "/about/",
    "/faq/",
    "/en/faq/",
    CREATORS,
    "/impact-assessors/?page=2",
    "/impact-reports/?sort=sroi_ratio&province=chiang-mai",
    "/creators/green-village/",
    "/en/assessors/fair-assessor/",
    "/reports/clean-river/",
    "/analyst/benchmarks/",
    "/sitemap.xml",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_second_anonymous_request_is_served_without_a_query(
    client, published_entries, path, django_assert_num_queries
):
    first = warm(client, path)
    with django_assert_num_queries(0):
        second = client.get(path)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "public" in second["Cache-Control"] and "max-age=" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]


def test_the_csp_header_is_replayed_with_the_body_it_was_sent_with(client):
    first = warm(client, "/faq/")
    second = client.get("/faq/")
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce-" not in second["Content-Security-Policy"]  # a replayed nonce would be a known one
    assert second["X-Frame-Options"] == "DENY"


def test_head_is_answered_from_the_cache(client, django_assert_num_queries):
    warm(client, "/about/")
    with django_assert_num_queries(0):
        response = client.head("/about/")
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit" and response.content == b""


def test_query_strings_and_languages_are_distinct_keys(client, published_entries):
    make_creator("bangkok-org", province="bangkok")
    everyone = warm(client, CREATORS).content.decode()
    in_bangkok = warm(client, f"{CREATORS}?province=bangkok").content.decode()
    assert "bangkok-org" in everyone and "green-village" in everyone
    assert "bangkok-org" in in_bangkok and "green-village" not in in_bangkok
    assert warm(client, f"/en{CREATORS}").content != everyone.encode()
    assert client.get(f"{CREATORS}?province=bangkok").content.decode() == in_bangkok


def test_a_logged_in_user_is_never_served_the_cached_page_nor_fills_it(client):
    user = make_user()
    anonymous = warm(client, "/about/")
    client.force_login(user)
    personal = client.get("/about/")
    assert "X-Page-Cache" not in personal
    assert personal.content != anonymous.content  # the header shows the account menu and a logout form
    assert "no-store" in personal["Cache-Control"] and "private" in personal["Cache-Control"]
    client.logout()
    assert client.get("/about/").content == anonymous.content


def test_an_anonymous_visitor_with_a_session_cookie_still_gets_the_cached_page(client):
    warm(client, "/about/")
    session = SessionStore()
    session["seen"] = True
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert client.get("/about/")["X-Page-Cache"] == "hit"


def test_publish_unpublish_and_delete_on_request_invalidate(client):
    creator = make_creator("river-guardians")
    assert "river-guardians" in warm(client, CREATORS).content.decode()
    warm(client, "/creators/river-guardians/")

    creator.refresh_from_db()  # publish() worked on the revision's copy
    UnpublishAction(creator, user=None).execute(skip_permission_checks=True)
    assert "river-guardians" not in warm(client, CREATORS).content.decode()
    assert client.get("/creators/river-guardians/").status_code == 404

    creator.refresh_from_db()
    creator.save_revision().publish()
    assert "river-guardians" in warm(client, CREATORS).content.decode()

    creator.refresh_from_db()
    creator.deleted_at = timezone.now()
    creator.save(update_fields=["deleted_at"])
    assert "river-guardians" not in warm(client, CREATORS).content.decode()

    creator.deleted_at = None  # restored on request
    creator.save(update_fields=["deleted_at"])
    assert "river-guardians" in warm(client, CREATORS).content.decode()


def test_a_report_delete_and_an_editors_page_edit_invalidate(client):
    report = make_report("school-garden")
    assert "school-garden" in warm(client, "/impact-reports/").content.decode()
    report.delete()
    assert "school-garden" not in warm(client, "/impact-reports/").content.decode()

    warm(client, "/")
    home = HomePage.objects.get(locale__language_code="th")
    home.title = "หน้าแรกที่แก้ไขแล้ว"
    home.save_revision().publish()
    assert "หน้าแรกที่แก้ไขแล้ว" in warm(client, "/").content.decode()


def test_saving_a_live_profile_without_a_visibility_change_keeps_the_cache(client):
    creator = make_creator("steady-org")
    warm(client, CREATORS)
    creator.refresh_from_db()
    creator.save(update_fields=["updated_at"])
    assert client.get(CREATORS)["X-Page-Cache"] == "hit"
    public_content_changed()
    assert client.get(CREATORS)["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("path", ["/accounts/login/", "/en/accounts/register/", "/api/portal/creators"])
def test_accounts_and_the_api_are_not_page_cached(client, path):
    client.get(path)
    assert "X-Page-Cache" not in client.get(path)


def test_the_bypass_header_renders_and_does_not_store(client, django_assert_max_num_queries):
    client.get("/about/", headers={"X-Page-Cache-Bypass": "1"})  # warm the menu and site caches
    with django_assert_max_num_queries(15):
        response = client.get("/about/", headers={"X-Page-Cache-Bypass": "1"})
    assert "X-Page-Cache" not in response
    assert warm(client, "/about/")["X-Page-Cache"] == "miss"


# --- Unit level: what a view did decides whether its answer may be stored ----------------------------


def _request(path: str = "/about/"):
    request = RequestFactory().get(path)
    request.session = SessionStore()
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)
    return request


def _served_twice(view) -> tuple[HttpResponse, HttpResponse]:
    middleware = AnonymousPageCacheMiddleware(view)
    return middleware(_request()), middleware(_request())


def _view(body: str = "<p>hello</p>", before=None):
    calls = []

    def view(request):
        calls.append(request)
        if before:
            before(request)
        return HttpResponse(f"{body} {len(calls)}")

    return view


def test_a_plain_answer_is_stored_once():
    first, second = _served_twice(_view())
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content == b"<p>hello</p> 1"


@pytest.mark.parametrize(
    "before",
    [
        pytest.param(lambda request: messages.info(request, "saved"), id="message"),
        pytest.param(get_token, id="csrf-token"),
        pytest.param(lambda request: str(request.__setattr__("_csp_nonce", "abc")), id="csp-nonce"),
        pytest.param(lambda request: request.session.__setitem__("x", 1), id="session-write"),
    ],
)
def test_personal_renderings_are_never_stored(before):
    first, second = _served_twice(_view(before=before))
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert second.content.endswith(b" 2")


def test_answers_that_set_cookies_fail_or_refuse_caching_are_not_stored():
    def with_cookie(request):
        response = HttpResponse("x")
        response.set_cookie("flavour", "1")
        return response

    def not_found(request):
        return HttpResponse("gone", status=404)

    def private(request):
        response = HttpResponse("mine")
        response["Cache-Control"] = "private"
        return response

    for view in (with_cookie, not_found, private):
        _first, second = _served_twice(view)
        assert "X-Page-Cache" not in second, view.__name__


def test_posts_are_never_served_from_the_cache():
    middleware = AnonymousPageCacheMiddleware(_view())
    middleware(_request())
    post = RequestFactory().post("/about/")
    post.session, post.user, post._messages = SessionStore(), AnonymousUser(), None
    assert middleware(post).content == b"<p>hello</p> 2"
