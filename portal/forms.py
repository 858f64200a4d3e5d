"""Filter forms of the portal's directories (creators, assessors, reports); the shared part is ``directory.forms``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.forms import (
    DirectoryFilterForm,
    province_choices,
    sdg_choices,
    sector_choices,
    theme_field,
)
from directory.widgets import PlainSelect

REPORT_SORTS = [("newest", _("Newest first")), ("sroi_ratio", _("Highest SROI ratio")), ("name", _("Title (A–Z)"))]


class CreatorFilterForm(DirectoryFilterForm):
    filter_names = ("organisation_type", "theme", "province", "sdg")

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["organisation_type"] = forms.ChoiceField(
            widget=PlainSelect, label=_("Organisation type"), required=False, choices=sector_choices(_("All types"))
        )
        self.fields["theme"] = theme_field()
        self.fields["province"] = forms.ChoiceField(
            widget=PlainSelect, label=_("Province"), required=False, choices=province_choices()
        )
        self.fields["sdg"] = forms.TypedChoiceField(
            widget=PlainSelect,
            label=_("SDG goal"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=sdg_choices(),
        )
        self.order_fields([*self.filter_names, "sort", "page"])


class AssessorFilterForm(DirectoryFilterForm):
    filter_names = ("expertise", "province")

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["expertise"] = forms.ChoiceField(
            widget=PlainSelect, label=_("Expertise"), required=False, choices=sector_choices(_("All sectors"))
        )
        self.fields["province"] = forms.ChoiceField(
            widget=PlainSelect, label=_("Province served"), required=False, choices=province_choices()
        )
        self.order_fields([*self.filter_names, "sort", "page"])


class ReportFilterForm(DirectoryFilterForm):
    default_sort = "newest"
    sort_choices = REPORT_SORTS
    filter_names = ("sector", "theme", "province", "sdg")

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["sector"] = forms.ChoiceField(
            widget=PlainSelect, label=_("Sector"), required=False, choices=sector_choices(_("All sectors"))
        )
        self.fields["theme"] = theme_field()
        self.fields["province"] = forms.ChoiceField(
            widget=PlainSelect, label=_("Province"), required=False, choices=province_choices()
        )
        self.fields["sdg"] = forms.TypedChoiceField(
            widget=PlainSelect,
            label=_("SDG goal"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=sdg_choices(),
        )
        self.order_fields([*self.filter_names, "sort", "page"])
