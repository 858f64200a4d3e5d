from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from portal.contact import last_known_phones


def _language_from_path(path: str) -> str:
    return "en" if path == "/en" or path.startswith("/en/") else "th"


def page_not_found(request, exception=None):
    with translation.override(_language_from_path(request.path)):
        body = loader.render_to_string("404.html", {"request_path": request.path}, request=request)
    return HttpResponseNotFound(body)


def bad_request(request, exception=None):
    # Like the 500 page, no database or context processors: the request itself could not be read.
    if isinstance(exception, TooManyFieldsSent):
        reason = "fields"
    elif isinstance(exception, RequestDataTooBig):
        reason = "size"
    else:
        reason = ""
    with translation.override(_language_from_path(request.path)):
        context = {"LANGUAGE_CODE": translation.get_language(), "reason": reason, "phones": last_known_phones()}
        body = loader.get_template("400.html").render(context)
    return HttpResponseBadRequest(body)


def server_error(request):
    # No database or context processors here: the error may be the database itself.
    with translation.override(_language_from_path(request.path)):
        context = {"LANGUAGE_CODE": translation.get_language(), "phones": last_known_phones()}
        body = loader.get_template("500.html").render(context)
    return HttpResponseServerError(body)


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
