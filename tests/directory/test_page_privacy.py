"""Page privacy: no restriction query while no page is private, and a restriction applies at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

pytestmark = pytest.mark.django_db


def restriction_queries(client, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    return status, sum("wagtailcore_pageviewrestriction" in query["sql"] for query in queries)


@pytest.mark.parametrize("path", ["/about/", "/faq/", "/impact-creators/", "/"])
def test_no_restriction_query_while_no_page_is_private(client, path):
    client.get(path)
    assert restriction_queries(client, path) == (200, 0)


def test_a_page_made_private_is_private_at_once_and_public_again_after(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    page = Page.objects.get(url_path__endswith="/about/", locale__language_code="th")
    assert client.get("/about/").status_code == 200
    assert client.get("/about/").status_code == 200  # the flag "no private page" and the page are cached
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    status, queries = restriction_queries(client, "/about/")
    assert status == 302 and queries >= 1
    assert "login" in client.get("/about/")["Location"]
    assert client.get("/faq/").status_code == 200  # other pages stay public (their check now queries)
    restriction.delete()
    assert restriction_queries(client, "/about/")[0] == 200  # the flag is read again once (one query)...
    assert restriction_queries(client, "/about/") == (200, 0)  # ...then cached
