"""The owner's report page (the wizard's sixth step) and the public report page."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from core.numbers import number, ratio_one_to
from creators.models import User
from reports.models import DiscountConvention, ImpactReport, ReportInput, ReportOutcome, ReportStakeholder
from reports.presentation import convention_in_words, payback, percent
from reports.services.submission import report_submit

pytestmark = pytest.mark.django_db

TITLE = "โครงการพัฒนาทักษะอาชีพให้ผู้สูงอายุ"
CONVENTION_PROBE = (
    "Future values are discounted at %(rate)s a year. Every year is discounted, the first year too "
    "(the SROI Guide convention): the value of year t is divided by %(factor)s to the power t."
)


@pytest.fixture
def thai_catalog():
    """The Thai strings come from the project catalogue (locale/th)."""
    yield


def make_user(email="owner@example.org"):
    return User.objects.create_user(email=email, password="x" * 12, email_verified_at=timezone.now())


def make_report(owner, *, slug="elderly-skills", completed_step=5, outcome="มีรายได้เพิ่มขึ้น"):
    report = ImpactReport(
        owner=owner,
        title_th=TITLE,
        slug=slug,
        live=False,
        completed_step=completed_step,
        discount_rate=Decimal("0.035"),
    )
    report.stakeholders = [ReportStakeholder(name="ผู้สูงอายุ"), ReportStakeholder(name="มูลนิธิ")]
    report.inputs = [ReportInput(description="grant", amount=Decimal("250000"), stakeholder="มูลนิธิ")]
    report.outcomes = [
        ReportOutcome(
            stakeholder="ผู้สูงอายุ",
            outcome=outcome,
            indicator="รายได้ต่อเดือน",
            quantity=Decimal("60"),
            unit="คน",
            financial_proxy=Decimal("8500"),
            proxy_source="สำนักงานสถิติแห่งชาติ",
            deadweight=Decimal("0.4"),
            attribution=Decimal("0.3"),
            drop_off=Decimal("0.3"),
            duration_years=2,
        )
    ]
    report.save()
    report.save_revision(user=owner)
    return report


@pytest.fixture
def owner():
    return make_user()


@pytest.fixture
def report(owner):
    return make_report(owner)


def owner_page(client, user, report, prefix=""):
    client.force_login(user)
    return client.get(f"{prefix}/accounts/reports/{report.pk}/")


NUMBERS = ("346,927.12", "96,927.12", "1.3877", "1 : 1.39", "250,000.00", "14.01", "40%", "30%")


# --- Formatting ----------------------------------------------------------------------------------------


def test_number_formats():
    assert number(Decimal("346927.1161")) == "346,927.12"
    assert number(Decimal("0.005")) == "0.01"  # halves up
    assert percent(Decimal("0.4")) == "40%" and percent(Decimal("0.035"), 4) == "3.5%"
    assert ratio_one_to(Decimal("3.4712")) == "1 : 3.47"
    assert payback(None) == "—"


def test_convention_in_words_names_the_rate_and_the_first_year():
    report = ImpactReport(discount_rate=Decimal("0.035"))
    with translation.override("en"):
        assert "3.5%" in convention_in_words(report) and "the first year too" in convention_in_words(report)
        report.discount_convention = DiscountConvention.FIRST_YEAR_UNDISCOUNTED
        assert "The first year is not discounted" in convention_in_words(report)


# --- Owner page ----------------------------------------------------------------------------------------


def test_owner_sees_numbers_and_convention_in_english(client, owner, report):
    response = owner_page(client, owner, report, prefix="/en")
    assert response.status_code == 200
    page = response.content.decode()
    for text in NUMBERS:
        assert text in page, text
    assert "discounted at 3.5% a year" in page and "the first year too" in page
    assert "Value map" in page and "Sensitivity analysis" in page and "สำนักงานสถิติแห่งชาติ" in page
    assert "Download the value map (CSV)" in page and f"/en/accounts/reports/{report.pk}/value-map.csv" in page


def test_owner_sees_numbers_and_convention_in_thai(client, owner, report, thai_catalog):
    page = owner_page(client, owner, report).content.decode()
    for text in NUMBERS:
        assert text in page, text
    assert TITLE in page and "บาท" in page
    assert "อัตราคิดลด 3.5% ต่อปี" in page and "รวมถึงปีแรก" in page and "1.035" in page
    assert "ส่งขออนุมัติ" in page


def test_other_users_get_404_for_page_and_csv(client, report):
    client.force_login(make_user("other@example.org"))
    assert client.get(f"/accounts/reports/{report.pk}/").status_code == 404
    assert client.get(f"/accounts/reports/{report.pk}/value-map.csv").status_code == 404


def test_anonymous_is_sent_to_login(client, report):
    for url in (f"/accounts/reports/{report.pk}/", f"/accounts/reports/{report.pk}/value-map.csv"):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_incomplete_report_redirects_to_the_next_step(client, owner):
    report = make_report(owner, completed_step=3)
    response = owner_page(client, owner, report, prefix="/en")
    assert response.status_code == 302 and response["Location"] == f"/en/accounts/reports/{report.pk}/step/4/"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("step 4" in m for m in messages)


def test_draft_shows_submit_and_edit_links_but_no_withdraw(client, owner, report):
    page = owner_page(client, owner, report, prefix="/en").content.decode()
    assert "Submit for approval" in page and f"/en/accounts/reports/{report.pk}/submit/" in page
    assert "data-once" in page and "js/forms.js" in page
    for step in range(1, 6):
        assert f"/en/accounts/reports/{report.pk}/step/{step}/" in page
    assert "Cancel approval request" not in page and "/withdraw/" not in page


def test_pending_shows_withdraw_with_confirmation_and_no_edit_or_submit(client, owner, report):
    report_submit(report=report, user=owner)
    page = owner_page(client, owner, report, prefix="/en").content.decode()
    assert "Cancel approval request" in page and f"/en/accounts/reports/{report.pk}/withdraw/" in page
    assert re.search(r'<input type="checkbox"[^>]*name="confirm" value="yes" required', page)
    assert "Pending approval" in page and "Decision due by" in page
    assert "/step/" not in page and "/submit/" not in page and "Submit for approval" not in page


def test_pending_in_thai_shows_the_thai_withdraw_button(client, owner, report, thai_catalog):
    report_submit(report=report, user=owner)
    page = owner_page(client, owner, report).content.decode()
    assert "ยกเลิกการขออนุมัติ" in page and "ส่งขออนุมัติ</button>" not in page


def test_owner_page_has_accessible_svg_charts_and_obeys_csp(client, owner, report):
    page = owner_page(client, owner, report, prefix="/en").content.decode()
    assert page.count('<svg class="chart-svg" role="img"') == 2
    assert '<title id="chart-outcomes-title">Present value by outcome</title>' in page
    assert '<title id="chart-years-title">Value by year</title>' in page
    assert 'aria-label="Present value by outcome"' in page and 'aria-label="Value by year"' in page
    assert "Show the chart&#x27;s data as a table" in page or "Show the chart's data as a table" in page
    assert "style=" not in page
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []


def test_owner_page_query_count(client, owner, report, django_assert_max_num_queries):
    client.force_login(owner)
    client.get(f"/accounts/reports/{report.pk}/")  # warm caches shared by every page (site, locale)
    with django_assert_max_num_queries(25):
        response = client.get(f"/accounts/reports/{report.pk}/")
    assert response.status_code == 200


def test_owner_page_shows_the_working_copy(client, owner, report):
    working = report.get_latest_revision_as_object()
    working.title_en = "Elderly vocational skills"
    working.save_revision(user=owner)
    page = owner_page(client, owner, report, prefix="/en").content.decode()
    assert "<h1>Elderly vocational skills</h1>" in page


# --- Public page ---------------------------------------------------------------------------------------


def test_public_page_404s_for_a_draft(client, report):
    assert client.get("/reports/elderly-skills/").status_code == 404
    assert client.get("/reports/elderly-skills/value-map.csv").status_code == 404


def test_public_page_shows_a_live_report_with_open_graph_and_canonical(client, owner, report):
    report.save_revision(user=owner).publish()
    response = client.get("/en/reports/elderly-skills/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in NUMBERS:
        assert text in page, text
    assert '<meta property="og:title"' in page and TITLE in page
    assert '<meta property="og:description"' in page and '<meta property="og:type" content="article">' in page
    assert '<link rel="canonical" href="http://testserver/en/reports/elderly-skills/">' in page
    assert "Submit for approval" not in page and "/withdraw/" not in page and "/step/" not in page
    assert "style=" not in page and re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []


def test_public_page_shows_live_numbers_not_a_newer_unpublished_revision(client, owner, report):
    report.save_revision(user=owner).publish()
    report.refresh_from_db()
    working = report.get_latest_revision_as_object()
    working.title_th = "ชื่อใหม่ที่ยังไม่อนุมัติ"
    working.outcomes = [
        ReportOutcome(stakeholder="ผู้สูงอายุ", outcome="ใหม่", indicator="x", quantity=Decimal("600"), financial_proxy=1)
    ]
    working.save_revision(user=owner)
    page = client.get("/reports/elderly-skills/").content.decode()
    assert "346,927.12" in page and TITLE in page and "ชื่อใหม่ที่ยังไม่อนุมัติ" not in page
    csv_text = client.get("/reports/elderly-skills/value-map.csv").content.decode("utf-8-sig")
    assert "346927.12" in csv_text and "ใหม่," not in csv_text
    # The owner sees the working copy instead.
    owner_view = owner_page(client, owner, report).content.decode()
    assert "ชื่อใหม่ที่ยังไม่อนุมัติ" in owner_view
