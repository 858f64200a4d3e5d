import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_home_language_switch_faq_and_anchor(stack, page):
    page.goto(stack.base_url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("h1")).to_have_text("Impact Partnership")

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(stack.base_url + "/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name=re.compile("Frequently asked")).click()
    expect(page).to_have_url(stack.base_url + "/en/faq/")
    page.locator(".faq-toc").get_by_role("link", name=re.compile("forget my password|forgot", re.I)).click()
    expect(page).to_have_url(re.compile(r"/en/faq/#forgot-password$"))
    expect(page.locator("#forgot-password")).to_be_in_viewport()

    page.get_by_role("link", name="ไทย").click()
    expect(page).to_have_url(re.compile(r"/faq/#?$|/faq/$"))
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("li.faq-item")).to_have_count(9)


def test_phone_layout_has_no_horizontal_scroll(stack, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(stack.base_url + "/faq/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()


def test_task_cluster_really_runs_tasks(stack):
    task_id = stack.shell("from django_q.tasks import async_task; print(async_task('math.floor', 2.5))")
    code = (
        "import time\nfrom django_q.models import Success\n"
        f"deadline = time.time() + 60\n"
        f"while time.time() < deadline and not Success.objects.filter(id='{task_id}').exists(): time.sleep(0.5)\n"
        f"print(Success.objects.get(id='{task_id}').result)"
    )
    assert stack.shell(code) == "2"


# 80 Thai letters with no dictionary word (no line-break opportunity) and a URL-like English name.
LONG_THAI = "ฆฌฎฏฐฑฒณ" * 10
LONG_LATIN = "https://www.an-organisation-whose-english-name-is-one-very-long-unbroken-web-address.example.org"
SEED_LONG_NAMES = f"""
from creators.models import ImpactCreatorProfile
from tests.portal.test_directory_api import make_creator
creator = make_creator("long-unbroken-name", name_th="{LONG_THAI}", province="mae-hong-son")
ImpactCreatorProfile.objects.filter(pk=creator.pk).update(name_en="{LONG_LATIN}")
from visibility.signals import public_content_changed
public_content_changed()
print("seeded")
"""
CARDS_FIT = """() => [...document.querySelectorAll('.directory-card')].map(card =>
    [card.scrollWidth, card.clientWidth, card.getBoundingClientRect().right, window.innerWidth])"""


def test_a_long_unbroken_name_stays_inside_its_card_on_a_phone(stack, browser):
    assert stack.shell(SEED_LONG_NAMES).endswith("seeded")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    for prefix in ("", "/en"):
        page.goto(f"{stack.base_url}{prefix}/impact-creators/?province=mae-hong-son")
        expect(page.locator(".directory-card")).to_have_count(1)
        for scroll_width, client_width, right, viewport in page.evaluate(CARDS_FIT):
            assert scroll_width <= client_width and right <= viewport, (prefix, scroll_width, client_width, right)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.goto(f"{stack.base_url}{prefix}/creators/long-unbroken-name/")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), prefix
    context.close()
