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
