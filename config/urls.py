from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api_router
from config.portal_api import api as portal_api
from creators import urls as creators_urls
from portal import profile_urls
from portal import views as portal_views
from portal.sitemaps import SITEMAPS
from privacy import urls as privacy_urls

handler400 = "portal.views.bad_request"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/portal/", portal_api.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", portal_views.robots_txt, name="robots_txt"),
    path("i18n/js/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Thai has no prefix; English lives under /en/. Wagtail serves the page tree for both.
urlpatterns += i18n_patterns(
    # Registrants' pages, their PDPA requests and the public profile pages share the "creators" URL namespace.
    path("", include((creators_urls.urlpatterns + profile_urls.urlpatterns + privacy_urls.urlpatterns, "creators"))),
    path("", include("account_security.urls")),
    path("", include("assurance.urls")),
    path("", include("reports.urls")),
    path("", include("search.urls")),
    path("", include("funding.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
