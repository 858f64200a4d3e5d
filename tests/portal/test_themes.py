"""Thematic sectors: shipped content, picked at registration, in profile edits and wizard step 1, and filters."""

from __future__ import annotations

import re

import pytest

from creators.models import ImpactCreatorProfile, User
from portal.initial_content import load_initial_content
from reports.models import ImpactReport
from reports.selectors import working_copy
from reports.services.submission import report_submit
from taxonomy.models import Theme
from tests.creators.factories import creator_form_data, decide, make_moderator, verify_and_log_in
from tests.portal.test_directory_api import make_assessor, make_creator, make_report
from tests.reports.test_wizard import STEP_DATA, step1, step_url

pytestmark = pytest.mark.django_db

THEMES = [
    "education",
    "health",
    "older-people",
    "children-youth",
    "disability",
    "community-economy",
    "agriculture-food",
    "environment-climate",
    "water",
    "energy",
    "culture",
    "governance",
]


def theme_ids(*slugs: str) -> list[str]:
    return [str(Theme.objects.get(slug=slug).pk) for slug in slugs]


def slugs_of(related) -> set[str]:
    return {theme.slug for theme in related.all()}


def _with_themes(item, themes, live: bool):
    item.themes = list(Theme.objects.filter(slug__in=themes))
    item.save()
    if live:
        item.save_revision().publish()
    return item


def creator(slug: str, themes=(), live: bool = True, **fields):
    return _with_themes(make_creator(slug, live=False, **fields), themes, live)


def report_with(slug: str, themes=(), live: bool = True):
    return _with_themes(make_report(slug, live=False), themes, live)


# --- Content ----------------------------------------------------------------------------------------


def test_twelve_themes_ship_in_thai_and_english_in_order():
    themes = list(Theme.objects.all())
    assert [theme.slug for theme in themes] == THEMES
    assert all(theme.name_th and theme.name_en for theme in themes)
    assert Theme.objects.get(slug="older-people").name_th == "ผู้สูงอายุ"


def test_the_loader_adds_missing_themes_and_keeps_editors_changes():
    Theme.objects.filter(slug="water").update(name_en="Water resources")
    Theme.objects.filter(slug="energy").delete()
    report = load_initial_content()
    assert report.created == ["themes (1 rows)"]
    assert Theme.objects.get(slug="water").name_en == "Water resources"
    assert Theme.objects.filter(slug="energy").exists()
    assert load_initial_content().created == []


# --- Creators: registration and moderated edits ---------------------------------------------------


def _register_and_approve(client) -> ImpactCreatorProfile:
    data = creator_form_data(themes=theme_ids("older-people", "community-economy"))
    assert client.post("/accounts/register/creator/", data).status_code == 302
    verify_and_log_in(client)  # verifies (submits), then logs in
    profile = ImpactCreatorProfile.objects.get()
    assert slugs_of(profile.get_latest_revision_as_object().themes) == {"older-people", "community-economy"}
    decide(profile, make_moderator(), "approve")
    return ImpactCreatorProfile.objects.get()


def test_registration_themes_reach_the_live_profile_on_approval(client):
    profile = _register_and_approve(client)
    assert profile.live and slugs_of(profile.themes) == {"older-people", "community-economy"}
    page = client.get(f"/en/creators/{profile.slug}/").content.decode()
    assert "Older people" in page and "Community economy and livelihoods" in page


def test_a_theme_edit_is_moderated_while_the_approved_themes_stay_public(client):
    profile = _register_and_approve(client)
    edit = creator_form_data(themes=theme_ids("health"))
    assert client.post("/accounts/profile/edit/", edit).status_code == 302
    profile.refresh_from_db()
    assert slugs_of(profile.themes) == {"older-people", "community-economy"}  # the live row is untouched
    assert slugs_of(profile.get_latest_revision_as_object().themes) == {"health"}
    decide(profile, make_moderator("second@example.org"), "approve")
    assert slugs_of(ImpactCreatorProfile.objects.get().themes) == {"health"}


def test_the_edit_form_shows_the_current_themes(client):
    _register_and_approve(client)
    page = client.get("/en/accounts/profile/edit/").content.decode()
    (older,) = theme_ids("older-people")
    assert re.search(rf'name="themes" value="{older}"[^>]*checked', page)
    assert len(re.findall(r'name="themes" value="\d+"[^>]*checked', page)) == 2  # older people, community economy


def test_an_unknown_theme_id_is_a_field_error(client):
    response = client.post("/en/accounts/register/creator/", creator_form_data(themes=["999999"]))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not User.objects.exists()


# --- Reports: wizard step 1 -------------------------------------------------------------------------


@pytest.fixture
def report(client):
    client.post("/accounts/register/creator/", creator_form_data())
    verify_and_log_in(client)
    decide(ImpactCreatorProfile.objects.get(), make_moderator(), "approve")
    client.post("/accounts/reports/new/")
    return ImpactReport.objects.get()


