"""Impact Funding: the public funder directory (an editable index page over the published Funder snippets)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.numbers import plain_number
from directory.models import DirectoryIndexPage
from funding import forms
from funding.selectors import directory_funders


def _amount(value: Decimal) -> str:
    return plain_number(value, 2)  # 1,500,000 or 250,000.5: thousands separators, as Thai readers write them


def ticket_range(funder) -> str:
    """The funder's ticket size in words: "100,000 – 5,000,000 baht", "from …", "up to …", or "" if unknown."""
    low, high = funder.ticket_min, funder.ticket_max
    if low is not None and high is not None:
        return gettext("%(min)s – %(max)s baht") % {"min": _amount(low), "max": _amount(high)}
    if low is not None:
        return gettext("from %(min)s baht") % {"min": _amount(low)}
    if high is not None:
        return gettext("up to %(max)s baht") % {"max": _amount(high)}
    return ""


def _names(terms) -> str:
    return "; ".join(term.name for term in terms)


class FunderIndexPage(DirectoryIndexPage):
    """Impact Funding: published funders and investors, filterable by type, focus and ticket size."""

    directory_kind = "funders"
    card_template = "portal/includes/directory_funder_card.html"
    form_class = forms.FunderFilterForm
    detail_url_name = "funders:detail"

    class Meta:
        db_table = "portal_funderindexpage"  # the table it had before the move (#20 keeps data)
        verbose_name = _("funder directory")

    def listing(self, query):
        return directory_funders(**query.filters, sort=query.sort)

    def result_count_text(self, count):
        return ngettext("%(count)s funder found", "%(count)s funders found", count) % {"count": count}

    def prepare(self, items):
        for funder in items:
            funder.ticket_display = ticket_range(funder)

    def csv_header(self):
        return [
            gettext("Name (Thai)"),
            gettext("Name (English)"),
            gettext("Type of funder"),
            gettext("Organisation types"),
            gettext("Thematic sectors"),
            gettext("SDG goals"),
            gettext("Smallest ticket (baht)"),
            gettext("Largest ticket (baht)"),
            gettext("Website"),
            gettext("Page address"),
        ]

    def csv_row(self, item):
        return [
            item.name_th,
            item.name_en,
            item.get_kind_display(),
            _names(item.focus_sectors.all()),
            _names(item.focus_themes.all()),
            ", ".join(str(goal.number) for goal in item.focus_sdgs.all()),
            "" if item.ticket_min is None else format(item.ticket_min, "f"),
            "" if item.ticket_max is None else format(item.ticket_max, "f"),
            item.website,
        ]
