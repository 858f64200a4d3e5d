"""Loads the SDG targets and global indicators from site/content/sdg_catalogue.json, idempotently.

Each row the loader owns has an InitialContentRecord ("sdg-target:1.2", "sdg-indicator:1.2.1") holding the
hash of the values it last wrote. A row whose current values no longer hash to that was changed by an editor
and is left alone; a row an editor deleted is not recreated; a row that existed before the loader knew it
(an editor's own) is never taken over. Reads everything in a few queries and writes only what changed.

Each row also records which framework revision its English text follows (``text_revision``, the label of
``revisions[...]`` in the file) and where its Thai comes from (``thai_source``). Rows the loader wrote before
those fields existed were hashed over the older field list (``LEGACY_*``): such a row still counts as the
loader's own, so an upgrade fills in the provenance and the Buddhist-Era fixes without touching editors' rows.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from portal.models import InitialContentRecord
from taxonomy import catalogue_codes
from taxonomy.models import IndicatorSource, SdgGoal, SdgIndicator, SdgTarget, ThaiTextSource

LEGACY_TARGET_FIELDS = ("goal_id", "number", "slug", "sort_key", "text_th", "text_en")
LEGACY_INDICATOR_FIELDS = ("target_id", "code", "slug", "sort_key", "name_th", "name_en", "source", "unit")
PROVENANCE_FIELDS = ("text_revision", "thai_source")
TARGET_FIELDS = LEGACY_TARGET_FIELDS + PROVENANCE_FIELDS
INDICATOR_FIELDS = LEGACY_INDICATOR_FIELDS + PROVENANCE_FIELDS
LEGACY = {TARGET_FIELDS: LEGACY_TARGET_FIELDS, INDICATOR_FIELDS: LEGACY_INDICATOR_FIELDS}
NOT_OURS = ""  # the hash recorded for a row the loader found already there


@dataclass
class CatalogueLoad:
    created: int = 0
    updated: int = 0
    kept_editor_changes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _hash(values: dict) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _values(obj, names: tuple[str, ...]) -> dict:
    return {name: getattr(obj, name) for name in names}


class CatalogueLoader:
    def __init__(self, data: dict):
        self.data = data
        self.result = CatalogueLoad()
        self.records = {r.key: r for r in InitialContentRecord.objects.filter(key__startswith="sdg-")}
        self.revisions = data.get("revisions", {})
        self.default_revision = data.get("default_revision", {})
        self.default_thai_source = data.get("default_thai_source", ThaiTextSource.PLATFORM)

    def _provenance(self, item: dict, kind: str) -> dict:
        label = item.get("revision", self.default_revision.get(kind, ""))
        return {
            "text_revision": self.revisions.get(label, label),
            "thai_source": item.get("thai_source", self.default_thai_source),
        }

    def run(self) -> CatalogueLoad:
        goals = {goal.number: goal.pk for goal in SdgGoal.objects.all()}
        targets = {t.number: t for t in SdgTarget.objects.all()}
        indicators = {i.code: i for i in SdgIndicator.objects.all()}
        for goal_data in self.data["goals"]:
            goal_id = goals.get(goal_data["number"])
            if goal_id is None:
                continue  # the 17 goals come from taxonomies.json; nothing to hang targets on
            for target_data in goal_data["targets"]:
                number = target_data["number"]
                wanted = {
                    "goal_id": goal_id,
                    "number": number,
                    "slug": catalogue_codes.target_slug(number),
                    "sort_key": catalogue_codes.sort_key(number),
                    "text_th": target_data["text_th"],
                    "text_en": target_data["text_en"],
                    **self._provenance(target_data, "target"),
                }
                target = self._sync(f"sdg-target:{number}", SdgTarget, targets.get(number), wanted, TARGET_FIELDS)
                if target is None:
                    continue
                for indicator_data in target_data.get("indicators", []):
                    code = indicator_data["code"]
                    wanted = {
                        "target_id": target.pk,
                        "code": code,
                        "slug": catalogue_codes.indicator_slug(code),
                        "sort_key": catalogue_codes.sort_key(code),
                        "name_th": indicator_data["name_th"],
                        "name_en": indicator_data["name_en"],
                        "source": IndicatorSource.GLOBAL,
                        "unit": indicator_data.get("unit", ""),
                        **self._provenance(indicator_data, "indicator"),
                    }
                    self._sync(f"sdg-indicator:{code}", SdgIndicator, indicators.get(code), wanted, INDICATOR_FIELDS)
        return self.result

    def _sync(self, key: str, model, obj, wanted: dict, names: tuple[str, ...]):
        """The row to hang children on (None when an editor deleted it), written only when it is still ours."""
        record = self.records.get(key)
        wanted_hash = _hash(wanted)
        if record is None:
            if obj is None:
                obj = model.objects.create(**wanted)
                InitialContentRecord.objects.create(key=key, object_id=obj.pk, source_hash=wanted_hash)
                self.result.created += 1
            else:  # there before us: ours only when it already says exactly what we would write
                same = _hash(_values(obj, names)) == wanted_hash
                InitialContentRecord.objects.create(
                    key=key, object_id=obj.pk, source_hash=wanted_hash if same else NOT_OURS
                )
            return obj
        if obj is None or obj.pk != record.object_id:
            return obj  # deleted (or replaced) by an editor: not recreated
        if record.source_hash == wanted_hash:
            return obj
        if record.source_hash == NOT_OURS or not self._still_ours(obj, names, record.source_hash):
            self.result.kept_editor_changes.append(key)
            return obj
        model.objects.filter(pk=obj.pk).update(**wanted)
        for name, value in wanted.items():
            setattr(obj, name, value)
        record.source_hash = wanted_hash
        record.save(update_fields=["source_hash", "updated_at"])
        self.result.updated += 1
        return obj

    @staticmethod
    def _still_ours(obj, names: tuple[str, ...], recorded: str) -> bool:
        """The row still holds exactly what the loader last wrote (hashed over today's or the older field list)."""
        if _hash(_values(obj, names)) == recorded:
            return True
        return _hash(_values(obj, LEGACY[names])) == recorded


def load_catalogue(data: dict) -> CatalogueLoad:
    return CatalogueLoader(data).run()
