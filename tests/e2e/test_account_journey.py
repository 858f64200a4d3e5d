"""Register → confirm by email → pending dashboard → a moderator approves in the Wagtail admin → public."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.second_factor import admin_sign_in

pytestmark = pytest.mark.e2e
PASSWORD = "ทะเลสีครามยามเช้า 2569"


def _link_from_latest_email(stack, to: str, marker: str) -> str:
    code = (
        "from outbox.models import OutboxEmail\n"
        f"row = OutboxEmail.objects.filter(to='{to}', key__startswith='{marker}').latest('created_at')\n"
        "print(row.status, row.body_text)"
    )
    for _ in range(60):
        output = stack.shell(code)
        if output.startswith("sent"):
            # The stack runs on a free port and gets SITE_URL from it: every link in the email leads there.
            links = re.findall(r"https?://\S+", output)
            assert links and all(link.startswith(stack.base_url + "/") for link in links), (stack.base_url, links)
            return next(w for w in output.split() if w.startswith(stack.base_url))
        import time

        time.sleep(1)
    raise AssertionError(f"no sent email {marker} to {to}: {output}")


def _make_moderator(stack, email: str) -> None:
    stack.shell(
        "from django.contrib.auth.models import Group\nfrom creators.models import User\n"
        "from wagtail.users.models import UserProfile\n"
        f"u = User.objects.create_user(email='{email}', password='{PASSWORD}', is_staff=True)\n"
        "u.groups.add(Group.objects.get(name='Moderators'))\n"
        "p = UserProfile.get_for_user(u); p.preferred_language = 'en'; p.save()"
    )


def test_registration_verification_approval_and_public_profile(stack, page):
    email = "journey@example.org"
    page.goto(stack.base_url + "/accounts/register/creator/")
    page.get_by_label("ชื่อหน่วยงาน (ภาษาไทย)", exact=True).fill("มูลนิธิทดสอบการเดินทาง")
    page.get_by_label("ชื่อหน่วยงาน (ภาษาอังกฤษ)", exact=True).fill("Journey Test Foundation")
    page.get_by_label("ประเภทหน่วยงาน", exact=True).select_option(label="ภาคสังคม")
    page.get_by_label("จังหวัด", exact=True).select_option(label="เชียงใหม่")
    page.get_by_label("ที่อยู่", exact=True).fill("1 ถนนนิมมานเหมินท์")
    page.get_by_label("เกี่ยวกับหน่วยงาน", exact=True).fill("ส่งเสริมอาชีพผู้สูงอายุ")
    page.get_by_label(re.compile("ขจัดความยากจน")).check()
    page.get_by_label("ผู้ติดต่อ", exact=True).fill("สมศรี ทดสอบ")
    page.get_by_label("โทรศัพท์ติดต่อ", exact=True).fill("081-111-2222")
    page.get_by_label("อีเมลติดต่อ", exact=True).fill("contact-journey@example.org")
    page.get_by_label("อีเมล (ใช้เข้าสู่ระบบ)", exact=True).fill(email)
    page.get_by_label("รหัสผ่าน", exact=True).fill(PASSWORD)
    page.get_by_label("ยืนยันรหัสผ่าน", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile("ประกาศความเป็นส่วนตัว")).check()
    page.get_by_role("button", name="ลงทะเบียน").click()
    expect(page.locator("h1")).to_have_text("กรุณาตรวจสอบอีเมล")

    verify_link = _link_from_latest_email(stack, email, "verify:")
    page.goto(verify_link)
    expect(page.locator("h1")).to_have_text("ยืนยันอีเมลของคุณ")  # opening the link alone confirms nothing
    page.get_by_role("button", name="ยืนยันอีเมลของฉัน").click()
    # Confirming never logs in: the login page says so, and the password opens the dashboard.
    expect(page.locator(".messages")).to_contain_text("ยืนยันอีเมลเรียบร้อยแล้ว")
    page.get_by_label("อีเมล", exact=True).fill(email)
    page.get_by_label("รหัสผ่าน", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.locator("h1")).to_have_text("หน้าหลักของฉัน")
    status = page.get_by_test_id("account-status")
    expect(status).to_contain_text("รออนุมัติ")
    expect(status).to_contain_text(re.compile(r"25\d\d"))  # the due date, in the Buddhist Era
    expect(page.get_by_role("link", name="แก้ไขโปรไฟล์")).to_have_count(0)
    page.get_by_role("button", name="ออกจากระบบ").click()
    page.goto(verify_link)  # a second use: nothing to confirm, and no login
    expect(page.get_by_role("main")).to_contain_text("ยืนยันอีเมลนี้แล้ว กรุณาเข้าสู่ระบบด้วยรหัสผ่านของท่าน")
    expect(page.get_by_role("button", name="ยืนยันอีเมลของฉัน")).to_have_count(0)

    _make_moderator(stack, "mod-journey@example.org")
    admin_sign_in(page, stack, "mod-journey@example.org", PASSWORD)
    page.goto(stack.base_url + "/admin/snippets/creators/impactcreatorprofile/")
    page.get_by_role("link", name="มูลนิธิทดสอบการเดินทาง").first.click()
    page.locator("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages, [role=status]").first).to_be_visible()
    page.context.clear_cookies()

    approved_login = _link_from_latest_email(stack, email, "profile-decision:")
    page.goto(approved_login)
    page.get_by_label("อีเมล", exact=True).fill(email)
    page.get_by_label("รหัสผ่าน", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.get_by_test_id("account-status")).to_contain_text("อนุมัติแล้ว")
    page.get_by_role("link", name="ดูโปรไฟล์สาธารณะของฉัน").click()
    expect(page.locator("h1")).to_have_text("มูลนิธิทดสอบการเดินทาง")


def test_forgot_password_end_to_end(stack, page):
    email = "forgetful@example.org"
    stack.shell(
        "from django.utils import timezone\nfrom creators.models import User\n"
        f"User.objects.create_user(email='{email}', password='old password 12345', email_verified_at=timezone.now())"
    )
    page.goto(stack.base_url + "/en/accounts/login/")
    page.get_by_role("link", name="Forget Password").click()
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_role("button", name="Send the reset link").click()
    expect(page.locator("h1")).to_have_text("Check your email")
    page.goto(_link_from_latest_email(stack, email, "password-reset:"))
    page.get_by_label("New password", exact=True).fill("a brand new passphrase 2026")
    page.get_by_label("New password confirmation", exact=True).fill("a brand new passphrase 2026")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.locator("h1")).to_have_text("Your password has been set")
    page.get_by_role("main").get_by_role("link", name="Log in").click()
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill("a brand new passphrase 2026")
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    expect(page.locator("h1")).to_have_text("My dashboard")
