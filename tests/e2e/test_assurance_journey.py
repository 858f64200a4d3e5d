"""#16 end to end: download the Value Map template, fill it with openpyxl, upload it in the wizard, submit, a
moderator approves, the owner invites an Impact Assessor who assures it, and the public page and its PDF show the
calculator's numbers and the assurance."""

import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.second_factor import admin_sign_in
from tests.e2e.test_account_journey import PASSWORD, _link_from_latest_email, _make_moderator
from tests.e2e.test_report_journey import (
    _expect_results,
    _expected_present_value,
    _fill_template,
    _save_and_continue,
)

pytestmark = pytest.mark.e2e

OWNER = "assurance-journey@example.org"
ASSESSOR = "assurance-assessor@example.org"
MODERATOR = "mod-assurance-journey@example.org"
ASSESSOR_NAME = "สำนักงานรับรองผลกระทบทางสังคม"
STATEMENT = "ทบทวนแผนที่คุณค่าและการคิดลดแล้ว สอดคล้องกับหลักการ SROI"
# Its own title: other journeys in the same running stack make reports named like test_report_journey's.
TITLE_TH = "โครงการฝึกอาชีพผู้สูงอายุที่ขอการรับรอง"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sign_in(page, stack, email: str) -> None:
    page.goto(stack.base_url + "/accounts/login/")
    page.get_by_label("อีเมล", exact=True).fill(email)
    page.get_by_label("รหัสผ่าน", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.locator("h1")).to_have_text("หน้าหลักของฉัน")


def _registrants(stack) -> None:
    stack.shell(
        "from django.utils import timezone\n"
        "from creators.models import User, ImpactCreatorProfile, ImpactAssessorProfile\n"
        "from taxonomy.models import Province, Sector\n"
        f"u = User.objects.create_user(email='{OWNER}', password='{PASSWORD}', email_verified_at=timezone.now())\n"
        "p = ImpactCreatorProfile(user=u, slug='assurance-journey-foundation', name_th='มูลนิธิทดสอบการรับรอง',"
        " name_en='Assurance Journey Foundation', organisation_type=Sector.objects.first(),"
        " province=Province.objects.first(), contact_name='สมชาย ทดสอบ', live=False)\n"
        "p.save()\np.save_revision().publish()\n"
        f"a = User.objects.create_user(email='{ASSESSOR}', password='{PASSWORD}', email_verified_at=timezone.now())\n"
        f"s = ImpactAssessorProfile(user=a, slug='assurance-journey-assessor', name='{ASSESSOR_NAME}',"
        " qualifications='SROI Practitioner', live=False)\n"
        "s.save()\ns.save_revision().publish()"
    )


def test_template_upload_approval_assurance_public_page_and_pdf(stack, page, tmp_path):
    _registrants(stack)
    _sign_in(page, stack, OWNER)
    page.goto(stack.base_url + "/accounts/reports/new/")
    with page.expect_download() as download:
        page.get_by_role("link", name="ดาวน์โหลดแบบฟอร์มแผนที่คุณค่า (.xlsx)", exact=True).click()
    path = tmp_path / "value-map.xlsx"
    download.value.save_as(path)
    _fill_template(path)
    calculator = json.loads(
        page.request.post(
            stack.base_url + "/api/portal/sroi/calculate", data=path.read_bytes(), headers={"Content-Type": XLSX}
        ).text()
    )
    page.get_by_label("ไฟล์ Excel แผนที่คุณค่า (.xlsx)", exact=True).set_input_files(path)
    page.get_by_role("button", name="อัปโหลดและกรอกขั้นตอน", exact=True).click()
    expect(page.locator("h1")).to_contain_text("ขั้นตอนที่ 1 จาก 6:")
    page.get_by_label("ชื่อโครงการ (ภาษาไทย)", exact=True).fill(TITLE_TH)
    page.get_by_label("ภาคส่วน", exact=True).select_option(label="ภาคสังคม")
    for step in (2, 3, 4, 5, None):
        _save_and_continue(page, step)
    present_value = _expected_present_value(8500)
    assert Decimal(calculator["present_value"]) == present_value
    _expect_results(page, present_value)
    pk = int(re.search(r"/accounts/reports/(\d+)/$", page.url).group(1))
    page.get_by_role("button", name="ส่งขออนุมัติ", exact=True).click()
    expect(page.get_by_test_id("report-status")).to_contain_text("รออนุมัติ")
    page.context.clear_cookies()

    # A moderator approves in the Wagtail admin.
    _make_moderator(stack, MODERATOR)
    admin_sign_in(page, stack, MODERATOR, PASSWORD)
    page.goto(f"{stack.base_url}/admin/snippets/reports/impactreport/edit/{pk}/")
    page.locator("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages, [role=status]").first).to_be_visible()
    page.context.clear_cookies()

    # The owner invites the assessor from the report page.
    _sign_in(page, stack, OWNER)
    page.goto(f"{stack.base_url}/accounts/reports/{pk}/")
    page.get_by_label("เชิญผู้ประเมิน (Impact Assessor) ที่ได้รับการอนุมัติให้รับรองรายงานนี้", exact=True).select_option(
        label=ASSESSOR_NAME
    )
    page.get_by_role("button", name="เชิญให้รับรอง", exact=True).click()
    expect(page.get_by_test_id("assurance-status").first).to_have_text("ส่งคำเชิญแล้ว")
    page.context.clear_cookies()

    # The assessor follows the emailed link, accepts, records a finding and issues the statement.
    link = _link_from_latest_email(stack, ASSESSOR, "assurance:")
    _sign_in(page, stack, ASSESSOR)
    page.goto(link)
    expect(page.locator("h1")).to_have_text(TITLE_TH)
    page.get_by_role("button", name="ตอบรับ", exact=True).click()
    page.get_by_label("หัวข้อ", exact=True).select_option(label="ตัวแทนค่าทางการเงิน")
    page.get_by_role("textbox", name="ข้อค้นพบ", exact=True).fill("ตัวแทนค่ามาจากแบบสำรวจผู้เข้าร่วมจริง")
    page.get_by_role("button", name="บันทึกข้อค้นพบ", exact=True).click()
    page.get_by_label("ทบทวนความสอดคล้องกับหลักการ SROI", exact=True).check()
    page.get_by_role("textbox", name="คำรับรอง", exact=True).fill(STATEMENT)
    page.get_by_role("button", name="ออกคำรับรอง", exact=True).click()
    expect(page.locator("h1")).to_have_text("คำขอการรับรอง")
    page.context.clear_cookies()

    # The public page and its PDF: the calculator's numbers and the assurance.
    slug = stack.shell(
        f"from reports.models import ImpactReport\nprint(ImpactReport.objects.get(pk={pk}).slug)"
    ).split()[-1]
    page.goto(f"{stack.base_url}/reports/{slug}/")
    _expect_results(page, present_value)
    expect(page.get_by_test_id("assurance")).to_contain_text(ASSESSOR_NAME)
    expect(page.get_by_test_id("assurance")).to_contain_text(STATEMENT)
    pdf = page.request.get(f"{stack.base_url}/reports/{slug}/report.pdf")
    assert pdf.status == 200
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages))
    ratio = (present_value / Decimal(250000)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert f"1:{ratio}" in text and f"{present_value:,.2f}" in text
    assert "รับรองผลกระทบทางสังคม" in text  # the assessor's name (text extraction drops the sara am of "สำนัก")
