"""A Thai moderator and a Thai editor walk their Wagtail admin screens; no visible UI text may be English.

Every screen is checked the same way: visible text nodes plus the aria-label, title and placeholder of visible
elements. What stays Latin is removed first (content this test and the initial content created, e-mail
addresses, URLs, brand and proper names); any English word left fails the test with the screen it was on.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.second_factor import admin_sign_in

pytestmark = pytest.mark.e2e
PASSWORD = "ภูเขาสีเขียวยามเย็น 2569"
MODERATOR = "moderator-thai-admin@example.org"
EDITOR = "editor-thai-admin@example.org"

# Brand, product and proper names that stay Latin in Thai government sites too (locale/GLOSSARY.md).
ALLOWED_PHRASES = (
    "Impact Partnership", "Impact Creators", "Impact Creator", "Impact Assessors", "Impact Assessor",
    "Impact Reports", "Impact Report", "Impact Data", "Impact Performance", "LINE Official Account",
    "Social Value International", "ascii_snake_case",
)  # fmt: skip
ALLOWED_WORDS = {
    word.lower()
    for line in (
        "Wagtail Draftail SROI SDG SDGs URL API JSON CSV XLSX HTML PDF PNG JPEG JPG GIF WebP AVIF HEIC SVG ICO",
        "UTC ID UUID Gravatar Embedly oEmbed JavaScript Unicode English Ctrl Cmd Alt Shift Enter Esc Tab MB KB",
        "slug alias anchor locale snippet CO IPv DEBUG",
    )
    for word in line.split()
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
NOISE = re.compile(r"\S+@\S+|https?://\S+|(?<!\w)/[\w/.\-?=&%#]*|\b\w+\.(?:png|jpe?g|pdf|txt|docx?)\b", re.I)

COLLECT = """() => {
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'CODE', 'PRE', 'IFRAME', 'TEXTAREA']);
  const visible = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement, text = node.textContent.trim();
    // Editors' own words: the rich text being edited and its previews (minimap, collapsed block titles).
    if (!text || !el || skip.has(el.tagName)) continue;
    if (el.closest('[contenteditable=true], .DraftEditor-root, .w-minimap-item__text, .c-sf-block__title')) continue;
    if (visible(el)) texts.push(text);
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (!visible(el)) continue;
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value && value.trim()) texts.push(value.trim());
    }
  }
  return texts;
}"""


def _seed(stack) -> dict:
    """Users with the project's groups and Thai as their admin language, a pending registrant, a funder."""
    out = stack.shell(
        "import json\n"
        "from django.contrib.auth.models import Group\n"
        "from django.utils import timezone\n"
        "from wagtail.models import Page\n"
        "from wagtail.users.models import UserProfile\n"
        "from creators.models import ImpactCreatorProfile, User\n"
        "from creators.services.profiles import profile_submit\n"
        "from portal.models import ContentPage\n"
        "from taxonomy.models import Province, Sector\n"
        f"for email, group in (('{MODERATOR}', 'Moderators'), ('{EDITOR}', 'Editors')):\n"
        f"    user = User.objects.create_user(email=email, password='{PASSWORD}', is_staff=True)\n"
        "    user.groups.add(Group.objects.get(name=group))\n"
        "    profile = UserProfile.get_for_user(user); profile.preferred_language = 'th'; profile.save()\n"
        "owner = User.objects.create_user(email='owner-thai-admin@example.org', password='x' * 12,"
        " email_verified_at=timezone.now())\n"
        "profile = ImpactCreatorProfile(user=owner, slug='thai-admin-journey', name_th='มูลนิธิทดสอบระบบจัดการ',"
        " name_en='Admin Journey Foundation', organisation_type=Sector.objects.get(slug='social'),"
        " province=Province.objects.get(slug='chiang-mai'), contact_name='สมใจ ทดสอบ', live=False)\n"
        "profile.save(); profile.save_revision(user=owner)\n"
        "profile_submit(profile=profile, user=owner)\n"
        "content = ContentPage.objects.filter(locale__language_code='th').first()\n"
        "titles = sorted({p.title for p in Page.objects.all()})\n"
        "print(json.dumps({'creator': profile.pk, 'content_page': content.pk, 'home': content.get_parent().pk,"
        " 'content': titles}))"
    )
    return json.loads(out.splitlines()[-1])


