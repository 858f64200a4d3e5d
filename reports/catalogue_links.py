"""The report side of the Impact Data catalogue: the wizard's indicator choices and each outcome's catalogue link."""

from __future__ import annotations

from django.apps import apps
from django.utils import translation
from django.utils.text import Truncator

from taxonomy.models import SdgIndicator

CHOICE_LABEL_LENGTH = 110


def indicator_choices() -> list:
    """Select choices for the wizard: one <optgroup> per goal, "1.2.1 name" in the current language."""
    groups: dict[int, tuple[str, list]] = {}
    for indicator in SdgIndicator.objects.select_related("target__goal").order_by("sort_key", "code"):
        goal = indicator.target.goal
        label = Truncator(f"{indicator.code} {indicator.name}").chars(CHOICE_LABEL_LENGTH)
        groups.setdefault(goal.number, (f"SDG {goal.number} {goal.name}", []))[1].append((indicator.pk, label))
    return [groups[number] for number in sorted(groups)]


def attach_catalogue_indicators(outcomes) -> None:
    """Give each outcome ``catalogue_indicator`` (or None) with its page address, in one query for all.

    Works on rows and on revision objects alike; an indicator deleted since the revision was saved is None.
    """
    ids = {outcome.sdg_indicator_id for outcome in outcomes if outcome.sdg_indicator_id}
    indicators = SdgIndicator.objects.in_bulk(ids) if ids else {}
    base = _catalogue_page_url() if indicators else None
    for indicator in indicators.values():
        indicator.catalogue_url = f"{base}{indicator.slug}/" if base else ""
    for outcome in outcomes:
        outcome.catalogue_indicator = indicators.get(outcome.sdg_indicator_id)


def _catalogue_page_url() -> str | None:
    # Named, not imported: the catalogue page belongs to impact_data, which sits above reports.
    catalogue_page = apps.get_model("impact_data", "ImpactDataIndexPage")
    language = translation.get_language() or "th"
    page = catalogue_page.objects.live().filter(locale__language_code=language).first()
    return page.url if page is not None and page.url else None
