"""The read-only directory at /api/portal/{creators,assessors,reports}: live items only, public contact only."""

from __future__ import annotations

import itertools
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.models import Image

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile, User
from portal.api.directory import AssessorDetailOut, CreatorDetailOut, CreatorPageOut, ReportDetailOut, ReportPageOut
from taxonomy.models import Province, SdgGoal, Sector
from tests.creators.factories import png_upload
from tests.reports.factories import make_complete_report

pytestmark = pytest.mark.django_db

API = "/api/portal"
_serial = itertools.count(1)


def make_user(email: str | None = None) -> User:
    # Unique across processes too: browser journeys seed one shared stack from several shell processes.
    email = email or f"account{next(_serial)}-{uuid.uuid4().hex[:8]}@example.org"
    return User.objects.create_user(email=email, password="x" * 12, email_verified_at=timezone.now())


def make_creator(slug, *, live=True, name_th=None, sector="social", province="chiang-mai", sdgs=(), **fields):
    profile = ImpactCreatorProfile(
        user=make_user(fields.pop("email", None)),
        slug=slug,
        name_th=name_th or f"องค์กร {slug}",
        name_en=f"Org {slug}",
        organisation_type=Sector.objects.get(slug=sector),
        province=Province.objects.get(slug=province),
        contact_name="x",
        contact_phone="081",
        contact_email="c@x.org",
        live=False,
        **fields,
    )
    profile.sdg_goals = list(SdgGoal.objects.filter(number__in=sdgs))
    profile.save()
    if live:
        profile.save_revision().publish()
    return profile


def make_assessor(slug, *, live=True, name=None, sectors=("social",), provinces=("bangkok",), **fields):
    profile = ImpactAssessorProfile(
        user=make_user(fields.pop("email", None)),
        slug=slug,
        name=name or f"ผู้ประเมิน {slug}",
        qualifications="SROI Practitioner",
        contact_phone="02-123-4567",
        contact_email="assessor@x.org",
        live=False,
        **fields,
    )
    profile.expertise_sectors = list(Sector.objects.filter(slug__in=sectors))
    profile.provinces_served = list(Province.objects.filter(slug__in=provinces))
    profile.save()
    if live:
        profile.save_revision().publish()
    return profile


def make_report(slug, *, live=True, owner=None, sector="social", provinces=("chiang-mai",), sdgs=(1,), ratio="1.3877"):
    report = make_complete_report(owner or make_user(), slug=slug, title=f"โครงการ {slug}")
    report.sector = Sector.objects.get(slug=sector)
    report.provinces = list(Province.objects.filter(slug__in=provinces))
    report.sdg_goals = list(SdgGoal.objects.filter(number__in=sdgs))
    report.total_inputs, report.present_value = Decimal("250000"), Decimal("346927.12")
    report.sroi_ratio = Decimal(ratio)
    report.save()
    if live:
        report.save_revision().publish()
    return report


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


# --- Visibility ------------------------------------------------------------------------------------


def test_only_live_creators_are_listed_whatever_the_parameters(client):
    make_creator("live-one", sdgs=[1])
    make_creator("draft-one", live=False, sdgs=[1])
    make_creator("rejected-one", live=False, rejection_reason="ข้อมูลไม่ครบ", sdgs=[1])
    pending = make_creator("pending-one", live=False, sdgs=[1])
    pending.save_revision()  # submitted, not approved
    for params in ({}, {"sdg": 1}, {"province": "chiang-mai", "organisation_type": "social"}, {"sort": "newest"}):
        assert slugs(client.get(f"{API}/creators", params)) == ["live-one"]
    for slug in ("draft-one", "rejected-one", "pending-one", "no-such-slug"):
        response = client.get(f"{API}/creators/{slug}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not Found"}
    assert client.get(f"{API}/creators/live-one").status_code == 200


def test_a_live_profile_shows_its_approved_version_while_an_edit_waits(client):
    profile = make_creator("edited", name_th="ชื่อที่อนุมัติแล้ว")
    profile.name_th = "ชื่อที่รออนุมัติ"
    profile.save_revision()  # the edit goes through moderation; the row keeps the live content
    assert client.get(f"{API}/creators/edited").json()["name_th"] == "ชื่อที่อนุมัติแล้ว"


def test_only_live_assessors_and_reports(client):
    make_assessor("assessor-live")
    make_assessor("assessor-draft", live=False)
    make_report("report-live")
    make_report("report-draft", live=False)
    withdrawn = make_report("report-withdrawn", live=False)
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    assert slugs(client.get(f"{API}/assessors")) == ["assessor-live"]
    assert slugs(client.get(f"{API}/reports", {"sort": "title"})) == ["report-live"]
    assert client.get(f"{API}/assessors/assessor-draft").status_code == 404
    assert client.get(f"{API}/reports/report-draft").status_code == 404
    assert client.get(f"{API}/reports/report-withdrawn").status_code == 404


# --- Items and contact data ------------------------------------------------------------------------


