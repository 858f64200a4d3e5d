"""The report as a PDF (WeasyPrint, Sarabun): the public page's numbers and Thai text, Buddhist Era dates, cached
until the report changes, never for a report that is not public, and the owner's draft preview."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from privacy.deletion import report_delete_on_request
from reports import pdf as report_pdf_module
from tests.privacy.deletion_helpers import make_live_report, make_staff
from tests.reports.factories import make_complete_report, make_owner

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    # Thai extraction may split lines; compare without whitespace.
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def renders(monkeypatch):
    """Count real renders (the cache's misses)."""
    calls = []
    real = report_pdf_module.render_report_pdf

    def counting(**kwargs):
        calls.append(kwargs["context"]["report"].pk)
        return real(**kwargs)

    monkeypatch.setattr(report_pdf_module, "render_report_pdf", counting)
    return calls


def test_the_public_pdf_shows_the_page_numbers_in_thai_with_a_buddhist_era_date(client):
    report = make_live_report(make_owner(), slug="pdf-report")
    response = client.get(reverse("reports:public_pdf", args=[report.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "โครงการpdf-report" in text  # the Thai title
    assert "1:1.39" in text  # the SROI ratio as on the page
    assert "346,927.12" in text and "250,000.00" in text  # PV and total inputs
    assert str(date.today().year + 543) in text  # generated on a Buddhist Era date
    page = client.get(reverse("reports:public", args=[report.slug])).content.decode()
    assert reverse("reports:public_pdf", args=[report.slug]) in page


def test_the_pdf_is_cached_until_the_report_changes(client, renders):
    report = make_live_report(make_owner(), slug="pdf-cached")
    url = reverse("reports:public_pdf", args=[report.slug])
    first = client.get(url, headers={"X-Page-Cache-Bypass": "1"}).content
    assert client.get(url, headers={"X-Page-Cache-Bypass": "1"}).content == first
    assert renders == [report.pk]

    report.title_th = "โครงการที่แก้ไขชื่อแล้ว"
    report.save_revision().publish()
    changed = client.get(url, headers={"X-Page-Cache-Bypass": "1"}).content
    assert renders == [report.pk, report.pk]
    assert "โครงการที่แก้ไขชื่อแล้ว" in pdf_text(changed)


def test_a_report_deleted_on_request_has_no_pdf_at_once(client, django_capture_on_commit_callbacks):
    report = make_live_report(make_owner(), slug="pdf-deleted")
    url = reverse("reports:public_pdf", args=[report.slug])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        report_delete_on_request(
            report=report, reason="ขอลบ", channel="email", requested_by="เจ้าของ", staff_user=make_staff()
        )
    assert client.get(url).status_code == 404


def test_a_draft_has_no_public_pdf_and_only_its_owner_sees_the_preview(client):
    owner = make_owner()
    draft = make_complete_report(owner, slug="pdf-draft")
    assert client.get(reverse("reports:public_pdf", args=[draft.slug])).status_code == 404

    stranger = make_owner("stranger@example.org")
    client.force_login(stranger)
    assert client.get(reverse("reports:pdf", args=[draft.pk])).status_code == 404

    client.force_login(owner)
    preview = client.get(reverse("reports:pdf", args=[draft.pk]))
    assert preview.status_code == 200 and preview.content.startswith(b"%PDF")
    assert "no-store" in preview["Cache-Control"]
    text = pdf_text(preview.content)
    assert "ฉบับร่าง" in text or "Draft" in text
    assert "346,927.12" in text


def test_without_weasyprint_the_answer_is_a_clear_503(client, monkeypatch):
    report = make_live_report(make_owner(), slug="pdf-missing")

    def unavailable(html: str) -> bytes:
        raise report_pdf_module.PdfUnavailable("no pango")

    monkeypatch.setattr(report_pdf_module, "_write_pdf", unavailable)
    response = client.get(reverse("reports:public_pdf", args=[report.slug]), headers={"X-Page-Cache-Bypass": "1"})
    assert response.status_code == 503
    assert "PDF" in response.content.decode()


def test_the_pdf_marks_the_generation_time(client):
    report = make_live_report(make_owner(), slug="pdf-time")
    text = pdf_text(client.get(reverse("reports:public_pdf", args=[report.slug])).content)
    assert str(timezone.localdate().year + 543) in text


def test_a_long_sensitivity_table_keeps_the_estimates_that_move_the_ratio_most():
    from decimal import Decimal
    from types import SimpleNamespace

    swings = [Decimal(n % 7) for n in range(40)]  # the ratio's swing between -20 % and +20 % per estimate
    raw = [SimpleNamespace(ratio_minus_20=Decimal(1), ratio_plus_20=Decimal(1) + swing) for swing in swings]
    results = SimpleNamespace(result=SimpleNamespace(sensitivity=raw), sensitivity=[f"row {n}" for n in range(40)])

    rows, note = report_pdf_module._most_sensitive(results)

    assert len(rows) == report_pdf_module.SENSITIVITY_ROWS and "40" in note
    kept = [int(row.split()[1]) for row in rows]
    assert kept == sorted(kept)  # in the page's order
    assert min(swings[n] for n in kept) >= max(swings[n] for n in range(40) if n not in kept)
    few = SimpleNamespace(result=SimpleNamespace(sensitivity=raw[:5]), sensitivity=["a", "b", "c", "d", "e"])
    assert report_pdf_module._most_sensitive(few) == (["a", "b", "c", "d", "e"], "")
