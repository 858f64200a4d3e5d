"""The header on a phone: the navigation folds behind a menu button that works with the keyboard (#14.4)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
PAGES = ["/", "/impact-creators/", "/faq/"]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="th-TH", viewport=PHONE, is_mobile=True, has_touch=True)
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


def menu_toggle(page):
    return page.get_by_role("button", name="เมนู")


@pytest.mark.parametrize("path", PAGES)
def test_main_heading_is_on_the_first_phone_screen(stack, phone, path):
    phone.goto(stack.base_url + path)
    heading = phone.locator("main h1").first
    expect(heading).to_be_in_viewport()
    box = heading.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], f"{path}: the h1 ends below the first screen"
    assert phone.evaluate("window.scrollY") == 0
    header = phone.locator("header.site-header").bounding_box()
    assert header["height"] < PHONE["height"] / 8, f"{path}: the closed header takes {header['height']} px"
    expect(phone.get_by_role("navigation", name="เมนูหลัก")).to_be_hidden()
    expect(menu_toggle(phone)).to_have_attribute("aria-expanded", "false")
    # The other language stays one tap away, outside the menu.
    expect(phone.get_by_role("link", name="English")).to_be_visible()


def test_menu_opens_and_closes_with_the_keyboard(stack, phone):
    phone.goto(stack.base_url + "/faq/")
    toggle = menu_toggle(phone)
    expect(toggle).to_have_attribute("aria-controls", "site-menu")
    # Tab order as a keyboard user meets it: skip link, brand, language, then the menu button.
    for _ in range(4):
        phone.keyboard.press("Tab")
    expect(toggle).to_be_focused()
    outline = toggle.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the focused menu button shows no focus ring"

    phone.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    nav = phone.get_by_role("navigation", name="เมนูหลัก")
    expect(nav).to_be_visible()
    expect(phone.get_by_role("searchbox", name="ค้นหาในเว็บไซต์")).to_be_visible()
    phone.keyboard.press("Tab")
    expect(nav.get_by_role("link").first).to_be_focused()

    phone.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    expect(toggle).to_be_focused()

    phone.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    phone.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()


def test_menu_link_leads_to_the_page_and_a_tap_outside_closes(stack, phone):
    phone.goto(stack.base_url + "/")
    toggle = menu_toggle(phone)
    toggle.tap()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    phone.locator("main").tap(position={"x": 10, "y": 300})
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.tap()
    phone.get_by_role("navigation", name="เมนูหลัก").get_by_role("link", name=re.compile("คำถาม")).tap()
    expect(phone).to_have_url(stack.base_url + "/faq/")
    expect(menu_toggle(phone)).to_have_attribute("aria-expanded", "false")


def test_without_javascript_the_menu_stays_open(stack, browser):
    context = browser.new_context(locale="th-TH", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(stack.base_url + "/")
    expect(page.get_by_role("navigation", name="เมนูหลัก")).to_be_visible()
    expect(page.get_by_role("button", name="เมนู")).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()
    context.close()


def test_links_show_inline_on_a_wide_screen(stack, page):
    page.goto(stack.base_url + "/")
    expect(menu_toggle(page)).to_be_hidden()
    links = page.get_by_role("navigation", name="เมนูหลัก").get_by_role("link")
    expect(links.first).to_be_visible()
    first, second = links.nth(0).bounding_box(), links.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"], "the links are not on one row"
    expect(page.get_by_role("searchbox", name="ค้นหาในเว็บไซต์")).to_be_visible()


def test_header_has_no_wcag_aa_violations(stack, phone, page):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}}
    phone.goto(stack.base_url + "/faq/")
    checked = [("phone, closed", phone)]
    results = [(label, axe.run(phone, context="header.site-header", options=options)) for label, _ in checked]
    menu_toggle(phone).click()
    results.append(("phone, open", axe.run(phone, context="header.site-header", options=options)))
    page.goto(stack.base_url + "/faq/")
    results.append(("wide", axe.run(page, context="header.site-header", options=options)))
    found = {label: result.generate_snapshot() for label, result in results if result.violations_count}
    assert not found, found
