"""The search index follows what the public may see: publish indexes, unpublish/delete removes, and every query
is intersected with the public querysets (a soft-deleted item vanishes at once)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone
from wagtail.actions.unpublish import UnpublishAction
from wagtail.search.models import IndexEntry

from faq.models import FAQItem
from search.indexing import rebuild_index
from search.models import Kind, SearchDocument, SearchPosting
from search.service import search
from taxonomy.models import SdgGoal, SdgIndicator, SdgTarget
from tests.search.factories import make_assessor, make_creator, make_report

pytestmark = pytest.mark.django_db

ELDERLY = "โครงการพัฒนาทักษะอาชีพให้ผู้สูงอายุในชุมชนเชียงใหม่"


# The SDG catalogue is initial content (like the pages and FAQ) and mentions many of the same words.
PORTAL = ["creators", "assessors", "reports"]


def found(query: str, language: str = "th", groups=PORTAL, **filters) -> list[tuple[str, int]]:
    """Hits among the portal's items (the site's initial pages and FAQ mention many of the same words)."""
    hits = search(query=query, language=language, groups=groups, **filters).hits
    return [(hit.kind, hit.object_id) for hit in hits]


def index_rows(kind: str, object_id: int) -> int:
    return (
        SearchPosting.objects.filter(kind=kind, object_id=object_id).count()
        + SearchDocument.objects.filter(kind=kind, object_id=object_id).count()
    )


def test_publishing_indexes_and_a_thai_word_inside_a_sentence_is_found():
    creator = make_creator("elder-foundation", name_th="มูลนิธิเพื่อผู้สูงวัย", description=ELDERLY)
    assert found("ผู้สูงอายุ") == [(Kind.CREATOR, creator.pk)]
    assert found("ทักษะอาชีพ") == [(Kind.CREATOR, creator.pk)]


def test_draft_is_not_indexed_and_not_found():
    draft = make_creator("draft-org", name_th="มูลนิธิร่างเอกสาร", description=ELDERLY, live=False)
    assert index_rows(Kind.CREATOR, draft.pk) == 0
    assert found("ผู้สูงอายุ") == []


def test_soft_delete_hides_at_once_and_restore_brings_back():
    report = make_report("elder-report", title_th=ELDERLY)
    assert found("ผู้สูงอายุ") == [(Kind.REPORT, report.pk)]
    report.deleted_at = timezone.now()
    report.save(update_fields=["deleted_at"])
    assert found("ผู้สูงอายุ") == []
    assert search(query="ผู้สูงอายุ", language="th").counts["reports"] == 0
    assert index_rows(Kind.REPORT, report.pk) == 0  # the index holds public items only
    report.deleted_at = None
    report.save(update_fields=["deleted_at"])
    assert found("ผู้สูงอายุ") == [(Kind.REPORT, report.pk)]
    assert index_rows(Kind.REPORT, report.pk) > 0


def test_a_stale_posting_of_a_hidden_item_is_never_shown():
    """Defence in depth: even if the index still held a hidden item (a bulk update skips signals), no hit shows it."""
    report = make_report("elder-report", title_th=ELDERLY)
    type(report).objects.filter(pk=report.pk).update(deleted_at=timezone.now())  # no signal: the index keeps it
    assert index_rows(Kind.REPORT, report.pk) > 0
    assert found("ผู้สูงอายุ") == []
    assert search(query="ผู้สูงอายุ", language="th", groups=["reports"]).hits == []


def test_unpublish_removes_from_the_index():
    assessor = make_assessor("thai-assessor", name="สมชาย ผู้ประเมิน", biography=ELDERLY)
    assert found("ผู้สูงอายุ") == [(Kind.ASSESSOR, assessor.pk)]
    UnpublishAction(assessor).execute(skip_permission_checks=True)
    assert index_rows(Kind.ASSESSOR, assessor.pk) == 0
    assert found("ผู้สูงอายุ") == []


def test_hidden_but_still_indexed_item_is_never_found():
    """Even when the index is stale (live flipped without a signal), the public intersection hides it."""
    creator = make_creator("stale", name_th="มูลนิธิผู้สูงอายุ")
    type(creator).objects.filter(pk=creator.pk).update(live=False)
    assert index_rows(Kind.CREATOR, creator.pk) > 0
    assert found("ผู้สูงอายุ") == []


def test_permanent_delete_leaves_no_trace_in_any_index_table():
    creator = make_creator("purged", name_th="มูลนิธิลบถาวร", description=ELDERLY)
    report = make_report("purged-report", title_th=ELDERLY, owner=creator.user)
    ids = {Kind.CREATOR: creator.pk, Kind.REPORT: report.pk}
    assert all(index_rows(kind, pk) for kind, pk in ids.items())
    report.delete()
    creator.delete()
    for kind, pk in ids.items():
        assert index_rows(kind, pk) == 0
    # Wagtail's own search index (its database backend) holds nothing of them either.
    assert not IndexEntry.objects.filter(
        Q(content_type__model="impactcreatorprofile", object_id=str(ids[Kind.CREATOR]))
        | Q(content_type__model="impactreport", object_id=str(ids[Kind.REPORT]))
    ).exists()


def test_province_matches_in_thai_and_english_and_filters():
    creator = make_creator("cm-org", name_th="วิสาหกิจชุมชนบ้านแม่ริม", province="chiang-mai")
    other = make_creator("bkk-org", name_th="วิสาหกิจชุมชนบางกอก", province="bangkok")
    assert found("เชียงใหม่") == [(Kind.CREATOR, creator.pk)]
    assert found("Chiang Mai") == [(Kind.CREATOR, creator.pk)]
    assert found("chiangmai") == [(Kind.CREATOR, creator.pk)]
    assert set(found("วิสาหกิจชุมชน")) == {(Kind.CREATOR, creator.pk), (Kind.CREATOR, other.pk)}
    assert found("วิสาหกิจชุมชน", province="chiang-mai") == [(Kind.CREATOR, creator.pk)]


def test_sdg_filter_and_sdg_names():
    goal = SdgGoal.objects.get(number=3)
    report = make_report("health", title_th="โครงการสุขภาพชุมชน", sdgs=(3,))
    make_report("water", title_th="โครงการน้ำสะอาดชุมชน", sdgs=(6,))
    assert found("ชุมชน", sdg=3) == [(Kind.REPORT, report.pk)]
    assert (Kind.REPORT, report.pk) in found(goal.name_en)


def test_english_is_stemmed_and_mixed_queries_work():
    report = make_report(
        "reporting", title_th="รายงานผลกระทบทางสังคม", title_en="Measuring social impacts of community forests"
    )
    assert found("measure social impact") == [(Kind.REPORT, report.pk)]
    assert found("forest") == [(Kind.REPORT, report.pk)]
    assert found("community ผลกระทบ") == [(Kind.REPORT, report.pk)]


@pytest.mark.parametrize("query", ["ผู้ สูงอายุ", "ผู้\u200bสูง\u200dอายุ", "  ผู้สูงอายุ  ", "\ufeffผู้สูงอายุ"])
def test_spacing_and_zero_width_characters_in_the_query_do_not_matter(query):
    creator = make_creator("spacing", name_th="ศูนย์ดูแล", description=ELDERLY)
    assert found(query) == [(Kind.CREATOR, creator.pk)]


def test_faq_questions_are_indexed_one_by_one_with_their_anchor(faq_page_th):
    item = FAQItem.objects.filter(page=faq_page_th).first()
    doc = SearchDocument.objects.get(kind=Kind.FAQ, object_id=item.pk)
    assert doc.url.endswith(f"#{item.anchor}")
    hits = search(query=item.question, language="th", groups=["faq"]).hits
    assert hits[0].object_id == item.pk
    assert hits[0].url.endswith(f"#{item.anchor}")
    # An English reader gets the English FAQ page's questions only.
    assert all(
        hit.kind != Kind.FAQ or hit.object_id != item.pk for hit in search(query=item.question, language="en").hits
    )


def test_faq_question_removed_from_the_page_leaves_the_index(faq_page_th):
    item = FAQItem.objects.filter(page=faq_page_th).last()
    item.delete()
    assert index_rows(Kind.FAQ, item.pk) == 0


def test_pages_are_indexed_per_locale_and_unpublish_removes_them(th_home):
    page = th_home.get_children().live().first()
    assert (Kind.PAGE, page.pk) in found(page.title, groups=["pages"])
    assert (Kind.PAGE, page.pk) not in found(page.title, language="en", groups=["pages"])
    page.unpublish()
    assert index_rows(Kind.PAGE, page.pk) == 0
    assert (Kind.PAGE, page.pk) not in found(page.title, groups=["pages"])


def test_sdg_targets_and_indicators_are_indexed_on_save_and_delete():
    target = SdgTarget.objects.get(number="1.2")  # shipped with the catalogue: "… ความยากจน …"
    shipped = SdgIndicator.objects.get(code="1.2.1")
    assert {(Kind.TARGET, target.pk), (Kind.INDICATOR, shipped.pk)} <= set(found("ความยากจน", groups=["indicators"]))
    indicator = SdgIndicator.objects.create(
        target=target,
        code="TH-1.2.9",
        slug="indicator-th-1-2-9",
        source="national",
        name_th="ร้อยละของครัวเรือนยากจนเรื้อรังในพื้นที่นำร่อง",
        name_en="Share of chronically poor households in pilot districts",
    )
    assert (Kind.INDICATOR, indicator.pk) in found("chronically poor households", groups=["indicators"])[:1]
    assert (Kind.INDICATOR, indicator.pk) in found("ยากจนเรื้อรัง", groups=["indicators"], sdg=1)
    assert (Kind.INDICATOR, indicator.pk) not in found("ยากจนเรื้อรัง", groups=["indicators"], sdg=2)
    indicator.delete()
    assert index_rows(Kind.INDICATOR, indicator.pk) == 0


def test_rebuild_command_indexes_everything_live_only():
    live = make_creator("live-one", name_th="มูลนิธิรักษ์ป่าน่าน", province="nan")
    draft = make_creator("draft-one", name_th="มูลนิธิรักษ์ป่าเลย", live=False)
    SearchPosting.objects.all().delete()
    SearchDocument.objects.all().delete()
    assert found("รักษ์ป่า") == []
    call_command("rebuild_search_index", "--if-empty", stdout=io.StringIO())
    assert found("รักษ์ป่า") == [(Kind.CREATOR, live.pk)]
    assert index_rows(Kind.CREATOR, draft.pk) == 0
    counts = rebuild_index()
    assert counts[Kind.CREATOR] == 1 and counts[Kind.PAGE] > 0 and counts[Kind.FAQ] > 0


def test_a_report_names_its_organisation_and_is_found_by_it():
    creator = make_creator(
        "org", name_th="สมาคมพัฒนาประชากรและชุมชน", name_en="Population and Community Development Association"
    )
    report = make_report("org-report", title_th="โครงการน้ำสะอาด", owner=creator.user)
    assert (Kind.REPORT, report.pk) in found("สมาคมพัฒนาประชากร", groups=["reports"])
    assert (Kind.REPORT, report.pk) in found("Population Development Association", groups=["reports"])


def test_an_unpublished_organisation_no_longer_finds_its_reports():
    creator = make_creator("org2", name_th="สมาคมพัฒนาประชากรและชุมชน", name_en="PDA")
    report = make_report("org2-report", title_th="โครงการน้ำสะอาด", owner=creator.user)
    assert (Kind.REPORT, report.pk) in found("สมาคมพัฒนาประชากร", groups=["reports"])
    UnpublishAction(creator).execute(skip_permission_checks=True)
    assert found("สมาคมพัฒนาประชากร", groups=["reports"]) == []
    assert found("น้ำสะอาด", groups=["reports"]) == [(Kind.REPORT, report.pk)]


def test_target_and_indicator_hits_link_to_their_own_catalogue_pages(client):
    from search.documents import indicator_document, target_document
    from taxonomy.models import SdgIndicator, SdgTarget

    for document in (
        target_document(SdgTarget.objects.get(number="1.2")),
        indicator_document(SdgIndicator.objects.get(code="1.2.1")),
    ):
        assert document.url.startswith("/impact-data/") and document.url_en.startswith("/en/")
        assert client.get(document.url).status_code == 200
        assert client.get(document.url_en).status_code == 200