def _content_strings(stack) -> list[str]:
    """Data shown in the admin that is content, not interface: titles and names staff or the loader wrote."""
    out = stack.shell(
        "import json\n"
        "from django.apps import apps\n"
        "from wagtail.models import Collection, Page, Site, Task, Workflow\n"
        "from django.contrib.auth.models import Group\n"
        "values = set()\n"
        "values |= {p.title for p in Page.objects.all()} | {p.slug for p in Page.objects.all()}\n"
        "values |= {c.name for c in Collection.objects.all()}\n"
        "values |= {s.site_name or s.hostname for s in Site.objects.all()} | {g.name for g in Group.objects.all()}\n"
        "values |= {w.name for w in Workflow.objects.all()} | {t.name for t in Task.objects.all()}\n"
        "from wagtail.documents import get_document_model\n"
        "from wagtail.images import get_image_model\n"
        "values |= {i.title for i in get_image_model().objects.all()}\n"
        "for d in get_document_model().objects.all():\n"
        "    values |= {d.title, d.file.name.rsplit('/', 1)[-1]}\n"
        "for label in ('funding.Funder', 'taxonomy.Theme', 'taxonomy.Sector', 'taxonomy.Province', 'taxonomy.SdgGoal',"
        " 'creators.ImpactCreatorProfile', 'creators.ImpactAssessorProfile', 'reports.ImpactReport'):\n"
        "    for obj in apps.get_model(label).objects.all():\n"
        "        fields = ('name_th', 'name_en', 'name', 'title_th', 'title_en', 'slug')\n"
        "        values |= {str(getattr(obj, f)) for f in fields if getattr(obj, f, None)}\n"
        "print(json.dumps(sorted(values, key=len, reverse=True)))"
    )
    return json.loads(out.splitlines()[-1])


class ThaiScreens:
    """Collects the English left on each screen; the test fails once, listing every screen and word."""

    def __init__(self, page: Page, content: list[str]):
        self.page = page
        self.content = [text for text in content if re.search(r"[A-Za-z]", text)]
        self.findings: dict[str, set[str]] = {}

    def english_words(self, text: str) -> set[str]:
        for phrase in (*self.content, *ALLOWED_PHRASES):
            text = text.replace(phrase, " ")
        text = NOISE.sub(" ", text)
        return {word for word in LATIN_WORD.findall(text) if word.lower() not in ALLOWED_WORDS}

    def check(self, screen: str) -> None:
        self.page.wait_for_load_state("networkidle")
        words: set[str] = set()
        for text in self.page.evaluate(COLLECT):
            found = self.english_words(text)
            if found:
                words.add(f"{' '.join(sorted(found))}  «{text[:80]}»")
        if words:
            self.findings[screen] = words

    def visit(self, url: str, screen: str) -> None:
        response = self.page.goto(url)
        assert response is not None and response.status == 200, (
            f"{screen}: {url} answered {response and response.status}"
        )
        self.check(screen)

    def assert_all_thai(self) -> None:
        report = "\n".join(f"{screen}:\n    " + "\n    ".join(sorted(words)) for screen, words in self.findings.items())
        assert not self.findings, "English left in the Thai admin:\n" + report