def test_creator_item_without_published_contact(client):
    logo = Image.objects.create(title="logo", file=png_upload())
    make_creator("cm-foundation", email="login@secret.example", sdgs=[10, 1], logo=logo, website="https://example.org")
    response = client.get(f"{API}/creators")
    item = response.json()["results"][0]
    assert item == {
        "slug": "cm-foundation",
        "name_th": "องค์กร cm-foundation",
        "name_en": "Org cm-foundation",
        "organisation_type": {"slug": "social", "name_th": "ภาคสังคม", "name_en": "Social sector"},
        "province": {"slug": "chiang-mai", "code": "TH-50", "name_th": "เชียงใหม่", "name_en": "Chiang Mai"},
        "sdg_goals": [1, 10],
        "themes": [],
        "website": "https://example.org",
        "logo_url": f"http://testserver{logo.file.url}",
        "contact": None,
        "is_sample": False,
        "url": "http://testserver/creators/cm-foundation/",
    }
    body = response.content.decode()
    for private in ("081", "c@x.org", "login@secret.example"):
        assert private not in body
    CreatorPageOut.model_validate(response.json())
    detail = client.get(f"{API}/creators/cm-foundation").json()
    CreatorDetailOut.model_validate(detail)
    assert detail["contact"] is None and "login@secret.example" not in str(detail)


def test_contact_is_shown_only_when_published(client):
    make_creator("open", publish_contact=True, address="123 ถนนห้วยแก้ว", description="ผู้สูงอายุ")
    make_assessor("open-assessor", publish_contact=True)
    make_assessor("closed-assessor")
    detail = client.get(f"{API}/creators/open").json()
    assert detail["contact"] == {"name": "x", "phone": "081", "email": "c@x.org"}
    assert (detail["address"], detail["description"]) == ("123 ถนนห้วยแก้ว", "ผู้สูงอายุ")
    assessors = {item["slug"]: item for item in client.get(f"{API}/assessors").json()["results"]}
    assert assessors["open-assessor"]["contact"] == {"name": None, "phone": "02-123-4567", "email": "assessor@x.org"}
    assert assessors["closed-assessor"]["contact"] is None
    detail = client.get(f"{API}/assessors/closed-assessor").json()
    AssessorDetailOut.model_validate(detail)
    assert detail["contact"] is None and "assessor@x.org" not in str(detail)
    assert detail["url"] == "http://testserver/assessors/closed-assessor/"
    assert detail["qualifications"] == "SROI Practitioner"


def test_report_items_and_owner_organisation(client):
    creator = make_creator("owner-org")
    hidden = make_creator("owner-hidden", live=False)
    make_report("with-owner", owner=creator.user, ratio="2.5000")
    make_report("without-owner", owner=hidden.user, ratio="0.8000")
    response = client.get(f"{API}/reports", {"sort": "sroi_ratio"})
    ReportPageOut.model_validate(response.json())
    first, second = response.json()["results"]
    assert (first["slug"], first["sroi_ratio"]) == ("with-owner", "2.5000")
    assert (first["total_inputs"], first["present_value"]) == ("250000.00", "346927.12")
    assert first["owner"] == {
        "kind": "creator",
        "slug": "owner-org",
        "name_th": "องค์กร owner-org",
        "name_en": "Org owner-org",
        "url": "http://testserver/creators/owner-org/",
    }
    assert first["url"] == "http://testserver/reports/with-owner/"
    assert second["owner"] is None  # a profile that isn't live is never named
    assert "owner-hidden" not in response.content.decode()
    detail = client.get(f"{API}/reports/with-owner").json()
    ReportDetailOut.model_validate(detail)
    assert detail["discount_rate"] == "0.035000" and detail["provinces"][0]["slug"] == "chiang-mai"


# --- Filters, ordering, pagination -----------------------------------------------------------------


def test_creator_filters_combine(client):
    make_creator("a", sector="social", province="chiang-mai", sdgs=[1, 10])
    make_creator("b", sector="private", province="chiang-mai", sdgs=[1])
    make_creator("c", sector="social", province="bangkok", sdgs=[1])
    make_creator("d", sector="social", province="chiang-mai", sdgs=[4])
    get = lambda **params: sorted(slugs(client.get(f"{API}/creators", params)))  # noqa: E731
    assert get(organisation_type="social") == ["a", "c", "d"]
    assert get(organisation_type="social", province="chiang-mai") == ["a", "d"]
    assert get(organisation_type="social", province="chiang-mai", sdg=1) == ["a"]
    assert get(sdg=1) == ["a", "b", "c"]
    assert get(province="nowhere") == []
    assert client.get(f"{API}/creators", {"sdg": 18}).status_code == 422


