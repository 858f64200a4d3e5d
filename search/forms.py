"""The search page's query string: parsed only, never queried here. Bad values are dropped, never a 500."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.forms import province_choices, sdg_choices
from search.service import GROUPS

# A query longer than this is cut before anything else looks at it (search.thai keeps 200 characters anyway).
MAX_QUERY_INPUT = 1000

GROUP_LABELS = {
    "creators": _("Impact Creators"),
    "assessors": _("Impact Assessors"),
    "reports": _("Impact Reports"),
    "indicators": _("SDG targets and indicators"),
    "faq": _("FAQ questions"),
    "pages": _("Pages"),
}


def _group_choices() -> list[tuple[str, str]]:
    return [("", _("Everything")), *((group, GROUP_LABELS[group]) for group in GROUPS)]


@dataclass
class SearchQuery:
    q: str = ""
    kind: str | None = None
    province: str | None = None
    sdg: int | None = None
    page: int = 1

    def querystring(self, *, kind: str | None = "") -> str:
        """The query string of this search (page left out); ``kind`` overrides the chosen group."""
        params = {
            "q": self.q,
            "kind": self.kind if kind == "" else kind,
            "province": self.province,
            "sdg": self.sdg,
        }
        return urlencode({name: value for name, value in params.items() if value})


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, strip=True)
    kind = forms.ChoiceField(label=_("Show"), required=False)
    province = forms.ChoiceField(label=_("Province"), required=False)
    sdg = forms.TypedChoiceField(label=_("SDG goal"), required=False, coerce=int, empty_value=None)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=10_000)

    def __init__(self, data, **kwargs):
        data = data.copy()
        if len(data.get("q", "")) > MAX_QUERY_INPUT:
            data["q"] = data["q"][:MAX_QUERY_INPUT]
        super().__init__(data, **kwargs)
        self.fields["kind"].choices = _group_choices()
        self.fields["province"].choices = province_choices()
        self.fields["sdg"].choices = sdg_choices()

    def parsed(self) -> SearchQuery:
        """The valid values; an invalid field is left out (and its error stays on the form for the page)."""
        self.is_valid()
        values = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        return SearchQuery(
            q=(values.get("q") or "").replace("\x00", ""),
            kind=values.get("kind") or None,
            province=values.get("province") or None,
            sdg=values.get("sdg"),
            page=values.get("page") or 1,
        )
