import datetime

from django import template
from django.urls import translate_url
from django.utils import timezone, translation
from wagtail.models import Locale, Page, Site

from portal.models import HomePage
from portal.thai_dates import format_date

register = template.Library()


@register.filter
def be_date(value, full_month: bool = False) -> str:
    """Render a date (or aware datetime, in Asia/Bangkok) for the active language; Thai in the Buddhist Era."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_date(value, translation.get_language() or "th", full_month=bool(full_month))


def _localized_home(request) -> Page | None:
    if not hasattr(request, "_localized_home"):
        site = Site.find_for_request(request)
        home = None
        if site is not None:
            locale = Locale.get_active()
            home = (
                HomePage.objects.filter(translation_key=site.root_page.translation_key, locale=locale).first()
                or site.root_page
            )
        request._localized_home = home
    return request._localized_home


@register.simple_tag(takes_context=True)
def home_page(context):
    return _localized_home(context["request"])


@register.simple_tag(takes_context=True)
def menu_pages(context):
    home = _localized_home(context["request"])
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu().only("id", "title", "url_path", "depth", "path"))


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """Where the language switch leads: the page's own translation, else the same path in the other language."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page):
        for translated in Page.objects.filter(translation_key=page.translation_key).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
    links = []
    for code, name in (("th", "ไทย"), ("en", "English")):
        if code in translations:
            url = translations[code].get_url(request)
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links
