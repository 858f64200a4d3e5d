"""Nothing that isn't live reaches the public: pending, rejected, draft, withdrawn and deleted creators,
assessors and reports stay out of directory pages, detail pages, the API, CSV exports, the sitemap and the
benchmarks; contact details appear only where a profile publishes them."""

from __future__ import annotations

import pytest
from django.utils import timezone

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from reports.models import ImpactReport
from taxonomy.models import Sector
from tests.portal.test_directory_api import make_assessor, make_creator, make_report

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ("pending", "rejected", "draft", "deleted")
REPORT_STATES = (*HIDDEN_STATES, "withdrawn")
API = "/api/portal"


def _hide(make, state: str, slug: str, **kwargs):
    """An item in the given non-public state, made the way the application gets there."""
    if state == "deleted":
        item = make(slug, **kwargs)  # approved, then deleted on request
        type(item).objects.filter(pk=item.pk).update(deleted_at=timezone.now())
        return item
    item = make(slug, live=False, **kwargs)
    if state == "pending":
        item.save_revision()  # submitted, waiting for a decision
    elif state == "rejected":
        type(item).objects.filter(pk=item.pk).update(rejection_reason="ข้อมูลไม่ครบ")
    elif state == "withdrawn":
        type(item).objects.filter(pk=item.pk).update(withdrawn_at=timezone.now())
    return item


@pytest.fixture
def world():
    """One live item of each kind (social sector), and hidden ones of every state (investor sector)."""
    live_creator = make_creator("live-creator", sdgs=[4])
    live_assessor = make_assessor("live-assessor")
    live_report = make_report("live-report", owner=live_creator.user, sdgs=(4,))
    hidden = {"creators": [], "assessors": [], "reports": []}
    for state in HIDDEN_STATES:
        hidden["creators"].append(_hide(make_creator, state, f"hidden-creator-{state}", sdgs=[4]).slug)
        hidden["assessors"].append(_hide(make_assessor, state, f"hidden-assessor-{state}").slug)
    for state in REPORT_STATES:
        # Hidden reports of a live organisation, prepared by a live assessor, in a sector of their own.
        report = _hide(
            make_report, state, f"hidden-report-{state}", owner=live_creator.user, sector="investor", ratio="9.0000"
        )
        ImpactReport.objects.filter(pk=report.pk).update(prepared_by=live_assessor)
        hidden["reports"].append(report.slug)
    return {"creator": live_creator, "assessor": live_assessor, "report": live_report, "hidden": hidden}


def _all_hidden(world) -> list[str]:
    return [slug for slugs in world["hidden"].values() for slug in slugs]


def _assert_none_in(body: str, world, where: str) -> None:
    leaked = [slug for slug in _all_hidden(world) if slug in body]
    assert not leaked, f"{where} shows {leaked}"


def test_directory_pages_and_csv_exports_list_only_live_items(client, world):
    for prefix in ("", "/en"):
        for path, live in (
            ("/impact-creators/", "live-creator"),
            ("/impact-assessors/", "live-assessor"),
            ("/impact-reports/", "live-report"),
        ):
            for params in ({}, {"sort": "newest"}, {"sdg": 4}, {"format": "csv"}):
                response = client.get(prefix + path, params)
                assert response.status_code == 200, (path, params)
                body = response.content.decode("utf-8")
                assert live in body, (path, params)
                _assert_none_in(body, world, f"{prefix}{path} {params}")


def test_detail_pages_of_hidden_items_are_not_found(client, world):
    urls = {"creators": "/creators/{}/", "assessors": "/assessors/{}/", "reports": "/reports/{}/"}
    for kind, slugs in world["hidden"].items():
        for slug in slugs:
            for prefix in ("", "/en"):
                assert client.get(prefix + urls[kind].format(slug)).status_code == 404, slug
            if kind == "reports":
                assert client.get(f"/reports/{slug}/value-map.csv").status_code == 404
            else:
                assert client.post(f"/{kind}/{slug}/consult/", {"subject": "x"}).status_code == 404
    for path in ("/creators/live-creator/", "/assessors/live-assessor/", "/reports/live-report/"):
        assert client.get(path).status_code == 200


def test_live_pages_never_list_or_count_hidden_reports(client, world):
    creator_page = client.get("/en/creators/live-creator/").content.decode()
    assessor_page = client.get("/en/assessors/live-assessor/").content.decode()
    _assert_none_in(creator_page, world, "creator page")
    _assert_none_in(assessor_page, world, "assessor page")
    assert 'data-testid="performance-reports">1<' in creator_page
    assert 'data-testid="performance-inputs">250,000.00 baht<' in creator_page
    assert "No approved Impact Reports yet." in assessor_page  # it prepared only hidden ones