def test_assessor_and_report_filters_combine(client):
    make_assessor("x", sectors=["social", "academia"], provinces=["bangkok", "chiang-mai"])
    make_assessor("y", sectors=["academia"], provinces=["bangkok"])
    make_assessor("z", sectors=["social"], provinces=["nonthaburi"])
    assert sorted(slugs(client.get(f"{API}/assessors", {"expertise": "academia"}))) == ["x", "y"]
    assert slugs(client.get(f"{API}/assessors", {"expertise": "academia", "province": "chiang-mai"})) == ["x"]
    make_report("r1", sector="social", provinces=["bangkok", "chiang-mai"], sdgs=[1, 3])
    make_report("r2", sector="social", provinces=["bangkok"], sdgs=[3])
    make_report("r3", sector="private", provinces=["chiang-mai"], sdgs=[1])
    assert sorted(slugs(client.get(f"{API}/reports", {"province": "chiang-mai"}))) == ["r1", "r3"]
    assert slugs(client.get(f"{API}/reports", {"province": "chiang-mai", "sector": "social", "sdg": 1})) == ["r1"]
    assert slugs(client.get(f"{API}/reports", {"sdg": 3, "province": "bangkok", "sort": "title"})) == ["r1", "r2"]


def test_pagination_ordering_and_limit_cap(client):
    made = [make_creator(f"same-{n:03}", name_th="ชื่อเดียวกัน") for n in range(105)]
    by_id = [profile.slug for profile in sorted(made, key=lambda profile: profile.pk)]
    data = client.get(f"{API}/creators").json()
    assert (data["count"], data["limit"], data["offset"], len(data["results"])) == (105, 20, 0, 20)
    capped = client.get(f"{API}/creators", {"limit": 1000}).json()
    assert (capped["limit"], len(capped["results"])) == (100, 100)
    assert [item["slug"] for item in capped["results"]] == by_id[:100]  # equal names: the id decides
    paged = [
        slug for start in (0, 40, 80) for slug in slugs(client.get(f"{API}/creators", {"limit": 40, "offset": start}))
    ]
    assert paged == by_id
    assert slugs(client.get(f"{API}/creators", {"offset": 10**30})) == []
    newest = slugs(client.get(f"{API}/creators", {"sort": "newest", "limit": 3}))
    assert newest == by_id[::-1][:3]
    for params in ({"limit": 0}, {"limit": -1}, {"offset": -1}, {"sort": "random"}, {"limit": "many"}):
        assert client.get(f"{API}/creators", params).status_code == 422, params


# --- HTTP caching ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/creators", "/creators/etag-org", "/assessors", "/reports"])
def test_cache_headers_etag_and_not_modified(client, path):
    make_creator("etag-org")
    response = client.get(f"{API}{path}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    etag = response["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/") and len(etag) == 66
    assert client.get(f"{API}{path}")["ETag"] == etag  # the same body, the same tag
    not_modified = client.get(f"{API}{path}", headers={"if-none-match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert (not_modified["ETag"], not_modified["Cache-Control"]) == (etag, "public, max-age=60")
    assert client.get(f"{API}{path}", headers={"if-none-match": '"other"'}).status_code == 200


def test_etag_changes_with_the_content(client):
    profile = make_creator("changing")
    before = client.get(f"{API}/creators")["ETag"]
    profile.name_en = "Renamed"
    profile.save_revision().publish()
    response = client.get(f"{API}/creators", headers={"if-none-match": before})
    assert response.status_code == 200 and response["ETag"] != before


# --- Schema and query counts -----------------------------------------------------------------------


def test_openapi_lists_the_directory(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in ("creators", "creators/{slug}", "assessors", "assessors/{slug}", "reports", "reports/{slug}"):
        assert "get" in paths[f"{API}/{path}"], path
    parameters = {p["name"] for p in paths[f"{API}/creators"]["get"]["parameters"]}
    assert parameters == {"organisation_type", "province", "sdg", "theme", "sort", "limit", "offset"}


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"limit": 100})
    assert response.status_code == 200
    return len(captured)


def test_list_query_counts_do_not_grow_with_the_page(client, django_assert_num_queries):
    def add(start: int, stop: int) -> None:
        for n in range(start, stop):
            make_creator(f"creator-{n}", sdgs=[1, 2], logo=Image.objects.create(title="l", file=png_upload()))
            owner = make_assessor(f"assessor-{n}", sectors=["social", "private"]).user
            make_report(f"report-{n}", owner=owner, provinces=["bangkok", "chiang-mai"], sdgs=[1, 2])

    add(0, 3)
    counts = {name: _queries(client, f"{API}/{name}") for name in ("creators", "assessors", "reports")}
    add(3, 30)
    for name, count in counts.items():
        with django_assert_num_queries(count):
            assert len(client.get(f"{API}/{name}", {"limit": 100}).json()["results"]) == 30


def test_sitemap_lists_live_profiles_and_reports_in_both_languages_and_nothing_else(client):
    live = make_creator("live-org")
    hidden = make_creator("hidden-org", live=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/creators/{live.slug}/" in sitemap and f"/en/creators/{live.slug}/" in sitemap
    assert hidden.slug not in sitemap
