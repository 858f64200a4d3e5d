import pytest

pytestmark = pytest.mark.django_db


def test_faq_items_are_structured_fields(client):
    data = client.get("/api/v2/pages/", {"type": "faq.FAQPage", "fields": "items", "locale": "th"}).json()
    assert data["meta"]["total_count"] == 1
    items = data["items"][0]["items"]
    assert len(items) == 9
    first = items[0]
    assert first["question"] == "Impact Partnership คืออะไร"
    assert first["anchor"] == "what-is-impact-partnership"
    assert "<li>" in first["answer"] and "UNGlobal Compact" in first["answer_text"]


def test_translations_are_reachable_through_the_locale_filter(client):
    th = client.get("/api/v2/pages/", {"type": "faq.FAQPage", "locale": "th"}).json()["items"][0]
    en_list = client.get(
        "/api/v2/pages/", {"type": "faq.FAQPage", "translation_of": th["id"], "locale": "en", "fields": "items"}
    ).json()
    en = en_list["items"][0]
    assert en["meta"]["locale"] == "en"
    assert en["items"][0]["question"] == "What is Impact Partnership?"
    all_en = client.get("/api/v2/pages/", {"locale": "en"}).json()
    assert all_en["meta"]["total_count"] == 12  # home, 5 content pages, FAQ, 5 directories (Impact Data, funders)


def test_editor_change_reaches_the_api(client, faq_page_th):
    items = list(faq_page_th.items.all())
    items[1].question = "คำถามที่แก้ไขแล้ว"
    faq_page_th.items = items
    faq_page_th.save_revision().publish()
    detail = client.get(f"/api/v2/pages/{faq_page_th.pk}/").json()
    assert detail["items"][1]["question"] == "คำถามที่แก้ไขแล้ว"


def test_images_and_documents_endpoints_answer(client):
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


def test_unpublished_pages_are_not_in_the_api(client, th_home):
    from portal.models import ContentPage

    draft = ContentPage(title="ร่าง", slug="draft-only", live=False)
    th_home.add_child(instance=draft)
    slugs = [p["meta"]["slug"] for p in client.get("/api/v2/pages/", {"limit": 100}).json()["items"]]
    assert "draft-only" not in slugs
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


@pytest.mark.parametrize("params", [{}, {"locale": "en"}, {"limit": 50}])
def test_wagtail_pages_listing_stays_at_ten_queries(client, params, django_assert_max_num_queries):
    client.get("/api/v2/pages/", params)  # warm per-process caches
    with django_assert_max_num_queries(10):
        response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200 and len(response.json()["items"]) >= 5
    assert {item["meta"]["locale"] for item in response.json()["items"]} <= {"th", "en"}
