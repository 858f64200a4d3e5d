"""The Thai admin: our catalogues in locale/admin are layered over Wagtail's and Django's, and cover them.

Coverage is counted from the catalogues Django really serves (deterministic, no timing); see
bench/thai_admin_coverage.py, which `make thai-coverage` and `make bench` print.
"""

import gettext
import json
import re
from pathlib import Path

import polib
import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from bench.thai_admin_coverage import TARGET_PERCENT, measure, other_catalogues, total, wagtail_catalogues

ADMIN_LOCALE = Path(__file__).resolve().parents[1] / "locale" / "admin" / "th" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdif]|\{\w*\}|</?[a-zA-Z][^>]*>")


def test_wagtail_admin_thai_coverage_is_at_least_95_percent():
    results = measure(wagtail_catalogues())
    ids, _before, after = total(results)
    missing = [msgid for result in results for msgid in result.missing]
    assert 100 * after / ids >= TARGET_PERCENT, missing[:20]


def test_the_django_taggit_and_filter_strings_staff_meet_have_thai():
    results = measure(other_catalogues())
    assert [msgid for result in results for msgid in result.missing] == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_admin_catalogue_is_complete_and_keeps_every_placeholder(domain):
    catalogue = polib.pofile(str(ADMIN_LOCALE / f"{domain}.po"))
    assert catalogue.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert [e.msgid for e in catalogue if not e.translated() or e.fuzzy] == []
    broken = []
    for entry in catalogue:
        thai = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
        # Thai has one plural form: it carries the plural's placeholders (it is used for every count).
        source = entry.msgid_plural or entry.msgid
        if sorted(PLACEHOLDER.findall(thai)) != sorted(PLACEHOLDER.findall(source)):
            broken.append(entry.msgid)
    assert broken == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_admin_catalogue_is_compiled(domain):
    with (ADMIN_LOCALE / f"{domain}.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in polib.pofile(str(ADMIN_LOCALE / f"{domain}.po")):
        if entry.msgid_plural:
            served = compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 2) if entry.msgctxt else None
            served = served or compiled.ngettext(entry.msgid, entry.msgid_plural, 2)
            expected = entry.msgstr_plural[0]
        else:
            served = compiled.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else compiled.gettext(entry.msgid)
            expected = entry.msgstr
        if served != expected:
            stale.append(entry.msgid)
    assert stale == [], "run `make messages` to recompile locale/admin"


@pytest.mark.parametrize(
    ("msgid", "thai"),
    [
        ("Approve", "อนุมัติ"),  # Wagtail ships "ยืนยัน" (confirm)
        ("Approve with comment", "อนุมัติพร้อมความเห็น"),
        ("Request changes", "ขอให้แก้ไข"),
        ("Cancel workflow ", "ยกเลิกขั้นตอนการอนุมัติ"),
        ("More actions", "การดำเนินการเพิ่มเติม"),
        ("Pages", "หน้าเว็บ"),  # the project's own catalogue said "เลขหน้า" (page numbers)
        ("Reports", "รายงาน"),  # and "จำนวนรายงาน" (number of reports)
        ("Dashboard", "หน้าหลัก"),
        ("Snippets", "ข้อมูลย่อย"),
    ],
)
def test_the_layered_catalogue_serves_our_thai_over_wagtails(msgid, thai):
    with translation.override("th"):
        assert translation.gettext(msgid) == thai


def test_approve_and_publish_reads_as_one_thai_phrase():
    with translation.override("th"):
        label = translation.gettext("%(label)s and Publish") % {"label": translation.gettext("Approve")}
    assert label == "อนุมัติและเผยแพร่"


def test_the_project_catalogue_still_wins_for_our_own_strings():
    # "Status" is both ours and Wagtail's; "Delete on request" only ours; both come from locale/th.
    with translation.override("th"):
        assert translation.gettext("Delete on request") == "ลบตามคำขอ"
        assert translation.pgettext("deletion request channel", "Requested by") == "ช่องทางที่ขอ"
        assert translation.gettext("Requested by") == "ผู้ส่งขออนุมัติ"  # Wagtail's workflow column


@pytest.mark.django_db
def test_the_admin_javascript_catalogue_serves_our_thai(client, django_user_model):
    editor = django_user_model.objects.create_user(email="editor-js@example.org", password="x-editor-pass-1")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    body = client.get("/admin/jsi18n/").content.decode()
    # The catalogue is JSON with non-ASCII escaped.
    assert json.dumps("ตัวสำรวจหน้าเว็บ")[1:-1] in body  # "Page explorer": not in Wagtail's own Thai
    assert json.dumps("การดำเนินการเพิ่มเติม")[1:-1] in body  # "More actions"
