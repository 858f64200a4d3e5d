"""Wagtail's admin under its Content-Security-Policy (config/csp.py): the main screens open in Chromium with no
violation reported, and the widgets that need scripts work (Draftail's toolbar, StreamField, a chooser modal)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.second_factor import admin_sign_in

pytestmark = pytest.mark.e2e

# Every violation, enforced or report-only, reaches the page as a securitypolicyviolation event.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(
  [e.disposition, e.effectiveDirective, e.blockedURI, (e.sourceFile || '') + ':' + e.lineNumber, e.sample].join(' | ')
));
"""

SEED = """
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from tests.creators.factories import png_upload
from tests.portal.test_directory_api import make_creator
from funding.models import Funder
creator = make_creator("csp-admin-creator")
image = get_image_model()(title="csp logo")
image.file.save("csp-logo.png", png_upload(), save=True)
document = get_document_model()(title="csp report")
document.file.save("csp-report.txt", ContentFile(b"report"), save=True)
about = Page.objects.get(slug="about", locale__language_code="th")
faq = Page.objects.get(slug="faq", locale__language_code="th")
print(creator.pk, image.pk, document.pk, about.pk, faq.pk, Funder.objects.order_by("pk").first().pk)
"""


@pytest.fixture(scope="module")
def seeded_admin(stack):
    creator, image, document, about, faq, funder = stack.shell(SEED).split()[-6:]
    return {"creator": creator, "image": image, "document": document, "about": about, "faq": faq, "funder": funder}


@pytest.fixture
def admin_page(stack, page):
    page.add_init_script(LISTEN)
    messages: list[str] = []
    page.on(
        "console", lambda message: messages.append(message.text) if "Content Security Policy" in message.text else None
    )
    admin_sign_in(page, stack, stack.admin_email, stack.admin_password)
    expect(page.locator("#wagtail-sidebar, [data-wagtail-sidebar]").first).to_be_attached()
    page.csp_console = messages
    return page


def violations(page) -> list[str]:
    """Reported in the page and in its frames (the editor's preview panel), plus console complaints."""
    found = []
    for frame in page.frames:
        found += frame.evaluate("window.__csp || []")
    return found + page.csp_console


def visit(page, url: str) -> list[str]:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    policy = response.headers.get("content-security-policy", "")
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy, (url, policy)
    page.wait_for_load_state("networkidle")
    return violations(page)


def admin_urls(base: str, ids: dict) -> list[str]:
    admin = base + "/admin"
    return [
        f"{admin}/",
        f"{admin}/pages/",
        f"{admin}/pages/{ids['about']}/",
        f"{admin}/pages/{ids['about']}/edit/",
        f"{admin}/pages/{ids['faq']}/edit/",
        f"{admin}/snippets/",
        f"{admin}/snippets/portal/funder/",
        f"{admin}/snippets/portal/funder/edit/{ids['funder']}/",
        f"{admin}/snippets/creators/impactcreatorprofile/",
        f"{admin}/snippets/creators/impactcreatorprofile/edit/{ids['creator']}/",
        f"{admin}/images/",
        f"{admin}/images/{ids['image']}/",
        f"{admin}/images/multiple/add/",
        f"{admin}/documents/",
        f"{admin}/documents/edit/{ids['document']}/",
        f"{admin}/documents/multiple/add/",
        f"{admin}/workflows/list/",
        f"{admin}/workflows/tasks/index/",
        f"{admin}/reports/locked/",
        f"{admin}/reports/site-history/",
        f"{admin}/reports/workflow/",
        f"{admin}/reports/aging-pages/",
        f"{admin}/settings/portal/contactsettings/",
        f"{admin}/users/",
        f"{admin}/groups/",
        f"{admin}/account/",
    ]


def test_the_main_admin_screens_report_no_csp_violation(stack, seeded_admin, admin_page):
    found = {}
    for url in admin_urls(stack.base_url, seeded_admin):
        seen = visit(admin_page, url)
        if seen:
            found[url] = seen
    assert found == {}


def test_draftail_streamfield_and_a_chooser_modal_work_under_the_policy(stack, seeded_admin, admin_page):
    page = admin_page
    visit(page, f"{stack.base_url}/admin/pages/{seeded_admin['faq']}/edit/")
    editor = page.locator(".Draftail-Editor").first
    expect(editor).to_be_visible()
    expect(editor.locator(".Draftail-BlockToolbar__trigger").first).to_be_attached()
    editor.locator("[contenteditable=true]").first.click()
    page.keyboard.type("ทดสอบ")
    page.keyboard.press("Shift+Home")  # a selection brings up the formatting toolbar
    toolbar = page.locator(".Draftail-FloatingToolbar").first
    expect(toolbar).to_be_visible()
    toolbar.locator(".Draftail-ToolbarGroup--styles .Draftail-ToolbarButton").first.click()  # bold
    expect(editor.locator("[contenteditable=true] [style*='font-weight']").first).to_be_attached()

    visit(page, f"{stack.base_url}/admin/pages/{seeded_admin['about']}/edit/")
    expect(page.locator("[data-streamfield-stream-container], .c-sf-container").first).to_be_visible()
    page.locator("[data-side-panel-toggle='preview']").first.click()  # the live preview renders in a frame
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1").first).to_be_visible()

    visit(page, f"{stack.base_url}/admin/snippets/creators/impactcreatorprofile/edit/{seeded_admin['creator']}/")
    page.locator("[data-chooser-action-choose]").first.click()
    modal = page.locator(".modal-content").first  # the chooser modal, its listing loaded by script
    expect(modal).to_be_visible()
    expect(modal.get_by_text("csp logo").first).to_be_visible()
    assert violations(page) == []
