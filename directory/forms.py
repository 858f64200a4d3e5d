"""The filter form every public list shares: it only parses ``request.GET``, never queries results.

Each list's form (portal.forms, funding.forms) is a ``DirectoryFilterForm`` bound to the query string. A value
that does not validate (an unknown province, SDG 99, a page "abc") is dropped, the rest still apply, and the
page names the dropped filters: a bad link never gives a 500 or an empty page for no visible reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from directory.widgets import PlainSelect
from taxonomy.models import Province, SdgGoal, Sector, Theme
from visibility.version import cache_generation, invalidate

PROFILE_SORTS = [("name", _("Name (A–Z)")), ("newest", _("Newest first"))]


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


def sector_choices(empty_label) -> list[tuple[str, str]]:
    return _choices("sectors", empty_label)


def province_choices() -> list[tuple[str, str]]:
    return _choices("provinces", _("All provinces"), by_name=True)


def sdg_choices() -> list[tuple[str, str]]:
    return _choices("sdg_goals", _("All goals"), numbered=True)


def theme_choices() -> list[tuple[str, str]]:
    return _choices("themes", _("All thematic sectors"))


def theme_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Thematic sector"), required=False, choices=theme_choices(), widget=PlainSelect)


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
