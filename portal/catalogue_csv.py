"""The Impact Data catalogue as CSV: one row per indicator, with its target and goal in Thai and English and how
many public reports use it. Same conventions as the directory CSVs: a BOM for Excel, formula cells neutralised."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _

from portal.catalogue_selectors import catalogue_export
from reports.csv_export import BOM, safe_cell


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
    ]


def _quantity(value: Decimal) -> str:
    # The same text on every database: PostgreSQL's sum keeps the column's 4 places, SQLite's doesn't.
    return format(value.normalize(), "f")


def catalogue_csv(*, base_url: str) -> str:
    """The CSV text; ``base_url`` is the Impact Data page's address (rows link to their indicator sub-page)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in _header()])
    for indicator in catalogue_export():
        target, goal = indicator.target, indicator.target.goal
        cells = [
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
        ]
        writer.writerow([safe_cell(cell) for cell in cells])
    return BOM + buffer.getvalue()
