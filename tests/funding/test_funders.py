"""Impact Funding pages: the funder directory /funders/ (filters, CSV, counts) and /funders/<slug>/."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.actions.unpublish import UnpublishAction

from funding.models import Funder, FunderIndexPage
from funding.selectors import directory_funder, directory_funders
from portal.initial_content import load_initial_content
from portal.models import HomePage
from tests.funding.funder_factories import bulk_funders, clear_shipped_funders, make_funder
from visibility.version import public_content_version

pytestmark = pytest.mark.django_db

FUNDERS = "/funders/"
SHIPPED = {"thaihealth", "equitable-education-fund", "tsri", "government-savings-bank", "baac", "undp-thailand"}


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def listed(response) -> list[str]:
    return re.findall(r'<h2><a href="(?:/en)?/funders/([\w-]+)/">', html(response))


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


# --- Initial content --------------------------------------------------------------------------------


def test_the_page_and_the_shipped_funders_exist_in_both_languages(client):
    assert FunderIndexPage.objects.live().count() == 2
    assert set(Funder.objects.public().values_list("slug", flat=True)) == SHIPPED
    th = html(client.get(FUNDERS))
    assert "<h1>แหล่งทุนและนักลงทุนเพื่อสังคม</h1>" in th and "6 " in th
    en = html(client.get(f"/en{FUNDERS}"))
    assert "<h1>Impact Funding</h1>" in en and "6 funders found" in en
    assert 'href="https://www.thaihealth.or.th" rel="noopener external"' in en
    assert "style=" not in th and "<script>" not in th
    menu = [page.slug for page in HomePage.objects.get(locale__language_code="en").get_children().in_menu()]
    assert menu.index("faq") + 1 == menu.index("funders")


def test_the_loader_never_overwrites_or_recreates_an_editors_funder():
    thaihealth = Funder.objects.get(slug="thaihealth")
    thaihealth.name_en = "Edited by an editor"
    thaihealth.save()
    Funder.objects.filter(slug="tsri").delete()
    report = load_initial_content()
    assert report.created == report.updated == []
    assert Funder.objects.get(slug="thaihealth").name_en == "Edited by an editor"
    assert not Funder.objects.filter(slug="tsri").exists()


def test_editors_may_maintain_funders_and_themes(client, django_user_model):
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_funder", "change_funder", "publish_funder", "add_theme", "change_theme"} <= codenames
    editor = django_user_model.objects.create_user(email="editor@example.org", password="x")
    editor.groups.add(editors)
    client.force_login(editor)
    listing = client.get("/admin/snippets/portal/funder/", {"kind": "bank"})
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "ธนาคารออมสิน" in text and "สสส." not in text  # the kind filter applies
    assert client.get("/admin/snippets/portal/funder/add/").status_code == 200
    assert client.get("/admin/snippets/portal/theme/").status_code == 200


def test_an_editors_draft_is_private_until_published(client, django_user_model):
    editor = django_user_model.objects.create_superuser(email="admin@example.org", password="x")
    client.force_login(editor)
    data = {
        "name_th": "มูลนิธิทดสอบร่าง",
        "name_en": "Draft Foundation",
        "slug": "draft-foundation",
        "kind": "grant_maker",
        "description_th": "",
        "description_en": "",
        "ticket_min": "",
        "ticket_max": "",
        "website": "",
    }
    assert client.post("/admin/snippets/portal/funder/add/", data).status_code == 302
    funder = Funder.objects.get(slug="draft-foundation")
    assert not funder.live and funder.latest_revision_id
    client.logout()
    assert "draft-foundation" not in listed(client.get(FUNDERS))
    assert client.get("/funders/draft-foundation/").status_code == 404
    funder.latest_revision.publish()
    assert "draft-foundation" in listed(client.get(FUNDERS))


# --- Selectors --------------------------------------------------------------------------------------


def test_selector_filters_combine():
    clear_shipped_funders()
    make_funder("match", kind="grant_maker", themes=["education"], sdgs=[4], sectors=["social"])
    make_funder("other-kind", kind="bank", themes=["education"], sdgs=[4], sectors=["social"])
    make_funder("other-theme", themes=["health"], sdgs=[4], sectors=["social"])
    make_funder("other-sdg", themes=["education"], sdgs=[3], sectors=["social"])
    make_funder("other-sector", themes=["education"], sdgs=[4], sectors=["private"])
    make_funder("draft", live=False, themes=["education"], sdgs=[4], sectors=["social"])
    found = directory_funders(kind="grant_maker", theme="education", sdg=4, sector="social")
    assert [f.slug for f in found] == ["match"]
    assert directory_funder(slug="draft") is None


def test_amount_fits_the_ticket_range_and_unstated_bounds_are_open():
    clear_shipped_funders()
    make_funder("small", ticket_min="10000", ticket_max="500000")
    make_funder("large", ticket_min="1000000", ticket_max="50000000")
    make_funder("from-only", ticket_min="2000000")
    make_funder("up-to", ticket_max="300000")
    make_funder("unknown")
    slugs = {f.slug for f in directory_funders(amount=Decimal("400000"))}
    assert slugs == {"small", "unknown"}
    assert {f.slug for f in directory_funders(amount=Decimal("5000000"))} == {"large", "from-only", "unknown"}
    assert [f.slug for f in directory_funders(sort="largest")][:2] == ["large", "small"]


def test_only_the_published_version_of_an_edited_funder_is_public(client):
    funder = make_funder("edited", name_th="ชื่อที่เผยแพร่")
    funder.name_th = "ชื่อฉบับร่างที่ยังไม่เผยแพร่"
    funder.save_revision()  # a draft edit: the row keeps the published content
    page = html(client.get(FUNDERS))
    assert "ชื่อที่เผยแพร่" in page and "ยังไม่เผยแพร่" not in page


# --- The directory page ----------------------------------------------------------------------------


def test_page_filters_stay_in_the_url_and_pagination(client):
    clear_shipped_funders()
    for i in range(23):
        make_funder(f"edu-{i:02}", kind="grant_maker", themes=["education"], ticket_max="1000000")
    make_funder("health", kind="grant_maker", themes=["health"])
    response = client.get(f"/en{FUNDERS}", {"theme": "education", "kind": "grant_maker", "amount": "500,000"})
    page = html(response)
    assert len(listed(response)) == 20 and "23 funders found" in page
    assert 'href="?kind=grant_maker&amp;theme=education&amp;amount=500000&amp;page=2"' in page
    assert 'href="?kind=grant_maker&amp;theme=education&amp;amount=500000&amp;format=csv"' in page
    assert '<option value="education" selected>' in page
    assert listed(client.get(FUNDERS, {"amount": "๒,๐๐๐,๐๐๐", "theme": "education"})) == []  # Thai digits
    assert "Some filters were not recognised" in html(client.get(f"/en{FUNDERS}", {"amount": "lots", "sdg": "99"}))


def test_cards_show_type_focus_and_ticket_range_in_thai_number_format(client):
    clear_shipped_funders()
    make_funder(
        "card",
        kind="impact_investor",
        themes=["older-people"],
        sdgs=[1],
        sectors=["social"],
        ticket_min="100000",
        ticket_max="5000000",
        website="https://funder.example.org",
    )
    make_funder("no-ticket")
    th = html(client.get(FUNDERS))
    assert "100,000 – 5,000,000" in th and "ผู้สูงอายุ" in th and "SDG 1" in th
    en = html(client.get(f"/en{FUNDERS}"))
    assert "Impact investor" in en and "100,000 – 5,000,000 baht" in en and "not stated" in en
    assert '<a href="https://funder.example.org" rel="noopener external" target="_blank">' in en


def test_detail_page_has_a_latin_url_canonical_and_open_graph(client):
    make_funder("detail-funder", themes=["water"], ticket_min="50000")
    page = html(client.get("/en/funders/detail-funder/"))
    assert '<link rel="canonical" href="http://testserver/en/funders/detail-funder/">' in page
    assert '<meta property="og:title" content="Funder detail-funder">' in page
    assert "from 50,000 baht" in page and "Water" in page
    assert 'href="/en/funders/"' in page  # back to the directory in the same language
    assert client.get("/funders/no-such-funder/").status_code == 404


def test_csv_export_honours_filters_hides_drafts_and_neutralises_formulas(client):
    clear_shipped_funders()
    make_funder("formula", name_th='=HYPERLINK("http://evil")', kind="csr", ticket_max="1000")
    make_funder("plus", name_th="+66 มูลนิธิ", kind="csr")
    make_funder("other-kind", kind="bank")
    make_funder("draft", kind="csr", live=False)
    rows = csv_rows(client.get(f"/en{FUNDERS}", {"kind": "csr", "format": "csv"}))
    assert rows[0][0] == "Name (Thai)" and rows[0][-1] == "Page address"
    assert sorted(row[0] for row in rows[1:]) == ["'+66 มูลนิธิ", '\'=HYPERLINK("http://evil")']
    assert {row[-1] for row in rows[1:]} == {
        "http://testserver/en/funders/formula/",
        "http://testserver/en/funders/plus/",
    }
    assert "1000.00" in rows[1] + rows[2]


# --- Query counts -----------------------------------------------------------------------------------


def _queries(client, path: str) -> int:
    client.get(path)  # warm the site, locale and taxonomy caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_query_count_is_the_same_for_10_and_1000_funders(client):
    clear_shipped_funders()
    bulk_funders(0, 10)
    paths = [FUNDERS, f"/en{FUNDERS}?kind=grant_maker&amount=5&sort=largest&page=2", "/funders/bulk-3/"]
    few = [_queries(client, path) for path in paths]
    bulk_funders(10, 1000)
    many = [_queries(client, path) for path in paths]
    assert few == many, (few, many)
    assert max(many) <= 15, many


def test_publishing_changes_the_public_content_version_and_the_sitemap(client):
    before = public_content_version()
    funder = make_funder("in-sitemap")
    assert public_content_version() > before
    make_funder("draft-not-in-sitemap", live=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/funders/in-sitemap/" in sitemap and "/en/funders/in-sitemap/" in sitemap
    assert "draft-not-in-sitemap" not in sitemap
    version = public_content_version()
    funder.refresh_from_db()
    UnpublishAction(funder, user=None).execute(skip_permission_checks=True)
    assert public_content_version() > version
    assert "in-sitemap" not in client.get("/sitemap.xml").content.decode()
