"""Filter forms for the public directory pages: they only parse ``request.GET``, never query results.

Each form is bound to the query string. A value that does not validate (an unknown province, SDG 99, a
page "abc") is dropped, the rest still apply, and the page names the dropped filters: a bad link never
gives a 500 or an empty page for no visible reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.models.funding import FunderKind
from portal.public_cache import cache_generation, invalidate
from portal.widgets import PlainSelect
from taxonomy.models import Province, SdgGoal, Sector, Theme

PROFILE_SORTS = [("name", _("Name (A–Z)")), ("newest", _("Newest first"))]
REPORT_SORTS = [("newest", _("Newest first")), ("sroi_ratio", _("Highest SROI ratio")), ("name", _("Title (A–Z)"))]
FUNDER_SORTS = [("name", _("Name (A–Z)")), ("largest", _("Largest ticket first"))]


TAXONOMY_CACHE_KEY = "portal:directory-taxonomies"
TAXONOMY_CACHE_SECONDS = 60 * 60


def taxonomy_cache_key() -> str:
    # The public cache generation retires entries whose invalidation could not reach the cache.
    return f"{TAXONOMY_CACHE_KEY}:g{cache_generation()}"


def _taxonomies() -> dict[str, list[tuple[str, str, str]]]:
    """(value, Thai name, English name) per vocabulary, cached: every directory page shows them all."""
    key = taxonomy_cache_key()
    data = cache.get(key)
    if data is None or "themes" not in data:  # an entry cached by a release without themes is rebuilt
        data = {
            "sectors": [(s.slug, s.name_th, s.name_en) for s in Sector.objects.all()],
            "provinces": [(p.slug, p.name_th, p.name_en) for p in Province.objects.all()],
            "sdg_goals": [(str(g.number), g.name_th, g.name_en) for g in SdgGoal.objects.all()],
            "themes": [(t.slug, t.name_th, t.name_en) for t in Theme.objects.all()],
        }
        cache.set(key, data, TAXONOMY_CACHE_SECONDS)
    return data


@receiver([post_save, post_delete], sender=Sector)
@receiver([post_save, post_delete], sender=Province)
@receiver([post_save, post_delete], sender=SdgGoal)
@receiver([post_save, post_delete], sender=Theme)
def clear_taxonomy_cache(**kwargs) -> None:
    invalidate(lambda: cache.delete(taxonomy_cache_key()))


def _choices(vocabulary: str, empty_label, *, numbered: bool = False, by_name: bool = False) -> list:
    english = translation.get_language() == "en"
    rows = [(value, name_en if english else name_th) for value, name_th, name_en in _taxonomies()[vocabulary]]
    if by_name and english:
        rows.sort(key=lambda row: row[1])
    if numbered:
        rows = [(value, f"{value}. {name}") for value, name in rows]
    return [("", empty_label), *rows]


def _sector_choices(empty_label) -> list[tuple[str, str]]:
    return _choices("sectors", empty_label)


def _province_choices() -> list[tuple[str, str]]:
    return _choices("provinces", _("All provinces"), by_name=True)


def _sdg_choices() -> list[tuple[str, str]]:
    return _choices("sdg_goals", _("All goals"), numbered=True)


def _theme_choices() -> list[tuple[str, str]]:
    return _choices("themes", _("All thematic sectors"))


def _theme_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Thematic sector"), required=False, choices=_theme_choices(), widget=PlainSelect)


class DirectoryFilterForm(forms.Form):
    """The shared part: sorting and the page number. Subclasses add their filters in ``__init__``."""

    default_sort = "name"
    sort_choices = PROFILE_SORTS
    # Query-string names that select results (rendered as labelled selects, kept in every link).
    filter_names: tuple[str, ...] = ()

    sort = forms.ChoiceField(label=_("Sort by"), required=False, widget=PlainSelect)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1)

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["sort"].choices = self.sort_choices

    @property
    def filter_fields(self):
        return [self[name] for name in (*self.filter_names, "sort")]


class CreatorFilterForm(DirectoryFilterForm):
    filter_names = ("organisation_type", "theme", "province", "sdg")

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["organisation_type"] = forms.ChoiceField(
            widget=PlainSelect, label=_("Organisation type"), required=False, choices=_sector_choices(_("All types"))
        )
        self.fields["theme"] = _theme_field()
        self.fields["province"] = forms.ChoiceField(
            widget=PlainSelect, label=_("Province"), required=False, choices=_province_choices()
        )
        self.fields["sdg"] = forms.TypedChoiceField(
            widget=PlainSelect,
            label=_("SDG goal"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=_sdg_choices(),
        )
        self.order_fields([*self.filter_names, "sort", "page"])


class AssessorFilterForm(DirectoryFilterForm):
    filter_names = ("expertise", "province")

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["expertise"] = forms.ChoiceField(
            widget=PlainSelect, label=_("Expertise"), required=False, choices=_sector_choices(_("All sectors"))
        )
        self.fields["province"] = forms.ChoiceField(
            widget=PlainSelect, label=_("Province served"), required=False, choices=_province_choices()
        )
        self.order_fields([*self.filter_names, "sort", "page"])


class ReportFilterForm(DirectoryFilterForm):
    default_sort = "newest"
    sort_choices = REPORT_SORTS
    filter_names = ("sector", "theme", "province", "sdg")

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["sector"] = forms.ChoiceField(
            widget=PlainSelect, label=_("Sector"), required=False, choices=_sector_choices(_("All sectors"))
        )
        self.fields["theme"] = _theme_field()
        self.fields["province"] = forms.ChoiceField(
            widget=PlainSelect, label=_("Province"), required=False, choices=_province_choices()
        )
        self.fields["sdg"] = forms.TypedChoiceField(
            widget=PlainSelect,
            label=_("SDG goal"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=_sdg_choices(),
        )
        self.order_fields([*self.filter_names, "sort", "page"])


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
            widget=PlainSelect, label=_("Organisation type"), required=False, choices=_sector_choices(_("All types"))
        )
        self.fields["theme"] = _theme_field()
        self.fields["sdg"] = forms.TypedChoiceField(
            widget=PlainSelect,
            label=_("SDG goal"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=_sdg_choices(),
        )
        self.fields["amount"] = BahtAmountField(label=_("Amount you seek (baht)"), required=False)
        self.order_fields([*self.filter_names, "sort", "page"])


@dataclass
class DirectoryQuery:
    """What a directory request asks for, after validation."""

    form: DirectoryFilterForm
    filters: dict[str, object] = field(default_factory=dict)  # selector keyword arguments
    sort: str = "name"
    page: int = 1
    ignored: list[str] = field(default_factory=list)  # labels of the dropped parameters

    @property
    def querystring(self) -> str:
        """The valid filters and sort, for links that keep them (pagination, CSV); no page number."""
        params = {name: value for name, value in self.filters.items() if value not in (None, "")}
        if self.sort != self.form.default_sort:
            params["sort"] = self.sort
        return urlencode(params)


def read_directory_query(form_class: type[DirectoryFilterForm], data) -> DirectoryQuery:
    form = form_class(data)
    form.is_valid()  # cleaned_data keeps the valid fields; errors name the others
    cleaned = form.cleaned_data
    filters = {name: cleaned.get(name) or None for name in form.filter_names}
    return DirectoryQuery(
        form=form,
        filters=filters,
        sort=cleaned.get("sort") or form.default_sort,
        page=cleaned.get("page") or 1,
        ignored=[str(form.fields[name].label) for name in form.errors],
    )
