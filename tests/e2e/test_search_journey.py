"""Search in a real browser: a Thai query typed into the header box with a zero-width space pasted inside a word
finds the word inside longer names, grouped and highlighted; "show all" lists the reports over two pages; a hit
opens the organisation; English finds the same organisation by its province; staff delete it on request and the
next search no longer shows it or its reports."""

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

SLUG = "search-journey-elder"
NAME_TH = "มูลนิธิพัฒนาคุณภาพชีวิตผู้สูงอายุชาวสวนลำไย"
REPORTS = 23
SEED = f"""
from tests.search.factories import make_creator, make_report
elder = make_creator("{SLUG}", name_th="{NAME_TH}", name_en="Lamphun Elderly Wellbeing Foundation",
                     description="ฝึกทักษะอาชีพให้ผู้สูงอายุในชุมชน", province="lamphun")
for number in range({REPORTS}):
    make_report(f"search-journey-report-{{number}}", title_th=f"โครงการดูแลผู้สูงอายุชาวสวนลำไยติดเตียง รุ่นที่ {{number + 1}}",
                provinces=("lamphun",), owner=elder.user)
print("seeded")
"""
DELETE = f"""
from creators.models import ImpactCreatorProfile, User
from privacy.deletion import account_delete_on_request
staff = User.objects.create_user(email="search-journey-staff@example.org", password="x" * 12, is_staff=True)
profile = ImpactCreatorProfile.objects.get(slug="{SLUG}")
account_delete_on_request(profile=profile, reason="เจ้าของขอลบทางโทรศัพท์", channel="phone",
                          requested_by="คุณสมศรี", staff_user=staff)
print("deleted")
"""


def test_thai_search_groups_pages_opens_and_forgets_deleted_items(stack, page):
    assert stack.shell(SEED).endswith("seeded")

    page.goto(stack.base_url + "/")
    box = page.get_by_label("ค้นหาในเว็บไซต์")
    # A word found only inside longer words here, and no other journey uses it: the counts below are exact.
    box.fill("ลำ\u200bไย")  # a zero-width space pasted inside the word
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    expect(page.locator("h1")).to_be_visible()

    creators = page.get_by_role("region", name=re.compile("Impact Creator"))
    creator_link = creators.get_by_role("link", name=NAME_TH)
    expect(creator_link).to_have_count(1)
    expect(creator_link.locator("mark").first).to_have_text("ลำไย")
    reports = page.get_by_role("region", name=re.compile("Impact Report"))
    expect(reports.locator(".search-hit")).to_have_count(5)  # the best five of each group

    reports.get_by_role("link", name=re.compile(f"แสดงผลการค้นหาทั้ง {REPORTS} รายการ")).click()
    expect(page).to_have_url(re.compile(r"kind=reports"))
    expect(page.locator(".search-hit")).to_have_count(20)
    page.get_by_role("link", name="ถัดไป").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.locator(".search-hit")).to_have_count(REPORTS - 20)
    expect(page.locator(".search-hit h3 a").first).to_contain_text("ลำไย")

    page.goto(stack.base_url + "/en/search/?q=" + quote("Lamphun elderly"))
    english = page.get_by_role("link", name="Lamphun Elderly Wellbeing Foundation")
    expect(english).to_have_count(1)
    english.click()
    expect(page).to_have_url(f"{stack.base_url}/en/creators/{SLUG}/")

    assert stack.shell(DELETE).endswith("deleted")
    page.goto(stack.base_url + "/search/?q=" + quote("ลำไย"))
    expect(page.locator(".search-summary")).to_be_visible()
    expect(page.get_by_role("link", name=NAME_TH)).to_have_count(0)
    expect(page.locator(".search-hit", has_text="ลำไย")).to_have_count(0)
    assert page.goto(f"{stack.base_url}/creators/{SLUG}/").status == 404
