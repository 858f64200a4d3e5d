import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.utils import translation

from core.thai_dates import format_date

pytestmark = pytest.mark.django_db

PAGES = ["", "about/", "benefits/", "who-is-it-for/", "contact/", "faq/", "privacy/"]


def _soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("prefix,lang", [("/", "th"), ("/en/", "en")])
def test_every_page_renders_in_both_languages(client, path, prefix, lang):
    response = client.get(prefix + path)
    assert response.status_code == 200
    soup = _soup(response)
    assert soup.html["lang"] == lang
    assert len(soup.find_all("h1")) == 1
    assert soup.select_one("nav.main-nav a")
    switch = {a["hreflang"]: a["href"] for a in soup.select(".lang-switch a")}
    assert switch == {"th": "/" + path, "en": "/en/" + path}
    assert "090-669-3961" in soup.select_one("footer").get_text()


def test_home_explains_the_platform_its_aims_parts_and_audiences(client):
    for prefix, words in (
        ("/", ["CREATE IMPACT", "IMPACT PORTAL", "IMPACT ANALYST", "ภาครัฐ", "นักลงทุน", "Impact Transparency"]),
        ("/en/", ["CREATE IMPACT", "IMPACT PORTAL", "IMPACT ANALYST", "Government", "Investor", "Impact Transparency"]),
    ):
        text = _soup(client.get(prefix)).get_text(" ")
        for word in words:
            assert word in text, (prefix, word)


def test_home_cards_link_to_partnership_pages_in_the_same_language(client):
    links = {a["href"] for a in _soup(client.get("/en/")).select(".card a")}
    assert links and all(link.startswith("/en/") for link in links)
    links_th = {a["href"] for a in _soup(client.get("/")).select(".card a")}
    assert links_th and not any(link.startswith("/en/") for link in links_th)


def test_contact_page_shows_phones_and_the_configured_chat_link(client):
    from wagtail.models import Site

    from portal.models import ContactSettings

    settings = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    settings.chat_url = "https://line.me/R/ti/p/@impact-example"
    settings.chat_service_name = "LINE Official Account"
    settings.save()
    for url in ("/contact/", "/en/contact/"):
        box = _soup(client.get(url)).select_one("main .contact-box")
        assert "090-669-3961" in box.get_text() and "089-680-1233" in box.get_text()
        assert box.select_one('a[href="https://line.me/R/ti/p/@impact-example"]')


@pytest.mark.parametrize(
    "url,lang,text", [("/no-such-page/", "th", "ไม่พบหน้า"), ("/en/no-such/", "en", "Page not found")]
)
def test_not_found_page_in_both_languages(client, url, lang, text):
    response = client.get(url)
    assert response.status_code == 404
    soup = _soup(response)
    assert soup.html["lang"] == lang and text in soup.get_text()


@pytest.mark.parametrize("url,lang,text", [("/x/", "th", "เกิดข้อผิดพลาด"), ("/en/x/", "en", "Something went wrong")])
def test_server_error_page_in_both_languages(url, lang, text):
    from portal.views import server_error

    response = server_error(RequestFactory().get(url))
    assert response.status_code == 500
    soup = _soup(response)
    assert soup.html["lang"] == lang and text in soup.get_text()


@pytest.mark.parametrize("url", ["/", "/faq/", "/en/", "/en/faq/"])
def test_home_and_faq_query_counts(client, url, django_assert_max_num_queries):
    bypass = {"X-Page-Cache-Bypass": "1"}  # count the rendering, not the anonymous page cache
    client.get(url, headers=bypass)  # warm caches that are per process, not per request
    with django_assert_max_num_queries(15):
        assert client.get(url, headers=bypass).status_code == 200


def test_buddhist_era_dates():
    day = datetime.date(2026, 11, 25)
    assert format_date(day, "th") == "25 พ.ย. 2569"
    assert format_date(day, "th", full_month=True) == "25 พฤศจิกายน 2569"
    assert format_date(day, "en") == "25 Nov 2026"
    assert format_date(datetime.date(2027, 1, 1), "th") == "1 ม.ค. 2570"


def test_be_date_filter_uses_bangkok_time_and_active_language():
    from portal.templatetags.portal_tags import be_date

    late_utc = datetime.datetime(2026, 11, 24, 18, 30, tzinfo=datetime.UTC)  # 01:30 on the 25th in Bangkok
    with translation.override("th"):
        assert be_date(late_utc) == "25 พ.ย. 2569"
    with translation.override("en"):
        assert be_date(late_utc) == "25 Nov 2026"
    assert be_date(None) == ""


def test_security_headers_on_public_pages(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_no_external_resources_on_public_pages(client):
    soup = _soup(client.get("/"))
    for tag, attr in (("link", "href"), ("script", "src"), ("img", "src")):
        for element in soup.find_all(tag):
            if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                continue  # addresses, not resources the browser loads
            value = element.get(attr) or ""
            assert not value.startswith(("http://", "https://", "//")), value


def test_robots_and_sitemap(client):
    assert "Sitemap:" in client.get("/robots.txt").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/en/faq/" in sitemap and "/faq/" in sitemap


def test_menu_is_cached_and_a_published_page_appears_at_once(client, th_home, django_assert_max_num_queries):
    from portal.models import ContentPage

    bypass = {"X-Page-Cache-Bypass": "1"}  # the rendering, not the anonymous page cache
    client.get("/about/", headers=bypass)
    with django_assert_max_num_queries(11):  # the header menu comes from the cache
        client.get("/about/", headers=bypass)
    news = ContentPage(title="ข่าวสาร", slug="news", show_in_menus=True, live=False)
    th_home.add_child(instance=news)
    news.save_revision().publish()
    assert 'href="/news/"' in client.get("/about/").content.decode()
    news.refresh_from_db()
    news.unpublish()
    assert 'href="/news/"' not in client.get("/about/").content.decode()
