from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from funding.models import Funder
from reports.models import ImpactReport


class AllLocalesSitemap(Sitemap):
    """Wagtail's sitemap walks only the default site's (Thai) tree; this adds every translation of it."""

    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Page.objects.none()
        for home in Page.objects.filter(translation_key=root.translation_key):
            trees |= Page.objects.descendant_of(home, inclusive=True)
        return trees.live().public().order_by("path").defer_streamfields().specific()


class LiveObjectSitemap(DjangoSitemap):
    """Approved profiles and reports, in Thai and English; nothing that isn't live."""

    i18n = True
    languages = ["th", "en"]
    alternates = True
    model = None
    url_name = ""

    def items(self):
        return self.model.objects.public().only("slug", "last_published_at").order_by("pk")

    def location(self, item):
        return reverse(self.url_name, args=[item.slug])

    def lastmod(self, item):
        return item.last_published_at


class CreatorSitemap(LiveObjectSitemap):
    model = ImpactCreatorProfile
    url_name = "creators:creator_detail"


class AssessorSitemap(LiveObjectSitemap):
    model = ImpactAssessorProfile
    url_name = "creators:assessor_detail"


class ReportSitemap(LiveObjectSitemap):
    model = ImpactReport
    url_name = "reports:public"


SITEMAPS = {
    "pages": AllLocalesSitemap,
    "creators": CreatorSitemap,
    "assessors": AssessorSitemap,
    "reports": ReportSitemap,
}


class FunderSitemap(LiveObjectSitemap):
    """Published funders (Impact Funding); drafts never."""

    model = Funder
    url_name = "funders:detail"


SITEMAPS["funders"] = FunderSitemap
