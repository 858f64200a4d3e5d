"""The Impact Portal in a real browser: filter creators by province and SDG, open a creator's Impact
Performance, open its report, see its percentile in its sector and follow it to the sector benchmarks.
Then CREATE IMPACT: an approved member sends a consultation request; the email leaves the outbox with
Reply-To set to the sender, and the recipient's address is never shown."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.test_account_journey import PASSWORD

pytestmark = pytest.mark.e2e

RECIPIENT_LOGIN = "lanna-login@example.org"
SENDER = "portal-journey-sender@example.org"

SEED = f"""
from decimal import Decimal
from creators.models import ImpactCreatorProfile
from reports.models import ImpactReport
from tests.portal.test_directory_api import make_creator, make_report
lanna = make_creator("lanna-learning", name_th="มูลนิธิการเรียนรู้ล้านนา", province="chiang-mai", sdgs=[4],
                     email="{RECIPIENT_LOGIN}")
ImpactCreatorProfile.objects.filter(pk=lanna.pk).update(name_en="Lanna Learning Foundation")
other_goal = make_creator("chiang-mai-climate", province="chiang-mai", sdgs=[13], email="{SENDER}")
other_goal.user.set_password("{PASSWORD}")
other_goal.user.save()
bangkok = make_creator("bangkok-learning", province="bangkok", sdgs=[4])
make_report("lanna-elderly-skills", owner=lanna.user, sector="academia", sdgs=(4, 8), ratio="1.3877")
make_report("bangkok-green", owner=bangkok.user, sector="academia", sdgs=(4,), ratio="3.2000")
ImpactReport.objects.filter(slug="lanna-elderly-skills").update(title_en="Elderly Skills Training")
from visibility.signals import public_content_changed
public_content_changed()
print("seeded")
"""


@pytest.fixture(scope="module")
def seeded(stack):
    assert stack.shell(SEED).endswith("seeded")
    return stack


def _creator_cards(page):
    return page.locator(".directory-results .directory-card h2 a")


def test_filter_creators_open_performance_report_and_benchmark(seeded, page):
    stack = seeded

    page.goto(stack.base_url + "/en/impact-creators/")
    # Other journeys share this stack: look only at the organisations seeded here.
    cards = _creator_cards(page)
    for name in ("Lanna Learning Foundation", "Org chiang-mai-climate", "Org bangkok-learning"):
        expect(cards.filter(has_text=name)).to_have_count(1)
    page.get_by_label("Province", exact=True).select_option("chiang-mai")
    page.get_by_role("button", name="Show results", exact=True).click()
    expect(cards.filter(has_text="Org chiang-mai-climate")).to_have_count(1)
    expect(cards.filter(has_text="Org bangkok-learning")).to_have_count(0)
    page.get_by_label("SDG goal", exact=True).select_option("4")
    page.get_by_role("button", name="Show results", exact=True).click()
    expect(page).to_have_url(re.compile(r"province=chiang-mai.*sdg=4|sdg=4.*province=chiang-mai"))
    expect(_creator_cards(page)).to_have_count(1)
    expect(_creator_cards(page)).to_have_text("Lanna Learning Foundation")

    _creator_cards(page).first.click()
    expect(page).to_have_url(f"{stack.base_url}/en/creators/lanna-learning/")
    expect(page.locator("h1")).to_have_text("Lanna Learning Foundation")
    performance = page.get_by_role("region", name="Impact Performance")
    expect(performance.get_by_test_id("performance-reports")).to_have_text("1")
    expect(performance.get_by_test_id("performance-inputs")).to_have_text("250,000.00 baht")
    expect(performance.get_by_test_id("performance-present-value")).to_have_text("346,927.12 baht")
    expect(performance.get_by_test_id("performance-ratio")).to_have_text("1 : 1.39 (1.3877)")
    expect(performance.get_by_test_id("performance-sdgs")).to_contain_text("4.")
    expect(performance.get_by_test_id("performance-sdgs")).to_contain_text("8.")
    expect(page.locator('link[rel="canonical"]')).to_have_attribute(
        "href", f"{stack.base_url}/en/creators/lanna-learning/"
    )
    expect(page.locator('meta[property="og:locale"]')).to_have_attribute("content", "en_US")

    page.get_by_role("link", name="Elderly Skills Training", exact=True).click()
    expect(page).to_have_url(f"{stack.base_url}/en/reports/lanna-elderly-skills/")
    percentile = page.get_by_test_id("benchmark-percentile")
    expect(percentile).to_contain_text("50%")  # 1.3877 is the lower of the sector's two ratios
    percentile.get_by_role("link", name="See the sector benchmarks").click()
    expect(page).to_have_url(f"{stack.base_url}/en/analyst/benchmarks/#sector-academia")
    academia = page.locator("#sector-academia")
    expect(academia).to_be_visible()
    expect(academia.locator("td").first).to_have_text("2")


def _latest_consultation_email(stack) -> str:
    for _ in range(60):
        status = stack.shell(
            "from outbox.models import OutboxEmail\n"
            "row = OutboxEmail.objects.filter(key__startswith='consultation:').order_by('-pk').first()\n"
            "print(row.status if row else 'none')"
        )
        if status == "sent":
            sent = [text for text in stack.emails() if "Reply-To:" in text and RECIPIENT_LOGIN in text]
            if sent:
                return sent[-1]
        time.sleep(1)
    raise AssertionError(f"the consultation email was not sent ({status})")


def test_approved_member_sends_a_consultation_request(seeded, page):
    stack = seeded

    # Anonymous visitors are asked to log in.
    page.goto(stack.base_url + "/en/creators/lanna-learning/")
    expect(page.get_by_role("link", name="Log in to send a consultation request.")).to_be_visible()

    page.goto(stack.base_url + "/accounts/login/")
    page.get_by_label("อีเมล", exact=True).fill(SENDER)
    page.get_by_label("รหัสผ่าน", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.locator("h1")).to_have_text("หน้าหลักของฉัน")

    page.goto(stack.base_url + "/en/creators/lanna-learning/")
    form = page.get_by_role("region", name="Ask for a consultation")
    expect(form).to_contain_text("Their email address is not shown to you")
    form.get_by_label("Subject", exact=True).fill("Joint SROI study for SDG 4")
    form.get_by_label("Message", exact=True).fill("สวัสดีครับ เราอยากชวนร่วมประเมินผลลัพธ์ทางสังคมด้านการศึกษาในเชียงใหม่")
    form.get_by_role("button", name="Send consultation request").dblclick()  # a double click sends once
    expect(page).to_have_url(f"{stack.base_url}/en/creators/lanna-learning/")
    expect(page.get_by_role("status")).to_contain_text(
        "Your consultation request has been sent to Lanna Learning Foundation."
    )
    assert RECIPIENT_LOGIN not in page.content()

    email = _latest_consultation_email(stack)
    assert f"Reply-To: {SENDER}" in email
    assert f"To: {RECIPIENT_LOGIN}" in email
    stored = stack.shell(
        "from creators.models import ConsultationRequest\nfrom outbox.models import OutboxEmail\n"
        "print(ConsultationRequest.objects.count(), OutboxEmail.objects.get(key__startswith='consultation:').subject)"
    )
    assert stored.startswith("1 ") and stored.endswith(": Joint SROI study for SDG 4")
