"""Where each SDG catalogue text comes from: its framework revision and the source of its Thai (#14.5)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from portal.catalogue_loader import LEGACY_INDICATOR_FIELDS, LEGACY_TARGET_FIELDS, _hash, load_catalogue
from portal.initial_content import CONTENT_DIR
from portal.models import InitialContentRecord
from taxonomy.models import SdgGoal, SdgIndicator, SdgTarget, ThaiTextSource

pytestmark = pytest.mark.django_db

# Public copies of different framework revisions word these eight differently (README: SDG catalogue).
WORDING_DIFFERS = {"12.7.1", "12.c.1", "7.b.1", "12.a.1", "10.7.2", "5.3.2", "2.5.1", "15.4.2"}


def _catalogue() -> dict:
    return json.loads((CONTENT_DIR / "sdg_catalogue.json").read_text(encoding="utf-8"))


def test_every_text_records_its_revision_and_the_source_of_its_thai():
    for model in (SdgGoal, SdgTarget, SdgIndicator):
        assert not model.objects.filter(text_revision="").exists(), model
        assert set(model.objects.values_list("thai_source", flat=True)) <= set(ThaiTextSource.values)
    assert SdgTarget.objects.get(number="1.1").text_revision.startswith("A/RES/70/1")
    assert SdgGoal.objects.get(number=1).text_revision.startswith("A/RES/70/1")
    indicator = SdgIndicator.objects.get(code="1.1.1")
    assert indicator.text_revision.startswith("A/RES/71/313") and "not yet compared" in indicator.text_revision
    differing = SdgIndicator.objects.filter(text_revision__contains="word this indicator differently")
    assert set(differing.values_list("code", flat=True)) == WORDING_DIFFERS
    # No machine-readable official Thai edition is vendored yet: every Thai text is the platform's translation.
    assert not SdgIndicator.objects.filter(thai_source=ThaiTextSource.OFFICIAL).exists()


def test_thai_texts_write_years_in_the_buddhist_era():
    """Thai government texts say "ภายในปี พ.ศ. 2573", not "ค.ศ. 2030" (the file's texts, and the loaded rows)."""
    assert "ค.ศ." not in (CONTENT_DIR / "sdg_catalogue.json").read_text(encoding="utf-8")
    assert not SdgTarget.objects.filter(text_th__contains="ค.ศ.").exists()
    assert not SdgIndicator.objects.filter(name_th__contains="ค.ศ.").exists()
    assert SdgTarget.objects.get(number="1.1").text_th.endswith(
        "ภายในปี พ.ศ. 2573 ซึ่งปัจจุบันวัดจากจำนวนประชากรที่มีรายได้ต่ำกว่า 1.25 ดอลลาร์สหรัฐต่อวัน"
    )
    assert "พ.ศ. 2558–2573" in SdgIndicator.objects.get(code="1.5.3").name_th  # Sendai Framework 2015–2030
    assert "2030" in SdgTarget.objects.get(number="1.1").text_en  # the English keeps the Common Era


def _as_before_provenance(obj, legacy_fields: tuple[str, ...], key: str, **old) -> None:
    """Put a row back into the state the loader left before this change: Common-Era Thai, no provenance, and a
    record hashed over the older field list."""
    type(obj).objects.filter(pk=obj.pk).update(text_revision="", **old)
    obj.refresh_from_db()
    legacy = {name: getattr(obj, name) for name in legacy_fields}
    InitialContentRecord.objects.filter(key=key).update(source_hash=_hash(legacy))


def test_an_upgrade_fills_in_provenance_and_era_but_keeps_editors_rows():
    ours = SdgTarget.objects.get(number="1.2")
    fixed_text = ours.text_th
    _as_before_provenance(
        ours, LEGACY_TARGET_FIELDS, "sdg-target:1.2", text_th=fixed_text.replace("พ.ศ. 2573", "ค.ศ. 2030")
    )
    edited = SdgIndicator.objects.get(code="1.2.1")
    _as_before_provenance(edited, LEGACY_INDICATOR_FIELDS, "sdg-indicator:1.2.1")
    SdgIndicator.objects.filter(pk=edited.pk).update(name_th="ข้อความที่บรรณาธิการแก้ไข")  # an editor's edit

    result = load_catalogue(_catalogue())

    ours.refresh_from_db()
    assert ours.text_th == fixed_text and ours.text_revision.startswith("A/RES/70/1")
    edited.refresh_from_db()
    assert edited.name_th == "ข้อความที่บรรณาธิการแก้ไข" and edited.text_revision == ""
    assert result.kept_editor_changes == ["sdg-indicator:1.2.1"] and result.updated == 1
    again = load_catalogue(_catalogue())
    assert again.updated == again.created == 0


def test_an_editor_marking_an_official_thai_text_is_never_overwritten():
    indicator = SdgIndicator.objects.get(code="4.1.1")
    SdgIndicator.objects.filter(pk=indicator.pk).update(thai_source=ThaiTextSource.OFFICIAL)
    assert load_catalogue(_catalogue()).updated == 0
    data = _catalogue()  # a later release of the file changes this indicator's wording
    target = next(t for g in data["goals"] for t in g["targets"] if t["number"] == "4.1")
    target["indicators"][0]["name_en"] += " (revised)"
    result = load_catalogue(data)
    assert result.kept_editor_changes == ["sdg-indicator:4.1.1"]
    indicator.refresh_from_db()
    assert indicator.thai_source == ThaiTextSource.OFFICIAL and not indicator.name_en.endswith("(revised)")


def test_csv_and_api_carry_the_provenance(client):
    text = client.get("/impact-data/csv/").content.decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header[-3:] == [
        "ข้อความภาษาไทยของเป้าหมายย่อย",
        "ข้อความภาษาไทยของตัวชี้วัด",
        "ฉบับปรับปรุงของกรอบตัวชี้วัดที่ข้อความตัวชี้วัดยึดตาม",
    ]
    row = next(r for r in rows if r[6] == "12.7.1")
    assert row[-2] == "แปลสำหรับแพลตฟอร์มนี้" and "word this indicator differently" in row[-1]

    detail = client.get("/api/portal/indicators/12.7.1").json()
    assert detail["thai_source"] == "platform" and "A/RES/71/313" in detail["text_revision"]
    assert detail["target_detail"]["text_revision"].startswith("A/RES/70/1")
    goal = client.get("/api/portal/indicators/goals/1").json()
    assert goal["thai_source"] == "platform" and goal["targets"][0]["indicators"][0]["text_revision"]
