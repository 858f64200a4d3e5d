"""The Impact Portal's public directory pages: Impact Creators, Impact Assessors and Impact Reports.

Each page is a ``directory.models.DirectoryIndexPage`` that lists the live items through ``portal.selectors``.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from assurance.selectors import assurances_for
from core.numbers import ratio_one_to
from directory.models import DirectoryIndexPage
from portal import forms
from portal.selectors import directory_assessors, directory_creators, directory_reports, live_owner_profile


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
        sort = "title" if query.sort == "name" else query.sort  # "name" in the URL, like the other lists
        return directory_reports(**query.filters, sort=sort)

    def result_count_text(self, count):
        return ngettext("%(count)s report found", "%(count)s reports found", count) % {"count": count}

    def prepare(self, items):
        assured = assurances_for(reports=items)  # one query for the page
        for report in items:
            report.assurance = assured.get(report.pk)
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