def _log_in(page: Page, stack, email: str) -> None:
    admin_sign_in(page, stack, email, PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", "th")


def _open_footer_menu(page: Page) -> None:
    page.locator("footer [data-w-dropdown-target='toggle'], footer .dropdown-toggle").first.click()


def test_a_thai_moderator_and_editor_meet_no_english(stack, browser):
    seeded = _seed(stack)
    content = _content_strings(stack)
    base = stack.base_url

    # --- the moderator --------------------------------------------------------------------------
    context = browser.new_context(locale="th-TH", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(20_000)
    screens = ThaiScreens(page, [*content, "Admin Journey Foundation", "owner-thai-admin@example.org"])
    _log_in(page, stack, MODERATOR)
    screens.check("moderator dashboard")
    screens.visit(base + "/admin/snippets/creators/impactcreatorprofile/", "registrants: Impact Creators")
    screens.visit(base + "/admin/snippets/creators/impactassessorprofile/", "registrants: Impact Assessors")
    screens.visit(base + "/admin/snippets/reports/impactreport/", "Impact Reports listing")
    edit_url = f"{base}/admin/snippets/creators/impactcreatorprofile/edit/{seeded['creator']}/"
    screens.visit(edit_url, "registrant editor")
    _open_footer_menu(page)
    for action in ("อนุมัติและเผยแพร่", "อนุมัติพร้อมความเห็นและเผยแพร่", "ขอให้แก้ไข"):
        expect(page.locator("footer").get_by_role("button", name=action, exact=True)).to_be_visible()
    screens.check("registrant editor: workflow actions menu")
    page.get_by_role("button", name="ขอให้แก้ไข").first.click()
    expect(page.locator("[role=dialog] textarea, .modal textarea").first).to_be_visible()
    screens.check("workflow action dialog: request changes")
    page.locator("[role=dialog] form button[type=submit], .modal form button[type=submit]").first.click()
    expect(page.get_by_text("กรุณาระบุเหตุผล").first).to_be_visible()
    screens.check("workflow action dialog: validation error")
    screens.visit(
        f"{base}/admin/snippets/creators/impactcreatorprofile/history/{seeded['creator']}/", "registrant history"
    )
    screens.visit(
        f"{base}/admin/snippets/creators/impactcreatorprofile/workflow_history/{seeded['creator']}/",
        "registrant workflow history",
    )
    screens.visit(base + "/admin/reports/workflow/", "report: workflows")
    screens.visit(base + "/admin/reports/workflow_tasks/", "report: workflow tasks")
    screens.visit(base + "/admin/reports/site-history/", "report: site history")
    screens.visit(f"{base}/admin/snippets/creators/impactcreatorprofile/inspect/{seeded['creator']}/", "inspect")
    screens.visit(base + "/admin/moderation/outboxemail/", "outbox")
    screens.visit(base + "/admin/moderation/deleted/", "deleted items")
    screens.visit(base + "/admin/account/", "account settings")
    context.close()

    # --- the editor ------------------------------------------------------------------------------
    context = browser.new_context(locale="th-TH", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(20_000)
    screens.page = page
    _log_in(page, stack, EDITOR)
    screens.check("editor dashboard")
    screens.visit(base + "/admin/pages/", "page explorer: root")
    screens.visit(f"{base}/admin/pages/{seeded['home']}/", "page explorer: home")
    page_edit = f"{base}/admin/pages/{seeded['content_page']}/edit/"
    screens.visit(page_edit, "page editor")
    _open_footer_menu(page)
    screens.check("page editor: publish menu")
    page.keyboard.press("Escape")
    page.locator("button[title='แทรกบล็อก'], button[aria-label='แทรกบล็อก']").first.click()
    expect(page.locator(".w-combobox").first).to_be_visible()
    screens.check("page editor: StreamField add-block menu")
    page.keyboard.press("Escape")
    editor = page.locator(".DraftEditor-root [contenteditable=true]").first
    editor.click()
    page.keyboard.type("ทดสอบ")
    page.keyboard.press("Shift+Home")
    expect(page.locator(".Draftail-FloatingToolbar, .Draftail-Toolbar").first).to_be_visible()
    screens.check("page editor: Draftail toolbar")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("/")
    expect(page.locator(".w-combobox").first).to_be_visible()
    screens.check("page editor: Draftail insert menu")
    page.keyboard.press("Escape")
    page.locator("[data-side-panel-toggle='status']").first.click()
    screens.check("page editor: status panel")
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first.click()
    expect(page.locator("#schedule-publishing-dialog")).to_be_visible()
    screens.check("page editor: scheduling dialog")
    page.keyboard.press("Escape")
    page.locator("[data-side-panel-toggle='preview']").first.click()
    screens.check("page editor: preview panel")
    screens.visit(f"{base}/admin/pages/{seeded['content_page']}/history/", "page history")
    screens.visit(base + "/admin/pages/search/?q=impact", "search")
    screens.visit(base + "/admin/snippets/portal/funder/", "snippets: funders")
    screens.visit(base + "/admin/snippets/portal/funder/add/", "funder editor")
    page.locator("footer button[type=submit]").first.click()
    expect(page.get_by_text("ต้องกรอกข้อมูลในช่องนี้").first).to_be_visible()
    screens.check("funder editor: validation errors")
    screens.visit(base + "/admin/images/", "images")
    screens.visit(base + "/admin/images/multiple/add/", "images: upload")
    screens.visit(base + "/admin/documents/", "documents")
    screens.visit(base + "/admin/documents/multiple/add/", "documents: upload")
    screens.visit(base + "/admin/reports/site-history/", "editor: site history")
    screens.visit(base + "/admin/account/", "editor: account settings")
    context.close()

    screens.assert_all_thai()
