"""The site's URLs plus one bare Django view, the bench's yardstick (config.settings.bench only)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-bare/", bare), *site_urlpatterns]
