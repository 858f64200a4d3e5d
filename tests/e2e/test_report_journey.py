"""An approved Impact Creator builds an Impact Report in the wizard → submits → cancels the request → edits →
submits again → a moderator approves in the Wagtail admin → the public report shows the new numbers."""

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.e2e.second_factor import admin_sign_in
from tests.e2e.test_account_journey import PASSWORD, _link_from_latest_email, _make_moderator

pytestmark = pytest.mark.e2e

OWNER = "report-journey@example.org"
MODERATOR = "mod-report-journey@example.org"
TITLE_TH = "โครงการฝึกอาชีพผู้สูงอายุ"
TITLE_EN = "Elderly Skills Training Project"
STAKEHOLDER = "ผู้สูงอายุในชุมชน"


def _expected_present_value(proxy: int) -> Decimal:
    """60 people × proxy, less 40% deadweight and 30% attribution, 30% drop-off, 2 years, 3.5% (year 1 too)."""
    year_1 = Decimal(60) * proxy * Decimal("0.6") * Decimal("0.7")
    year_2 = year_1 * Decimal("0.7")
    rate = Decimal("1.035")
    return (year_1 / rate + year_2 / rate**2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _baht(value: Decimal) -> str:
    return f"{value:,.2f} บาท"


def _make_approved_creator(stack) -> None:
    stack.shell(
        "from django.utils import timezone\nfrom creators.models import User, ImpactCreatorProfile\n"
        "from taxonomy.models import Province, Sector\n"
        f"u = User.objects.create_user(email='{OWNER}', password='{PASSWORD}', email_verified_at=timezone.now())\n"
        "p = ImpactCreatorProfile(user=u, slug='report-journey-foundation', name_th='มูลนิธิทดสอบรายงาน',"
        " name_en='Report Journey Foundation', organisation_type=Sector.objects.first(),"
        " province=Province.objects.first(), contact_name='สมชาย ทดสอบ', live=False)\n"
        "p.save()\np.save_revision().publish()"
    )


def _totals_cell(page, header: str):
    row = page.locator("table.totals tr").filter(has=page.get_by_role("rowheader", name=header, exact=True))
    return row.get_by_role("cell")


def _expect_results(page, present_value: Decimal) -> None:
    ratio = present_value / Decimal(250000)
    one_to = ratio.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    four = ratio.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    expect(_totals_cell(page, "ปัจจัยนำเข้ารวม")).to_have_text("250,000.00 บาท")
    expect(_totals_cell(page, "มูลค่าปัจจุบัน (PV)")).to_have_text(_baht(present_value))
    expect(page.get_by_test_id("sroi-ratio-one-to")).to_have_text(f"1 : {one_to}")
    expect(_totals_cell(page, "อัตราผลตอบแทนทางสังคม (SROI)")).to_have_text(f"1 : {one_to} ({four})")


def _save_and_continue(page, next_step: int | None) -> None:
    page.get_by_role("button", name="บันทึกและไปต่อ", exact=True).click()
    if next_step is not None:
        expect(page.locator("h1")).to_contain_text(f"ขั้นตอนที่ {next_step} จาก 6:")


def _fill_valuation(page, proxy: str) -> None:
    page.get_by_label("ตัวแทนค่าทางการเงิน (บาทต่อหน่วย)", exact=True).fill(proxy)
    page.get_by_label("สิ่งที่ตัวแทนค่าทางการเงินวัด", exact=True).fill("รายได้เพิ่มต่อคนต่อปี")
    page.get_by_label("แหล่งที่มาของตัวแทนค่าทางการเงิน", exact=True).fill("แบบสำรวจผู้เข้าร่วม")


def _fill_adjustments(page) -> None:
    page.get_by_label("อัตราคิดลด (% ต่อปี)", exact=True).fill("3.5")
    page.get_by_label("ผลที่จะเกิดขึ้นอยู่แล้ว (Deadweight, %)", exact=True).fill("40")
    page.get_by_label("ผลจากผู้อื่น (Attribution, %)", exact=True).fill("30")
    page.get_by_label("ผลทดแทน (Displacement, %)", exact=True).fill("0")
    page.get_by_label("อัตราการลดลงของผลลัพธ์ (Drop-off, % ต่อปี)", exact=True).fill("30")
    page.get_by_label("เริ่มในปีที่", exact=True).fill("1")
    page.get_by_label("ระยะเวลา (ปี)", exact=True).fill("2")


def test_report_wizard_submit_withdraw_edit_approve_and_public(stack, page):
    _make_approved_creator(stack)
    first_pv, second_pv = _expected_present_value(8500), _expected_present_value(9000)
    assert first_pv == Decimal("346927.12")

    # 1. Log in and start a report from the dashboard.
    page.goto(stack.base_url + "/accounts/login/")
    page.get_by_label("อีเมล", exact=True).fill(OWNER)
    page.get_by_label("รหัสผ่าน", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.locator("h1")).to_have_text("หน้าหลักของฉัน")
    page.get_by_role("link", name="สร้างรายงาน Impact Report ใหม่", exact=True).click()
    page.get_by_role("button", name="เริ่มสร้างรายงานใหม่", exact=True).click()
    expect(page.locator("h1")).to_contain_text("ขั้นตอนที่ 1 จาก 6:")
    pk = int(re.search(r"/accounts/reports/(\d+)/step/1/$", page.url).group(1))

    # Step 1: project and scope.
    page.get_by_label("ชื่อโครงการ (ภาษาไทย)", exact=True).fill(TITLE_TH)
    page.get_by_label("ชื่อโครงการ (ภาษาอังกฤษ)", exact=True).fill(TITLE_EN)
    page.get_by_label("สรุป", exact=True).fill("ฝึกทักษะอาชีพให้ผู้สูงอายุ 60 คน เพื่อเพิ่มรายได้")
    page.get_by_label("ภาคส่วน", exact=True).select_option(label="ภาคสังคม")
    page.get_by_label("1. ขจัดความยากจน", exact=True).check()
    _save_and_continue(page, 2)

    # Step 2: one stakeholder and one input of 250,000 baht.
    stakeholder = page.get_by_role("group", name="ผู้มีส่วนได้ส่วนเสีย 1", exact=True)
    stakeholder.get_by_label("ผู้มีส่วนได้ส่วนเสีย", exact=True).fill(STAKEHOLDER)
    stakeholder.get_by_label("เป็นใครและได้รับผลกระทบอย่างไร", exact=True).fill("ผู้สูงอายุที่เข้าร่วมการอบรม")
    entry = page.get_by_role("group", name="ปัจจัยนำเข้า 1", exact=True)
    entry.get_by_label("ปัจจัยนำเข้า", exact=True).fill("งบประมาณโครงการ")
    entry.get_by_label("ผู้ให้", exact=True).select_option(label=STAKEHOLDER)
    entry.get_by_label("มูลค่า (บาท)", exact=True).fill("250,000")
    # Typing a new stakeholder name must not pre-select it in the blank rows (they would then count as filled in).
    for number in (2, 3):
        blank = page.get_by_role("group", name=f"ปัจจัยนำเข้า {number}", exact=True)
        expect(blank.get_by_label("ผู้ให้", exact=True)).to_have_value("")
    _save_and_continue(page, 3)

    # Step 3: one outcome for 60 people.
    outcome = page.get_by_role("group", name="ผลลัพธ์ 1", exact=True)
    outcome.get_by_label("ผู้มีส่วนได้ส่วนเสีย", exact=True).select_option(label=STAKEHOLDER)
    outcome.get_by_label("ผลลัพธ์ (สิ่งที่เปลี่ยนแปลง)", exact=True).fill("มีรายได้เสริมเพิ่มขึ้น")
    outcome.get_by_label("ตัวชี้วัด", exact=True).fill("จำนวนผู้สูงอายุที่มีรายได้เสริม")
    outcome.get_by_label("จำนวน", exact=True).fill("60")
    outcome.get_by_label("หน่วย", exact=True).fill("คน")
    _save_and_continue(page, 4)

    # Step 4: valuation. Step 5: adjustments and discounting.
    _fill_valuation(page, "8,500")
    _save_and_continue(page, 5)
    _fill_adjustments(page)
    _save_and_continue(page, None)

    # Step 6: the report page with the results.
    expect(page).to_have_url(f"{stack.base_url}/accounts/reports/{pk}/")
    expect(page.locator("h1")).to_have_text(TITLE_TH)
    _expect_results(page, first_pv)
    expect(page.get_by_test_id("report-status")).to_contain_text("ฉบับร่าง")

    # Submit → pending, with a due date in the Buddhist Era.
    page.get_by_role("button", name="ส่งขออนุมัติ", exact=True).click()
    expect(page.get_by_test_id("report-status")).to_contain_text("รออนุมัติ")
    expect(page.get_by_role("link", name="แก้ไขขั้นตอนที่ 4", exact=True)).to_have_count(0)
    received = _link_from_latest_email(stack, OWNER, "report-received:")
    assert received == f"{stack.base_url}/accounts/reports/{pk}/"
    page.goto(stack.base_url + "/accounts/")
    status = page.get_by_test_id(f"report-status-{pk}")
    expect(status).to_contain_text("รออนุมัติ")
    expect(status).to_contain_text(re.compile(r"25\d\d"))
    # The wizard refuses to edit a report that waits for approval.
    page.goto(f"{stack.base_url}/accounts/reports/{pk}/step/4/")
    expect(page).to_have_url(f"{stack.base_url}/accounts/reports/{pk}/")

    # Cancel the approval request → withdrawn and editable again.
    page.goto(stack.base_url + "/accounts/")
    page.get_by_role("link", name=TITLE_TH, exact=True).click()
    page.get_by_label("ยืนยันการยกเลิกการขออนุมัติรายงานนี้", exact=True).check()
    page.get_by_role("button", name="ยกเลิกการขออนุมัติ", exact=True).click()
    expect(page.get_by_test_id("report-status")).to_contain_text("ยกเลิกการขออนุมัติแล้ว")
    expect(page.get_by_role("button", name="ยกเลิกการขออนุมัติ", exact=True)).to_have_count(0)

    # Edit the proxy to 9,000 and save through step 5 back to the report page.
    page.get_by_role("link", name="แก้ไขขั้นตอนที่ 4", exact=True).click()
    expect(page.locator("h1")).to_contain_text("ขั้นตอนที่ 4 จาก 6:")
    expect(page.get_by_label("ตัวแทนค่าทางการเงิน (บาทต่อหน่วย)", exact=True)).to_have_value("8,500.00")
    page.get_by_label("ตัวแทนค่าทางการเงิน (บาทต่อหน่วย)", exact=True).fill("9000")
    _save_and_continue(page, 5)
    expect(page.get_by_label("ผลที่จะเกิดขึ้นอยู่แล้ว (Deadweight, %)", exact=True)).to_have_value("40")
    _save_and_continue(page, None)
    expect(page).to_have_url(f"{stack.base_url}/accounts/reports/{pk}/")
    _expect_results(page, second_pv)

    # Submit again.
    page.get_by_role("button", name="ส่งขออนุมัติ", exact=True).click()
    expect(page.get_by_test_id("report-status")).to_contain_text("รออนุมัติ")
    page.goto(stack.base_url + "/accounts/")
    expect(page.get_by_test_id(f"report-status-{pk}")).to_contain_text("รออนุมัติ")
    page.get_by_role("button", name="ออกจากระบบ", exact=True).click()
    page.context.clear_cookies()

    # A moderator approves in the Wagtail admin.
    _make_moderator(stack, MODERATOR)
    admin_sign_in(page, stack, MODERATOR, PASSWORD)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(stack.base_url + "/admin/snippets/reports/impactreport/")
    page.get_by_role("link", name=re.compile(f"^({TITLE_TH}|{TITLE_EN})$")).first.click()
    page.locator("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages, [role=status]").first).to_be_visible()
    page.context.clear_cookies()

    # The owner is told, and the public page shows the numbers computed with the 9,000 baht proxy.
    approved = _link_from_latest_email(stack, OWNER, "report-decision:")
    assert approved == f"{stack.base_url}/accounts/reports/{pk}/"
    slug, stored_pv, live = stack.shell(
        "from reports.models import ImpactReport\n"
        f"r = ImpactReport.objects.get(pk={pk})\n"
        "print(r.slug, r.results().present_value.quantize(__import__('decimal').Decimal('0.01')), r.live)"
    ).split()
    assert live == "True"
    assert Decimal(stored_pv) == second_pv
    page.goto(f"{stack.base_url}/reports/{slug}/")
    expect(page.locator("h1")).to_have_text(TITLE_TH)
    _expect_results(page, second_pv)
    expect(page.get_by_role("main")).to_contain_text("มูลนิธิทดสอบรายงาน")


