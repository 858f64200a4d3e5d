"""The abstract public list page: an editable Wagtail page (title and intro, Thai and English) over a listing.

A concrete list (portal's creators, assessors and reports; funding's funders) says what it lists and how a row
reads in CSV. Filters come from the query string (see ``directory.forms``), so a filtered list is a shareable
link; ``?format=csv`` downloads the same filtered list as CSV.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.spreadsheet import csv_download, spreadsheet_csv
from directory import forms
from directory.card_terms import attach_terms
from directory.page_privacy import CheapPrivacyCheckMixin
from directory.paging import PublicListPaginator

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

    # Many-to-many field → the item attribute its card reads the terms from (directory/card_terms.py).
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
        query = forms.read_directory_query(self.form_class, request.GET)
        rows = (
            [*self.csv_row(item), request.build_absolute_uri(reverse(self.detail_url_name, args=[item.slug]))]
            for item in self.listing(query).iterator(chunk_size=500)
        )
        return csv_download(spreadsheet_csv([self.csv_header(), *rows]), filename=f"{self.slug}.csv")
