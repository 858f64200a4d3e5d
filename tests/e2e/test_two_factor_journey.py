"""A moderator enrols an authenticator app (codes computed from the shared secret the page shows), signs out, signs
in with password and code, and approves a registration; a wrong code is refused; a recovery code works once."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from playwright.sync_api import expect

from tests.e2e.second_factor import _last_step, next_code, submit_code

pytestmark = pytest.mark.e2e
PASSWORD = "ภูเขาสีเขียวยามเช้า 2569"
MODERATOR = "mod-two-step@example.org"


def _seed(stack) -> None:
    stack.shell(
        "from django.contrib.auth.models import Group\n"
        "from django.utils import timezone\n"
        "from wagtail.users.models import UserProfile\n"
        "from creators.models import ImpactCreatorProfile, User\n"
        "from creators.services.profiles import profile_submit\n"
        "from taxonomy.models import Province, Sector\n"
        f"user = User.objects.create_user(email='{MODERATOR}', password='{PASSWORD}', is_staff=True)\n"
        "user.groups.add(Group.objects.get(name='Moderators'))\n"
        "p = UserProfile.get_for_user(user); p.preferred_language = 'th'; p.save()\n"
        "owner = User.objects.create_user(email='owner-two-step@example.org', password='x' * 12,"
        " email_verified_at=timezone.now())\n"
        "profile = ImpactCreatorProfile(user=owner, slug='two-step-journey', name_th='มูลนิธิทดสอบสองขั้นตอน',"
        " name_en='Two Step Foundation', organisation_type=Sector.objects.get(slug='social'),"
        " province=Province.objects.get(slug='chiang-mai'), contact_name='สมใจ ทดสอบ', live=False)\n"
        "profile.save(); profile.save_revision(user=owner)\n"
        "profile_submit(profile=profile, user=owner)\n"
    )


def _password_step(page, base_url: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(MODERATOR)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()


def _submit_code(page, code: str) -> None:
    submit_code(page, code)


def test_a_moderator_enrols_signs_in_with_a_code_and_approves(stack, page):
    _seed(stack)
    base = stack.base_url
    _password_step(page, base)
    page.wait_for_url(re.compile(r"/admin/security/two-step/\?"))  # nothing but enrolment
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("main img[src^='data:image/svg+xml']").first).to_be_visible()
    page.goto(base + "/admin/snippets/creators/impactcreatorprofile/")
    expect(page).to_have_url(re.compile(r"/admin/security/two-step/"))
    secret = page.locator("[data-secret]").first.inner_text().replace(" ", "")
    key = b32decode(secret).hex()

    _submit_code(page, "000000" if next_code(key) != "000000" else "111111")  # wrong: refused
    _last_step.pop(key, None)  # the wrong code used nothing up
    expect(page.locator("main").first).to_contain_text("รหัสไม่ถูกต้อง")
    _submit_code(page, next_code(key))
    shown = page.locator("[data-recovery-codes]").first.locator("code")
    expect(shown).to_have_count(10)  # waits for the answer to the code; reading at once raced the navigation
    codes = shown.all_inner_texts()
    page.locator("[data-recovery-codes] ~ p a.button").first.click()
    expect(page).to_have_url(re.compile(r"/admin/"))

    # Sign out, then in again with password and a code from the app.
    page.context.clear_cookies()
    _password_step(page, base)
    page.wait_for_url(re.compile(r"/admin/security/two-step/verify/"))
    _submit_code(page, "123456" if next_code(key) != "123456" else "654321")
    expect(page.locator("main").first).to_contain_text("รหัสไม่ถูกต้อง")
    _submit_code(page, next_code(key))
    page.goto(base + "/admin/snippets/creators/impactcreatorprofile/")
    page.get_by_role("link", name="มูลนิธิทดสอบสองขั้นตอน").first.click()
    page.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()
    page.get_by_role("button", name="อนุมัติและเผยแพร่", exact=True).click()
    expect(page.locator(".messages, [role=status]").first).to_be_visible()
    live = stack.shell(
        "from creators.models import ImpactCreatorProfile\n"
        "print(ImpactCreatorProfile.objects.get(slug='two-step-journey').live)"
    )
    assert live.splitlines()[-1] == "True"

    # A recovery code works once.
    for attempt in (1, 2):
        page.context.clear_cookies()
        _password_step(page, base)
        page.wait_for_url(re.compile(r"/admin/security/two-step/verify/"))
        _submit_code(page, codes[0])
        if attempt == 1:
            expect(page).not_to_have_url(re.compile(r"/security/two-step/"))
        else:
            expect(page.locator("main").first).to_contain_text("รหัสไม่ถูกต้อง")
            expect(page).to_have_url(re.compile(r"/admin/security/two-step/verify/"))
