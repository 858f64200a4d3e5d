import json
import shutil

import pytest
from wagtail.models import Page, Revision

from faq.models import FAQPage
from portal.initial_content import CONTENT_DIR, load_initial_content
from portal.models import ContentPage

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        list(Page.objects.order_by("pk").values_list("pk", "title", "live", "latest_revision_id")),
    )


def test_running_twice_changes_nothing():
    before = _snapshot()
    report = load_initial_content()
    assert _snapshot() == before
    assert report.created == report.updated == report.kept_editor_changes == []
    assert len(report.unchanged) == 24  # 20 + Impact Data and the funder directory, each in Thai and English


def test_a_fresh_load_builds_both_trees_and_points_the_site_at_home():
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert FAQPage.objects.filter(live=True).count() == 2
    assert ContentPage.objects.filter(live=True).count() == 10
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


def test_an_editors_change_is_never_overwritten(tmp_path, faq_page_th):
    items = list(faq_page_th.items.all())
    items[0].answer = "<p>Editor wrote this.</p>"
    faq_page_th.items = items
    faq_page_th.save_revision().publish()

    changed_dir = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, changed_dir)
    faq = json.loads((changed_dir / "faq.json").read_text())
    faq["th"]["items"][0]["answer"] = "<p>Loader wants this.</p>"
    (changed_dir / "faq.json").write_text(json.dumps(faq, ensure_ascii=False))

    report = load_initial_content(content_dir=changed_dir)
    assert "page:faq:th" in report.kept_editor_changes
    assert FAQPage.objects.get(pk=faq_page_th.pk).items.first().answer == "<p>Editor wrote this.</p>"


def test_changed_data_updates_pages_nobody_edited(tmp_path):
    changed_dir = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, changed_dir)
    pages = json.loads((changed_dir / "pages.json").read_text())
    about = next(p for p in pages["pages"] if p["slug"] == "about")
    about["en"]["title"] = "About the platform"
    (changed_dir / "pages.json").write_text(json.dumps(pages, ensure_ascii=False))

    report = load_initial_content(content_dir=changed_dir)
    assert report.updated == ["page:about:en"]
    assert ContentPage.objects.get(slug="about", locale__language_code="en").title == "About the platform"
    assert load_initial_content(content_dir=changed_dir).updated == []


def test_a_page_an_editor_deleted_is_not_recreated():
    ContentPage.objects.get(slug="benefits", locale__language_code="en").delete()
    before = Page.objects.count()
    load_initial_content()
    assert Page.objects.count() == before
    assert not ContentPage.objects.filter(slug="benefits", locale__language_code="en").exists()
