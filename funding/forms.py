"""The funder directory's filter form: type, focus and the amount a creator seeks."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.forms import DirectoryFilterForm, sdg_choices, sector_choices, theme_field
from directory.widgets import PlainSelect
from funding.models.funders import FunderKind

FUNDER_SORTS = [("name", _("Name (A–Z)")), ("largest", _("Largest ticket first"))]


THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


class BahtAmountField(forms.DecimalField):
    """An amount in baht typed as text: "1,500,000", "๑๕๐๐๐๐๐" and "1500000.50" all work."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=Decimal("1e15"), max_digits=18, decimal_places=2, **kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[,\s\u00a0]", "", value.translate(THAI_DIGITS))[:40]
        return super().to_python(value)


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
        self.fields["amount"] = BahtAmountField(label=_("Amount you seek (baht)"), required=False)
        self.order_fields([*self.filter_names, "sort", "page"])