WORKBOOK_OWNER = "workbook-journey@example.org"


def _fill_template(path: Path) -> None:
    """The downloaded template with the journey's value map written over its example rows (by key in row 2)."""
    workbook = openpyxl.load_workbook(path)
    rows = {
        "Settings": {"discount_rate": 0.035, "discount_first_year": True},
        "Inputs": {"description": "งบประมาณโครงการ", "amount": 250000},
        "Outcomes": {
            "name": "มีรายได้เสริมเพิ่มขึ้น",
            "stakeholder": STAKEHOLDER,
            "indicator_code": "8.5.2",
            "quantity": 60,
            "financial_proxy": 8500,
            "proxy_source": "แบบสำรวจผู้เข้าร่วม",
            "start_year": 1,
            "duration_years": 2,
            "deadweight": 0.4,
            "attribution": 0.3,
            "displacement": 0,
            "drop_off": 0.3,
        },
    }
    for name, values in rows.items():
        sheet = workbook[name]
        for cell in sheet[2]:
            if cell.value in values:
                sheet.cell(row=3, column=cell.column, value=values[cell.value])
    workbook.save(path)


def test_a_report_started_from_the_downloaded_and_filled_template(stack, page, tmp_path):
    stack.shell(
        "from django.utils import timezone\nfrom creators.models import User, ImpactCreatorProfile\n"
        "from taxonomy.models import Province, Sector\n"
        f"u = User.objects.create_user(email='{WORKBOOK_OWNER}', password='{PASSWORD}', "
        "email_verified_at=timezone.now())\n"
        "p = ImpactCreatorProfile(user=u, slug='workbook-journey-foundation', name_th='มูลนิธิทดสอบไฟล์ Excel',"
        " name_en='Workbook Journey Foundation', organisation_type=Sector.objects.first(),"
        " province=Province.objects.first(), contact_name='สมหญิง ทดสอบ', live=False)\n"
        "p.save()\np.save_revision().publish()"
    )
    page.goto(stack.base_url + "/accounts/login/")
    page.get_by_label("อีเมล", exact=True).fill(WORKBOOK_OWNER)
    page.get_by_label("รหัสผ่าน", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.locator("h1")).to_have_text("หน้าหลักของฉัน")
    page.goto(stack.base_url + "/accounts/reports/new/")

    # Download the template, fill it in with openpyxl, upload it.
    with page.expect_download() as download:
        page.get_by_role("link", name="ดาวน์โหลดแบบฟอร์มแผนที่คุณค่า (.xlsx)", exact=True).click()
    path = tmp_path / "value-map.xlsx"
    download.value.save_as(path)
    _fill_template(path)
    page.get_by_label("ไฟล์ Excel แผนที่คุณค่า (.xlsx)", exact=True).set_input_files(path)
    page.get_by_role("button", name="อัปโหลดและกรอกขั้นตอน", exact=True).click()

    # Step 1 with the message; the later steps show the workbook's values to review.
    expect(page.locator("h1")).to_contain_text("ขั้นตอนที่ 1 จาก 6:")
    expect(page.get_by_role("main")).to_contain_text("ข้อมูลจากไฟล์ Excel ถูกกรอกแล้ว")
    page.get_by_label("ชื่อโครงการ (ภาษาไทย)", exact=True).fill(TITLE_TH)
    _save_and_continue(page, 2)
    entry = page.get_by_role("group", name="ปัจจัยนำเข้า 1", exact=True)
    expect(entry.get_by_label("ปัจจัยนำเข้า", exact=True)).to_have_value("งบประมาณโครงการ")
    _save_and_continue(page, 3)
    outcome = page.get_by_role("group", name="ผลลัพธ์ 1", exact=True)
    expect(outcome.get_by_label("ผลลัพธ์ (สิ่งที่เปลี่ยนแปลง)", exact=True)).to_have_value("มีรายได้เสริมเพิ่มขึ้น")
    expect(outcome.get_by_label("ผู้มีส่วนได้ส่วนเสีย", exact=True)).to_have_value(STAKEHOLDER)
    _save_and_continue(page, 4)
    _save_and_continue(page, 5)
    expect(page.get_by_label("ผลที่จะเกิดขึ้นอยู่แล้ว (Deadweight, %)", exact=True)).to_have_value("40")
    _save_and_continue(page, None)

    # The report page shows the calculator's numbers and offers the value map back as .xlsx.
    expect(page.locator("h1")).to_have_text(TITLE_TH)
    _expect_results(page, _expected_present_value(8500))
    expect(page.get_by_role("link", name="ดาวน์โหลดแผนที่คุณค่า (.xlsx)", exact=True)).to_be_visible()