def test_step_1_saves_themes_and_a_public_assessor(client, report):
    assessor = make_assessor("public-assessor")
    data = step1(themes=theme_ids("older-people", "education"), prepared_by=str(assessor.pk))
    assert client.post(step_url(report, 1), data).status_code == 302
    draft = working_copy(ImpactReport.objects.get(pk=report.pk))
    assert slugs_of(draft.themes) == {"older-people", "education"} and draft.prepared_by_id == assessor.pk
    page = client.get(step_url(report, 1, "/en")).content.decode()
    assert f'<option value="{assessor.pk}" selected>' in page


@pytest.mark.parametrize("kind", ["draft", "deleted", "garbage"])
def test_step_1_refuses_an_assessor_that_is_not_public(client, report, kind):
    from django.utils import timezone

    if kind == "garbage":
        value = "not-a-number"
    else:
        assessor = make_assessor(f"{kind}-assessor", live=kind != "draft")
        if kind == "deleted":
            type(assessor).objects.filter(pk=assessor.pk).update(deleted_at=timezone.now())
        value = str(assessor.pk)
        select = client.get(step_url(report, 1)).content.decode().split('name="prepared_by"')[1].split("</select>")[0]
        assert f'<option value="{value}"' not in select
    response = client.post(step_url(report, 1, "/en"), step1(prepared_by=value))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert working_copy(ImpactReport.objects.get(pk=report.pk)).prepared_by_id is None


def test_themes_and_assessor_reach_the_public_report_on_approval(client, report):
    assessor = make_assessor("named-assessor", name="ผู้ประเมินที่ระบุชื่อ")
    client.post(step_url(report, 1), step1(themes=theme_ids("water"), prepared_by=str(assessor.pk)))
    for step in range(2, 6):
        assert client.post(step_url(report, step), STEP_DATA[step]()).status_code == 302
    report_submit(report=ImpactReport.objects.get(pk=report.pk), user=report.owner)
    decide(ImpactReport.objects.get(pk=report.pk), make_moderator("m2@example.org"), "approve")
    live = ImpactReport.objects.get(pk=report.pk)
    assert live.is_public and slugs_of(live.themes) == {"water"} and live.prepared_by_id == assessor.pk
    page = client.get(f"/en/reports/{live.slug}/").content.decode()
    assert "Water" in page and f'href="/en/assessors/{assessor.slug}/">ผู้ประเมินที่ระบุชื่อ</a>' in page


# --- Directory filters, cards, CSV and API ----------------------------------------------------------


def test_theme_filter_on_the_creator_and_report_directories(client):
    creator("edu-org", themes=["education"], province="bangkok")
    creator("edu-elsewhere", themes=["education"], province="chiang-mai")
    creator("health-org", themes=["health"], province="bangkok")
    page = client.get("/en/impact-creators/", {"theme": "education", "province": "bangkok"}).content.decode()
    assert "edu-org" in page and "edu-elsewhere" not in page and "health-org" not in page
    assert '<option value="education" selected>' in page and "Education" in page  # kept and shown on cards
    assert 'href="?theme=education&amp;province=bangkok&amp;format=csv"' in page
    rows = client.get("/en/impact-creators/", {"theme": "education", "format": "csv"}).content.decode()
    assert "Thematic sectors" in rows and "edu-org" in rows and "health-org" not in rows
    report_with("edu-report", themes=["education"])
    report_with("water-report", themes=["water"])
    page = client.get("/en/impact-reports/", {"theme": "water"}).content.decode()
    assert "water-report" in page and "edu-report" not in page
    assert "Some filters were not recognised" in client.get("/en/impact-reports/", {"theme": "x"}).content.decode()


def test_theme_filter_on_the_api(client):
    creator("api-edu", themes=["education"])
    creator("api-draft", live=False, themes=["education"])
    creator("api-health", themes=["health"])
    results = client.get("/api/portal/creators", {"theme": "education"}).json()["results"]
    assert [item["slug"] for item in results] == ["api-edu"]
    assert results[0]["themes"] == [{"slug": "education", "name_th": "การศึกษา", "name_en": "Education"}]
    report_with("api-report", themes=["energy"])
    report_with("api-other")
    results = client.get("/api/portal/reports", {"theme": "energy"}).json()["results"]
    assert [item["slug"] for item in results] == ["api-report"] and results[0]["themes"][0]["slug"] == "energy"


def test_a_taxonomy_cache_entry_without_themes_is_rebuilt(client):
    from django.core.cache import cache

    from directory.forms import taxonomy_cache_key

    cache.set(taxonomy_cache_key(), {"sectors": [], "provinces": [], "sdg_goals": []})  # as an older release left it
    page = client.get("/en/impact-creators/").content.decode()
    assert '<option value="education">Education</option>' in page
