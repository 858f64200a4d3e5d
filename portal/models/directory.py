"""The Impact Portal's public directory pages: Impact Creators, Impact Assessors and Impact Reports.

Each page is an editable Wagtail page (title and intro, Thai and English) that lists the live items
through ``portal.selectors``. Filters come from the query string (see ``portal.forms``), so a filtered
list is a shareable link; ``?format=csv`` downloads the same filtered list as CSV.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal import forms
from portal.card_terms import attach_terms
from portal.page_privacy import CheapPrivacyCheckMixin
from portal.paging import PublicListPaginator

PER_PAGE = 20
INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class DirectoryIndexPage(CheapPrivacyCheckMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    form_class: type[forms.DirectoryFilterForm] = forms.DirectoryFilterForm
    detail_url_name = ""
    directory_kind = ""
    card_template = ""

    class Meta:
        abstract = True

    # --- What each directory defines ----------------------------------------------------------------

    def listing(self, query: forms.DirectoryQuery) -> QuerySet:
        raise NotImplementedError

    def result_count_text(self, count: int) -> str:
        raise NotImplementedError

    def csv_header(self) -> list[str]:
        raise NotImplementedError

    def csv_row(self, item) -> list[object]:
        raise NotImplementedError

    # Many-to-many field → the item attribute its card reads the terms from (portal/card_terms.py).
    card_terms: dict[str, str] = {}

    def prepare(self, items: list) -> None:
        """Attach what the cards show; must not query per item."""

    # --- Serving ------------------------------------------------------------------------------------

    def get_template(self, request, *args, **kwargs):
        # One page template for every directory; each directory brings its own result card.
        return "portal/directory_index_page.html"

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.GET.get("format") == "csv":
            return self.serve_csv(request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        query = forms.read_directory_query(self.form_class, request.GET)
        listing = self.listing(query)
        if self.card_terms:  # read as (row, term) pairs instead of prefetched model instances
            listing = listing.prefetch_related(None)
        paginator = PublicListPaginator(listing, PER_PAGE)
        page_obj = paginator.get_page(query.page)  # not a number → first page; past the end → last page
        items = list(page_obj.object_list)
        attach_terms(items, self.card_terms)
        self.prepare(items)
        context.update(
            {
                "query": query,
                "filter_form": query.form,
                "items": items,
                "page_obj": page_obj,
                "page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
                "result_count_text": self.result_count_text(paginator.count),
                "is_filtered": any(value is not None for value in query.filters.values()),
            }
        )
        return context

    def serve_csv(self, request: HttpRequest) -> HttpResponse:
        from core.spreadsheet import csv_download, spreadsheet_csv

        query = forms.read_directory_query(self.form_class, request.GET)
        rows = (
            [*self.csv_row(item), request.build_absolute_uri(reverse(self.detail_url_name, args=[item.slug]))]
            for item in self.listing(query).iterator(chunk_size=500)
        )
        return csv_download(spreadsheet_csv([self.csv_header(), *rows]), filename=f"{self.slug}.csv")


def _names(terms) -> str:
    return "; ".join(term.name for term in terms)


def _goals(goals) -> str:
    return ", ".join(str(goal.number) for goal in goals)


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


class CreatorIndexPage(DirectoryIndexPage):
    directory_kind = "creators"
    card_template = "portal/includes/directory_creator_card.html"
    form_class = forms.CreatorFilterForm
    detail_url_name = "creators:creator_detail"
    card_terms = {"themes": "card_themes", "sdg_goals": "card_goals"}

    class Meta:
        verbose_name = _("Impact Creator directory")

    def listing(self, query):
        from portal.selectors import directory_creators

        return directory_creators(**query.filters, sort=query.sort)

    def result_count_text(self, count):
        return ngettext("%(count)s organisation found", "%(count)s organisations found", count) % {"count": count}

    def csv_header(self):
        return [
            gettext("Name (Thai)"),
            gettext("Name (English)"),
            gettext("Organisation type"),
            gettext("Thematic sectors"),
            gettext("Province"),
            gettext("SDG goals"),
            gettext("Website"),
            gettext("Page address"),
        ]

    def csv_row(self, item):
        goals = _goals(item.sdg_goals.all())
        themes = _names(item.themes.all())
        return [
            item.name_th,
            item.name_en,
            item.organisation_type.name,
            themes,
            item.province.name,
            goals,
            item.website,
        ]


class AssessorIndexPage(DirectoryIndexPage):
    directory_kind = "assessors"
    card_template = "portal/includes/directory_assessor_card.html"
    form_class = forms.AssessorFilterForm
    detail_url_name = "creators:assessor_detail"
    card_terms = {"expertise_sectors": "card_sectors", "provinces_served": "card_provinces"}

    class Meta:
        verbose_name = _("Impact Assessor directory")

    def listing(self, query):
        from portal.selectors import directory_assessors

        return directory_assessors(**query.filters, sort=query.sort)

    def result_count_text(self, count):
        return ngettext("%(count)s assessor found", "%(count)s assessors found", count) % {"count": count}

    def csv_header(self):
        return [gettext("Name"), gettext("Expertise"), gettext("Provinces served"), gettext("Page address")]

    def csv_row(self, item):
        return [item.name, _names(item.expertise_sectors.all()), _names(item.provinces_served.all())]


class ReportIndexPage(DirectoryIndexPage):
    directory_kind = "reports"
    card_template = "portal/includes/directory_report_card.html"
    form_class = forms.ReportFilterForm
    detail_url_name = "reports:public"
    card_terms = {"provinces": "card_provinces", "sdg_goals": "card_goals", "themes": "card_themes"}

    class Meta:
        verbose_name = _("Impact Report directory")

    def listing(self, query):
        from portal.selectors import directory_reports

        sort = "title" if query.sort == "name" else query.sort  # "name" in the URL, like the other lists
        return directory_reports(**query.filters, sort=sort)

    def result_count_text(self, count):
        return ngettext("%(count)s report found", "%(count)s reports found", count) % {"count": count}

    def prepare(self, items):
        from core.numbers import ratio_one_to
        from portal.selectors import live_owner_profile

        for report in items:
            report.organisation = live_owner_profile(report)
            report.ratio_display = ratio_one_to(report.sroi_ratio) if report.sroi_ratio is not None else ""

    def csv_header(self):
        return [
            gettext("Title (Thai)"),
            gettext("Title (English)"),
            gettext("Organisation"),
            gettext("Sector"),
            gettext("Thematic sectors"),
            gettext("Provinces"),
            gettext("SDG goals"),
            gettext("Total inputs (baht)"),
            gettext("Present value (baht)"),
            gettext("SROI ratio"),
            gettext("Page address"),
        ]

    def csv_row(self, item):
        from portal.selectors import live_owner_profile

        owner = live_owner_profile(item)
        return [
            item.title_th,
            item.title_en,
            owner.display_name if owner is not None else "",
            item.sector.name if item.sector else "",
            _names(item.themes.all()),
            _names(item.provinces.all()),
            _goals(item.sdg_goals.all()),
            _plain(item.total_inputs),
            _plain(item.present_value),
            _plain(item.sroi_ratio),
        ]
