"""Queries per page do not grow with the data: the same count with 10 and with 1,000 live entries, ≤ 15.

Rows are bulk-created live the way the load bench builds its database (bench/bench_data.py). Pages are
read with the page-cache bypass header (test settings honour it), after one warming request, so what is
counted is the rendering of a page whose small caches (site, menu, filter choices) are warm.
"""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.bench_data import Sizes, build
from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from reports.benchmarks import invalidate_benchmarks
from reports.models import ImpactReport
from visibility.signals import public_content_changed

pytestmark = pytest.mark.django_db

LIMIT = 15
PAGES = [
    "/impact-creators/",
    "/impact-creators/?organisation_type={sector}&sdg={sdg}",
    "/impact-creators/?page=3",
    "/en/impact-assessors/",
    "/impact-assessors/?expertise={expertise}&page=2",
    "/impact-reports/",
    "/impact-reports/?sort=sroi_ratio&sector={report_sector}&page=2",
    "/en/impact-reports/?sort=name&sdg={sdg}",
    "/creators/org-a00001/",
    "/assessors/assessor-a0001/",
    "/reports/report-a00001/",
    "/analyst/benchmarks/",
    "/api/portal/creators?limit=100",
    "/api/portal/assessors?limit=100&offset=5",
    "/api/portal/reports?limit=100&sort=sroi_ratio",
]


def queries(client, path: str) -> int:
    headers = {"X-Page-Cache-Bypass": "1"}
    assert client.get(path, headers=headers).status_code == 200, path  # warm the small caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    assert "X-Page-Cache" not in response  # rendered, not replayed
    return len(captured)


def grow(sizes: Sizes, tag: str) -> None:
    build(sizes, random.Random(len(tag)), tag=tag)
    # A bulk import sends no signals: it must say that public content changed, as imports do.
    public_content_changed()
    invalidate_benchmarks()


def filled_in_paths() -> list[str]:
    """Filters that match the first entries, so no list is empty (an empty page skips its prefetches)."""
    creator = ImpactCreatorProfile.objects.get(slug="org-a00001")
    values = {
        "sector": creator.organisation_type.slug,
        "sdg": creator.sdg_goals.get().number,
        "expertise": ImpactAssessorProfile.objects.get(slug="assessor-a0001").expertise_sectors.first().slug,
        "report_sector": ImpactReport.objects.get(slug="report-a00001").sector.slug,
    }
    return [path.format(**values) for path in PAGES]


def test_every_list_and_detail_page_costs_the_same_few_queries_at_10_and_at_1000_entries(client):
    grow(Sizes(creators=10, assessors=10, reports=10), "a")
    paths = filled_in_paths()
    few = {path: queries(client, path) for path in paths}

    grow(Sizes(creators=990, assessors=990, reports=990), "b")
    # The first creator and assessor now own and prepared a thousand reports: their pages grow too.
    first_creator = ImpactCreatorProfile.objects.get(slug="org-a00001")
    first_assessor = ImpactAssessorProfile.objects.get(slug="assessor-a0001")
    ImpactReport.objects.filter(slug__startswith="report-b").update(
        owner=first_creator.user, prepared_by=first_assessor
    )
    public_content_changed()
    invalidate_benchmarks()
    assert ImpactCreatorProfile.objects.public().count() == 1000
    assert ImpactReport.objects.public().filter(owner=first_creator.user).count() == 991
    many = {path: queries(client, path) for path in paths}

    assert many == few
    assert max(many.values()) <= LIMIT, many


def test_a_deep_page_reads_only_its_own_rows(client):
    """The late row lookup: the page's keys first, then 20 rows; the last page shows the last entries."""
    grow(Sizes(creators=50, assessors=5, reports=5), "c")
    body = client.get("/impact-creators/?page=3", headers={"X-Page-Cache-Bypass": "1"}).content.decode()
    ordered = [
        slug for *_key, slug in sorted(ImpactCreatorProfile.objects.values_list("name_th", "name_en", "pk", "slug"))
    ]
    assert all(f"/creators/{slug}/" in body for slug in ordered[40:50])
    assert not any(f"/creators/{slug}/" in body for slug in ordered[:40])