def test_api_lists_and_details_return_only_live_items(client, world):
    for kind in ("creators", "assessors", "reports"):
        for params in ({}, {"limit": 100}, {"sort": "newest"}, {"offset": 0, "limit": 1}):
            response = client.get(f"{API}/{kind}", params)
            assert response.status_code == 200, response.content
            _assert_none_in(response.content.decode(), world, f"API {kind} {params}")
            assert response.json()["count"] == 1
        for slug in world["hidden"][kind]:
            assert client.get(f"{API}/{kind}/{slug}").status_code == 404, slug


def test_sitemap_lists_only_live_items(client, world):
    body = client.get("/sitemap.xml").content.decode()
    for live in ("/creators/live-creator/", "/en/assessors/live-assessor/", "/reports/live-report/"):
        assert live in body
    _assert_none_in(body, world, "sitemap.xml")


def test_benchmarks_count_only_live_reports(client, world):
    investors = Sector.objects.get(slug="investor")
    benchmarks = {row["sector"]["slug"]: row for row in client.get(f"{API}/benchmarks").json()}
    assert benchmarks["social"]["count"] == 1 and benchmarks["social"]["max"] == "1.3877"
    assert benchmarks["investor"]["count"] == 0 and benchmarks["investor"]["max"] is None
    page = client.get("/en/analyst/benchmarks/").content.decode()
    row = page[page.index(f'id="sector-{investors.slug}"') :].split("</tr>", 1)[0]
    assert '<td class="num">0</td>' in row and "9.0000" not in page
    assert "Approved reports in total: 1" in page


def test_a_live_report_of_a_deleted_organisation_does_not_name_it(client):
    gone = make_creator("gone-org")
    make_report("orphan-report", owner=gone.user)
    ImpactCreatorProfile.objects.filter(pk=gone.pk).update(deleted_at=timezone.now())
    for body in (
        client.get("/en/reports/orphan-report/").content.decode(),
        client.get(f"{API}/reports/orphan-report").content.decode(),
        client.get("/en/impact-reports/").content.decode(),
        client.get("/en/impact-reports/", {"format": "csv"}).content.decode("utf-8"),
    ):
        assert "orphan-report" in body and "gone-org" not in body


# --- Contact details --------------------------------------------------------------------------------

PRIVATE = {"contact_phone": "099-111-2233", "contact_email": "private-contact@example.org"}
PUBLISHED = {"contact_phone": "098-444-5566", "contact_email": "published-contact@example.org"}


def test_contact_details_appear_only_when_published(client):
    for model, make, kind in (
        (ImpactCreatorProfile, make_creator, "creators"),
        (ImpactAssessorProfile, make_assessor, "assessors"),
    ):
        closed = make(f"closed-{kind}", email=f"login-closed-{kind}@example.org")
        opened = make(f"open-{kind}", email=f"login-open-{kind}@example.org")
        model.objects.filter(pk=closed.pk).update(publish_contact=False, **PRIVATE)
        model.objects.filter(pk=opened.pk).update(publish_contact=True, **PUBLISHED)
    directory = {"creators": "/impact-creators/", "assessors": "/impact-assessors/"}
    for kind in ("creators", "assessors"):
        bodies = {
            "closed page": client.get(f"/{kind}/closed-{kind}/").content.decode(),
            "open page": client.get(f"/{kind}/open-{kind}/").content.decode(),
            "API list": client.get(f"{API}/{kind}").content.decode(),
            "closed API": client.get(f"{API}/{kind}/closed-{kind}").content.decode(),
            "open API": client.get(f"{API}/{kind}/open-{kind}").content.decode(),
            "directory": client.get(directory[kind]).content.decode(),
            "CSV": client.get(directory[kind], {"format": "csv"}).content.decode("utf-8"),
        }
        for where, body in bodies.items():
            for private in (*PRIVATE.values(), f"login-closed-{kind}@example.org", f"login-open-{kind}@example.org"):
                assert private not in body, (kind, where, private)
        for where in ("open page", "open API"):
            for published in PUBLISHED.values():
                assert published in bodies[where], (kind, where, published)
        assert PUBLISHED["contact_email"] not in bodies["closed page"]
