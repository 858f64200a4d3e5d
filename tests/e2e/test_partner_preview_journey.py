"""An editor previews a draft page as a partner's front-end would: the admin hands out a ten-minute address, and a
browser with no session (the partner's) reads exactly that draft from the API while the live page stays as it was."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.second_factor import admin_sign_in
from tests.e2e.test_account_journey import PASSWORD, _make_moderator

pytestmark = pytest.mark.e2e

EDITOR = "partner-preview-editor@example.org"
DRAFT_TITLE = "ข่าวที่ยังไม่เผยแพร่สำหรับพันธมิตร"


def _page_with_a_draft(stack) -> int:
    return int(
        stack.shell(
            "from wagtail.models import Page\nfrom portal.models import ContentPage, HomePage\n"
            "home = HomePage.objects.get(locale__language_code='th')\n"
            "p = ContentPage(title='ข่าวที่เผยแพร่แล้ว', slug='partner-preview-journey', live=False)\n"
            "home.add_child(instance=p)\np.save_revision().publish()\n"
            f"p.title = '{DRAFT_TITLE}'\np.save_revision()\nprint(p.pk)"
        ).split()[-1]
    )


def test_an_editor_hands_a_partner_a_preview_of_the_draft(stack, page, browser):
    page_id = _page_with_a_draft(stack)
    _make_moderator(stack, EDITOR)
    admin_sign_in(page, stack, EDITOR, PASSWORD)

    page.goto(f"{stack.base_url}/admin/pages/{page_id}/edit/")
    page.locator("header").get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Preview for partner sites", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Preview for partner sites")
    api_link = page.get_by_test_id("partner-preview-api")
    api_url = api_link.get_attribute("href")
    assert re.search(r"/api/v2/preview/\?token=", api_url)

    partner = browser.new_context()  # the partner's front-end: no session, only the address
    try:
        answer = partner.request.get(api_url)
        assert answer.status == 200
        assert json.loads(answer.text())["title"] == DRAFT_TITLE
        live = partner.request.get(f"{stack.base_url}/api/v2/pages/{page_id}/")
        assert json.loads(live.text())["title"] == "ข่าวที่เผยแพร่แล้ว"
        forged = partner.request.get(api_url[:-3] + "abc")
        assert forged.status == 403 and "title" not in json.loads(forged.text())
    finally:
        partner.close()
