"""The funder directory's filter form: type, focus and the amount a creator seeks."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.number_field import MAX_AMOUNT, NumberField
from directory.forms import DirectoryFilterForm, sdg_choices, sector_choices, theme_field
from directory.widgets import PlainSelect
from funding.models.funders import FunderKind

FUNDER_SORTS = [("name", _("Name (A–Z)")), ("largest", _("Largest ticket first"))]


class FunderFilterForm(DirectoryFilterForm):
    sort_choices = FUNDER_SORTS
    filter_names = ("kind", "sector", "theme", "sdg", "amount")

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["kind"] = forms.ChoiceField(
            widget=PlainSelect,
            label=_("Type of funder"),
            required=False,
            choices=[("", _("All types")), *FunderKind.choices],
        )
        self.fields["sector"] = forms.ChoiceField(
            widget=PlainSelect, label=_("Organisation type"), required=False, choices=sector_choices(_("All types"))
        )
        self.fields["theme"] = theme_field()
        self.fields["sdg"] = forms.TypedChoiceField(
            widget=PlainSelect,
            label=_("SDG goal"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=sdg_choices(),
        )
        self.fields["amount"] = NumberField(
            label=_("Amount you seek (baht)"), required=False, max_digits=18, decimal_places=2, max_value=MAX_AMOUNT
        )
        self.order_fields([*self.filter_names, "sort", "page"])
