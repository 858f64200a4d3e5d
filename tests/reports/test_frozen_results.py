"""Frozen results stay those of the current SROI engine, so a list and a report's page never disagree (#20 item 7):
submission records the engine's fingerprint, ``refreeze_results`` recomputes what another engine froze, publishing a
revision frozen before a deploy recomputes it, and the public page's headline figures are the frozen ones."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from reports.models import ImpactReport, ReportInput
from reports.presentation import ratio
from reports.services.submission import report_submit
from reports.sroi_fingerprint import ENGINE_FINGERPRINT, ENGINE_SOURCES, FINGERPRINT_LENGTH, fingerprint
from tests.privacy.deletion_helpers import make_live_report
from tests.reports.factories import make_complete_report, make_owner

pytestmark = pytest.mark.django_db
COMPUTED = {
    "total_inputs": Decimal("250000.00"),
    "present_value": Decimal("346927.12"),
    "sroi_ratio": Decimal("1.3877"),
}


def figures(report: ImpactReport) -> dict:
    report.refresh_from_db()
    return {name: getattr(report, name) for name in COMPUTED}


def refreeze() -> str:
    out = StringIO()
    call_command("refreeze_results", stdout=out)
    return out.getvalue()


def api_ratio(client, slug: str) -> str:
    return client.get(f"/api/portal/reports/{slug}").json()["sroi_ratio"]


def page_ratio_shown(client, slug: str, value: str) -> bool:
    return ratio(Decimal(value)) in client.get(f"/en/reports/{slug}/", headers={"X-Page-Cache-Bypass": "1"}).text


def test_the_fingerprint_follows_the_engine_source(tmp_path):
    copies = []
    for source in ENGINE_SOURCES:
        copy = tmp_path / source.name
        copy.write_bytes(source.read_bytes())
        copies.append(copy)
    assert fingerprint(copies) == ENGINE_FINGERPRINT and len(ENGINE_FINGERPRINT) == FINGERPRINT_LENGTH
    copies[0].write_bytes(copies[0].read_bytes().replace(b"places=4", b"places=3"))
    assert fingerprint(copies) != ENGINE_FINGERPRINT


def test_submitting_records_the_engine_that_froze_the_results():
    owner = make_owner()
    report = make_complete_report(owner)
    report_submit(report=report, user=owner)
    report.refresh_from_db()
    assert report.results_engine == ENGINE_FINGERPRINT
    assert report.latest_revision.content["results_engine"] == ENGINE_FINGERPRINT


def test_refreeze_recomputes_what_another_engine_froze_and_list_and_page_then_agree(client):
    report = make_live_report(make_owner(), slug="old-engine", ratio="9.9999")  # frozen by "an older engine"
    ImpactReport.objects.filter(pk=report.pk).update(results_engine="0ld-engine")
    assert api_ratio(client, "old-engine") == "9.9999"
    output = refreeze()
    assert "1 reports checked, 1 changed, 0 refused" in output
    assert figures(report) == COMPUTED
    report.refresh_from_db()
    assert report.results_engine == ENGINE_FINGERPRINT
    # The public caches moved on: the API and the page both say the recomputed ratio.
    assert api_ratio(client, "old-engine") == "1.3877" and page_ratio_shown(client, "old-engine", "1.3877")
    # Idempotent: nothing is left to recompute.
    assert "0 reports checked, 0 changed" in refreeze()


def test_a_report_the_engine_now_refuses_keeps_its_figures_and_is_counted():
    report = make_live_report(make_owner(), slug="refused-now", ratio="1.5000")
    ReportInput.objects.filter(report=report).update(amount=Decimal("-1"))
    before = figures(report)
    assert "1 reports checked, 0 changed, 1 refused" in refreeze()
    assert figures(report) == before


def test_publishing_a_revision_frozen_by_an_earlier_engine_recomputes_it():
    owner = make_owner()
    report = make_complete_report(owner)
    report.total_inputs, report.present_value, report.sroi_ratio = Decimal("1"), Decimal("5"), Decimal("5.0000")
    report.results_engine = "0ld-engine"
    report.save_revision(user=owner).publish()
    assert figures(report) == COMPUTED
    # Figures set without a fingerprint (by hand, before fingerprints) are left to the command.
    other = make_complete_report(owner, slug="by-hand")
    other.total_inputs, other.present_value, other.sroi_ratio = Decimal("1"), Decimal("5"), Decimal("5.0000")
    other.save_revision(user=owner).publish()
    assert figures(other)["sroi_ratio"] == Decimal("5.0000")


def test_the_public_page_headline_is_the_frozen_ratio_the_lists_show(client):
    report = make_live_report(make_owner(), slug="frozen-headline", ratio="2.5000")
    ImpactReport.objects.filter(pk=report.pk).update(results_engine=ENGINE_FINGERPRINT)
    assert api_ratio(client, "frozen-headline") == "2.5000"
    assert page_ratio_shown(client, "frozen-headline", "2.5000")
