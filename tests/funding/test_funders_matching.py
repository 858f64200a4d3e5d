"""funders_for_creator: published funders ranked by shared themes, SDGs and organisation type."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from creators.selectors import live_creator
from funding.selectors import funders_for_creator
from taxonomy.models import Theme
from tests.funding.funder_factories import bulk_funders, clear_shipped_funders, make_funder
from tests.portal.test_directory_api import make_creator

pytestmark = pytest.mark.django_db


def creator_with(slug="matched-org", *, themes=("education", "health"), sdgs=(4,), sector="social"):
    profile = make_creator(slug, live=False, sdgs=sdgs, sector=sector)
    profile.themes = list(Theme.objects.filter(slug__in=themes))
    profile.save()
    profile.save_revision().publish()
    return live_creator(slug=slug)


@pytest.fixture
def ranked_funders():
    clear_shipped_funders()
    make_funder("two-themes", themes=["education", "health"])  # 3 + 3 = 6
    make_funder("theme-and-goal", themes=["education"], sdgs=[4, 13])  # 3 + 2 = 5
    make_funder("goal-and-type", sdgs=[4], sectors=["social", "private"])  # 2 + 1 = 3
    make_funder("type-b", name_th="ข ประเภทเดียวกัน", sectors=["social"])  # 1
    make_funder("type-a", name_th="ก ประเภทเดียวกัน", sectors=["social"])  # 1, sorts before type-b
    make_funder("no-overlap", themes=["water"], sdgs=[6], sectors=["government"])  # 0: not suggested
    make_funder("draft", live=False, themes=["education", "health"], sdgs=[4], sectors=["social"])


def test_ranking_by_score_then_thai_name(ranked_funders):
    suggestions = funders_for_creator(profile=creator_with(), limit=10)
    assert [f.slug for f in suggestions] == ["two-themes", "theme-and-goal", "goal-and-type", "type-a", "type-b"]
    assert [f.match_score for f in suggestions] == [6, 5, 3, 1, 1]
    first, _, third, *_ = suggestions
    assert (first.shared_themes, first.shared_sdgs, first.sector_match) == (2, 0, 0)
    assert (third.shared_themes, third.shared_sdgs, third.sector_match) == (0, 1, 1)


def test_limit_and_drafts(ranked_funders):
    profile = creator_with()
    assert [f.slug for f in funders_for_creator(profile=profile, limit=2)] == ["two-themes", "theme-and-goal"]
    assert len(funders_for_creator(profile=profile)) == 5
    assert "draft" not in {f.slug for f in funders_for_creator(profile=profile, limit=100)}


def test_equal_scores_and_names_fall_back_to_the_primary_key():
    clear_shipped_funders()
    later = make_funder("same-2", name_th="ชื่อเดียวกัน", themes=["energy"])
    earlier = make_funder("same-1", name_th="ชื่อเดียวกัน", themes=["energy"])
    profile = creator_with(themes=["energy"], sdgs=())
    expected = sorted([later, earlier], key=lambda f: f.pk)
    assert [f.pk for f in funders_for_creator(profile=profile)] == [f.pk for f in expected]


def test_a_creator_with_only_an_organisation_type_still_gets_type_matches():
    clear_shipped_funders()
    make_funder("gov-only", sectors=["government"])
    make_funder("social-only", sectors=["social"])
    profile = creator_with(themes=(), sdgs=(), sector="government")
    assert [f.slug for f in funders_for_creator(profile=profile)] == ["gov-only"]


def test_shipped_funders_are_suggested_by_their_themes():
    profile = creator_with(themes=["health"], sdgs=(3,), sector="social")
    assert funders_for_creator(profile=profile)[0].slug == "thaihealth"


def test_the_public_creator_page_shows_the_suggestions_in_order(client, ranked_funders):
    profile = creator_with()
    page = client.get(f"/en/creators/{profile.slug}/").content.decode()
    shown = re.findall(r'<li><a href="/en/funders/([\w-]+)/">', page)
    assert shown == ["two-themes", "theme-and-goal", "goal-and-type", "type-a", "type-b"]
    assert "Funders whose focus matches" in page and "Shared thematic sectors: 2</span>" in page
    assert "Shared SDGs: 1 · Supports this organisation type</span>" in page  # goal-and-type: no zero parts
    assert "Education" in page and "Health" in page  # the creator's own thematic sectors


def _queries(client, path: str) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_creator_page_costs_the_same_with_1000_funders(client):
    clear_shipped_funders()
    profile = creator_with()
    bulk_funders(0, 10)
    few = _queries(client, f"/creators/{profile.slug}/")
    bulk_funders(10, 1000)
    many = _queries(client, f"/creators/{profile.slug}/")
    assert few == many <= 15, (few, many)


def test_the_creator_page_suggests_a_funder_published_after_it_was_rendered(client):
    """The suggestions are cached (funding.selectors.suggested_funders); a funder's publish moves them."""
    clear_shipped_funders()
    profile = creator_with()
    bypass = {"X-Page-Cache-Bypass": "1"}
    assert "late-funder" not in client.get(f"/creators/{profile.slug}/", headers=bypass).content.decode()
    with CaptureQueriesContext(connection) as warm:
        client.get(f"/creators/{profile.slug}/", headers=bypass)
    assert not any("shared_themes" in query["sql"] for query in warm.captured_queries)  # served from the cache
    client.get(f"/creators/{profile.slug}/")
    assert client.get(f"/creators/{profile.slug}/")["X-Page-Cache"] == "hit"
    make_funder("late-funder", themes=["education"])
    assert "late-funder" in client.get(f"/creators/{profile.slug}/", headers=bypass).content.decode()
    assert "late-funder" in client.get(f"/creators/{profile.slug}/").content.decode()  # not the cached page
