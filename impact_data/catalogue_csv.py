"""The Impact Data catalogue as CSV: one row per indicator, with its target and goal in Thai and English and how
many public reports use it. Same conventions as the directory CSVs: a BOM for Excel, formula cells neutralised."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from core.spreadsheet import spreadsheet_csv
from impact_data.catalogue_selectors import catalogue_export


def _header() -> list[str]:
    return [
        _("SDG goal"),
        _("goal (Thai)"),
        _("goal (English)"),
        _("target number"),
        _("target (Thai)"),
        _("target (English)"),
        _("indicator code"),
        _("indicator (Thai)"),
        _("indicator (English)"),
        _("source"),
        _("unit"),
        _("approved reports"),
        _("beneficiaries"),
        _("link"),
        _("Thai text of the target"),
        _("Thai text of the indicator"),
        _("framework revision of the indicator text"),
    ]


def _quantity(value: Decimal) -> str:
    # The same text on every database: PostgreSQL's sum keeps the column's 4 places, SQLite's doesn't.
    return format(value.normalize(), "f")


def catalogue_csv(*, base_url: str) -> str:
    """The CSV text; ``base_url`` is the Impact Data page's address (rows link to their indicator sub-page)."""
    return spreadsheet_csv([_header(), *(_row(indicator, base_url) for indicator in catalogue_export())])


def _row(indicator, base_url: str) -> list[object]:
    target, goal = indicator.target, indicator.target.goal
    return [
        goal.number,
        goal.name_th,
        goal.name_en,
        target.number,
        target.text_th,
        target.text_en,
        indicator.code,
        indicator.name_th,
        indicator.name_en,
        indicator.get_source_display(),
        indicator.unit,
        indicator.usage.reports,
        _quantity(indicator.usage.beneficiaries),
        f"{base_url.rstrip('/')}/{indicator.slug}/",
        target.get_thai_source_display(),
        indicator.get_thai_source_display(),
        indicator.text_revision,
    ]
