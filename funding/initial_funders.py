"""Initial content for Impact Funding: the thematic sectors and the first funders, loaded idempotently.

Unlike sectors and provinces, both are maintained by editors in the admin afterwards, so the loader only
creates what is missing and never overwrites a row that exists: an editor's renamed theme or edited
funder survives every later ``load_initial_content``.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.db import models

from directory.forms import clear_taxonomy_cache
from funding.models import Funder
from taxonomy.models import SdgGoal, Sector, Theme

FUNDERS_FILE = "funders.json"
EDITOR_PERMISSIONS = {
    ("funding", "funder"): ("add", "change", "delete", "publish"),
    ("taxonomy", "theme"): ("add", "change", "delete"),
}


def sync_themes(themes: list[dict], report) -> None:
    """Create the shipped thematic sectors that are missing (by slug); existing rows are the editors'."""
    existing = set(Theme.objects.values_list("slug", flat=True))
    missing = [
        Theme(slug=theme["slug"], name_th=theme["name_th"], name_en=theme["name_en"], sort_order=position)
        for position, theme in enumerate(themes)
        if theme["slug"] not in existing
    ]
    if missing:
        Theme.objects.bulk_create(missing)
        clear_taxonomy_cache()  # bulk_create sends no post_save
        report.created.append(f"themes ({len(missing)} rows)")


def load_funders(content_dir: Path, report, *, records: type[models.Model]) -> None:
    """Create and publish each shipped funder once; a funder an editor changed or deleted is left alone.

    ``records`` is the model the initial content keeps its bookkeeping in (portal's InitialContentRecord, passed
    down by portal, which sits above funding).
    """
    path = content_dir / FUNDERS_FILE
    if not path.exists():
        return
    for entry in json.loads(path.read_text(encoding="utf-8"))["funders"]:
        key = f"funder:{entry['slug']}"
        if records.objects.filter(key=key).exists():
            continue
        funder = Funder.objects.filter(slug=entry["slug"]).first()
        if funder is None:
            funder = _create_funder(entry)
            report.created.append(key)
        records.objects.create(key=key, object_id=funder.pk, source_hash="", revision_id=funder.latest_revision_id)


def _create_funder(entry: dict) -> Funder:
    fields = {name: entry.get(name, "") for name in ("name_th", "name_en", "description_th", "description_en")}
    funder = Funder(slug=entry["slug"], kind=entry["kind"], website=entry.get("website", ""), live=False, **fields)
    funder.focus_themes = list(Theme.objects.filter(slug__in=entry.get("focus_themes", [])))
    funder.focus_sdgs = list(SdgGoal.objects.filter(number__in=entry.get("focus_sdgs", [])))
    funder.focus_sectors = list(Sector.objects.filter(slug__in=entry.get("focus_sectors", [])))
    funder.full_clean()
    funder.save()
    funder.save_revision(log_action=True).publish()
    return funder


def ensure_funder_editing() -> None:
    """Editors may maintain funders (drafts and publishing) and thematic sectors; safe to run every time."""
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    for (app_label, model), actions in EDITOR_PERMISSIONS.items():
        codenames = [f"{action}_{model}" for action in actions]
        editors.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
