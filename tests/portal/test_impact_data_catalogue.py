"""The SDG catalogue as initial content: counts, Latin slugs, sort order, idempotent reruns, editors' edits kept."""

from __future__ import annotations

import json
import shutil

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.initial_content import CONTENT_DIR, load_initial_content
from portal.models import InitialContentRecord
from taxonomy import catalogue_codes
from taxonomy.models import IndicatorSource, SdgGoal, SdgIndicator, SdgTarget

pytestmark = pytest.mark.django_db


def _snapshot():
    targets = list(SdgTarget.objects.order_by("pk").values_list("pk", "number", "slug", "sort_key", "text_th"))
    indicators = list(SdgIndicator.objects.order_by("pk").values_list("pk", "code", "slug", "name_en", "unit"))
    return targets, indicators


def _changed_content(tmp_path, change) -> object:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    data = json.loads((content / "sdg_catalogue.json").read_text(encoding="utf-8"))
    change(data)
    (content / "sdg_catalogue.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return content


def _target(data: dict, number: str) -> dict:
    goal = next(g for g in data["goals"] if g["number"] == int(number.split(".")[0]))
    return next(t for t in goal["targets"] if t["number"] == number)


def test_the_whole_catalogue_is_loaded():
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    assert SdgIndicator.objects.count() == 248
    assert not SdgIndicator.objects.exclude(source=IndicatorSource.GLOBAL).exists()
    assert set(SdgGoal.objects.values_list("number", flat=True)) == set(range(1, 18))
    assert all(t.text_th and t.text_en for t in SdgTarget.objects.all())
    target = SdgTarget.objects.get(number="1.2")
    assert target.slug == "target-1-2" and target.goal.number == 1
    indicator = SdgIndicator.objects.get(code="1.2.1")
    assert indicator.slug == "indicator-1-2-1" and indicator.target == target and "poverty" in indicator.name_en


def test_sort_keys_put_1_10_after_1_9_and_letters_after_numbers():
    numbers = list(SdgTarget.objects.filter(goal__number=17).values_list("number", flat=True))
    assert numbers == [f"17.{n}" for n in range(1, 20)]
    goal_one = list(SdgTarget.objects.filter(goal__number=1).values_list("number", flat=True))
    assert goal_one == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"]
    codes = list(SdgIndicator.objects.filter(target__number__in=["3.9", "3.b"]).values_list("code", flat=True))
    assert codes == ["3.9.1", "3.9.2", "3.9.3", "3.b.1", "3.b.2", "3.b.3"]
    assert catalogue_codes.sort_key("1.10") > catalogue_codes.sort_key("1.9")
    assert catalogue_codes.sort_key("1.a") > catalogue_codes.sort_key("1.10")
    assert catalogue_codes.sort_key("1.2") < catalogue_codes.sort_key("1.2.1") < catalogue_codes.sort_key("1.3")


def test_rerunning_changes_nothing_and_writes_nothing():
    before = _snapshot()
    with CaptureQueriesContext(connection) as captured:
        report = load_initial_content()
    writes = [
        q["sql"]
        for q in captured
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE")) and ("sdg" in q["sql"] or "initialcontent" in q["sql"])
    ]
    assert writes == []
    assert _snapshot() == before
    assert report.created == report.updated == report.kept_editor_changes == []


def test_changed_data_updates_rows_nobody_edited(tmp_path):
    def change(data):
        _target(data, "1.2")["text_en"] = "Halve poverty by 2030."
        _target(data, "1.2")["indicators"][0]["unit"] = "percent"

    content = _changed_content(tmp_path, change)
    report = load_initial_content(content_dir=content)
    assert report.updated == ["SDG catalogue (2 rows)"]
    assert SdgTarget.objects.get(number="1.2").text_en == "Halve poverty by 2030."
    assert SdgIndicator.objects.get(code="1.2.1").unit == "percent"
    assert load_initial_content(content_dir=content).updated == []


def test_an_editors_change_is_never_overwritten(tmp_path):
    SdgTarget.objects.filter(number="1.2").update(text_th="ข้อความที่บรรณาธิการแก้")
    SdgIndicator.objects.filter(code="1.2.1").update(name_en="Editor's wording")

    def change(data):
        _target(data, "1.2")["text_th"] = "ข้อความใหม่จากไฟล์"
        _target(data, "1.2")["indicators"][0]["name_en"] = "Loader's wording"

    report = load_initial_content(content_dir=_changed_content(tmp_path, change))
    assert sorted(report.kept_editor_changes) == ["sdg-indicator:1.2.1", "sdg-target:1.2"]
    assert SdgTarget.objects.get(number="1.2").text_th == "ข้อความที่บรรณาธิการแก้"
    assert SdgIndicator.objects.get(code="1.2.1").name_en == "Editor's wording"
    # Without new data, an edited row is left alone silently.
    assert load_initial_content().kept_editor_changes == []
    assert SdgIndicator.objects.get(code="1.2.1").name_en == "Editor's wording"


def test_rows_an_editor_deleted_are_not_recreated_and_their_own_are_not_taken_over():
    SdgIndicator.objects.get(code="2.c.1").delete()
    InitialContentRecord.objects.filter(key="sdg-indicator:1.1.1").delete()
    SdgIndicator.objects.filter(code="1.1.1").update(name_en="An editor's own row")
    national = SdgIndicator.objects.create(
        target=SdgTarget.objects.get(number="1.2"),
        code="1.2.1.th1",
        slug="indicator-1-2-1-th1",
        name_th="ร้อยละของครัวเรือนยากจนตาม จปฐ.",
        name_en="Share of poor households (basic minimum needs survey)",
        source=IndicatorSource.NATIONAL,
    )
    load_initial_content()
    load_initial_content()
    assert not SdgIndicator.objects.filter(code="2.c.1").exists()
    assert SdgIndicator.objects.get(code="1.1.1").name_en == "An editor's own row"
    assert SdgIndicator.objects.get(pk=national.pk).source == IndicatorSource.NATIONAL
    assert SdgIndicator.objects.count() == 248


def test_new_rows_in_the_data_are_added(tmp_path):
    def change(data):
        _target(data, "1.2")["indicators"].append(
            {"code": "1.2.3", "name_en": "A new indicator", "name_th": "ตัวชี้วัดใหม่", "unit": ""}
        )

    report = load_initial_content(content_dir=_changed_content(tmp_path, change))
    assert report.created == ["SDG catalogue (1 rows)"]
    added = SdgIndicator.objects.get(code="1.2.3")
    assert added.slug == "indicator-1-2-3" and added.sort_key == catalogue_codes.sort_key("1.2.3")
