from django import template
from django.core.cache import cache
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from core.admin_display import be_date
from portal.contact import contact_settings
from portal.models import HomePage
from portal.navigation import navigation_cache_key

register = template.Library()


# Dates in the Buddhist Era for Thai readers (core.admin_display.be_date; staff screens use it too).
register.filter("be_date", be_date)


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
def site_navigation(context) -> dict:
    """The header's home link and menu for this site and language, cached until a page is published or removed."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return {"home_url": "/", "items": []}
    key = navigation_cache_key(site_id=site.pk, language=translation.get_language() or "th")
    navigation = cache.get(key)
    if navigation is None:
        home = _localized_home(request)
        items = home.get_children().live().public().in_menu() if home else Page.objects.none()
        navigation = {
            "home_url": home.get_url(request) if home else "/",
            "items": [{"id": page.pk, "title": page.title, "url": page.get_url(request)} for page in items],
        }
        cache.set(key, navigation, timeout=None)
    return navigation


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
            # A routable page's sub-page (e.g. /impact-data/goal-1/) leads to the same sub-page.
            url = translations[code].get_url(request) + context.get("routable_subpath", "")
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.simple_tag(takes_context=True)
def site_contact(context):
    """The site's contact settings, cached per host under the public-content version (editors' saves move it on);
    the default site's outside a request (emails rendered by tasks)."""
    return contact_settings(request=context.get("request"))


@register.filter
def phone_list(phones) -> str:
    """ "A or B" / "A หรือ B": the numbers as a sentence says them."""
    phones = [str(phone) for phone in phones or () if phone]
    if len(phones) < 2:
        return "".join(phones)
    return translation.gettext("%(first)s or %(last)s") % {"first": ", ".join(phones[:-1]), "last": phones[-1]}
