"""Editors maintain the catalogue in the Wagtail admin: list, search, filter, add a Thai national indicator."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from taxonomy.models import IndicatorSource, SdgIndicator, SdgTarget

pytestmark = pytest.mark.django_db

INDICATORS = "/admin/snippets/portal/sdgindicator/"
TARGETS = "/admin/snippets/portal/sdgtarget/"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user(email="editor@example.org", password="x" * 12)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def test_groups_have_the_catalogue_permissions():
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"add_sdgindicator", "change_sdgindicator", "delete_sdgindicator", "change_sdgtarget"} <= editors
    moderators = set(Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True))
    assert {"view_sdgindicator", "view_sdgtarget"} <= moderators and "change_sdgindicator" not in moderators


def test_editor_lists_searches_and_filters(client, editor):
    assert client.get(INDICATORS).status_code == 200
    found = client.get(INDICATORS, {"q": "undernourishment"}).content.decode()
    assert "2.1.1" in found and "1.1.1" not in found
    goal = SdgTarget.objects.get(number="2.1").goal
    filtered = client.get(INDICATORS, {"target__goal": goal.pk, "source": "global"}).content.decode()
    assert "2.1.1" in filtered and "3.1.1" not in filtered
    assert client.get(TARGETS, {"q": "1.2"}).status_code == 200


def _indicator_form(target: SdgTarget, **overrides) -> dict:
    data = {
        "target": target.pk,
        "code": "1.2.1.TH1",
        "name_th": "ร้อยละของครัวเรือนที่มีรายได้ต่ำกว่าเกณฑ์ จปฐ.",
        "name_en": "Share of households below the basic-minimum-needs income line",
        "source": IndicatorSource.NATIONAL,
        "unit": "%",
        "thai_source": "official",
        "text_revision": "",
    }
    return {**data, **overrides}


def test_editor_adds_a_thai_national_indicator_with_slug_and_sort_key_from_its_code(client, editor):
    target = SdgTarget.objects.get(number="1.2")
    response = client.post(f"{INDICATORS}add/", _indicator_form(target))
    assert response.status_code == 302, response.content.decode()[:2000]
    added = SdgIndicator.objects.get(code="1.2.1.th1")
    assert added.slug == "indicator-1-2-1-th1" and added.source == IndicatorSource.NATIONAL
    codes = list(SdgIndicator.objects.filter(target=target).values_list("code", flat=True))
    assert codes == ["1.2.1", "1.2.1.th1", "1.2.2"]
    page = client.get("/en/impact-data/indicator-1-2-1-th1/")
    assert page.status_code == 200 and "Thai national indicator" in page.content.decode()


@pytest.mark.parametrize("code", ["๑.๒.๑", "1.2", "2.1.9", "1.2.1", "1-2-1"])
def test_bad_codes_are_refused(client, editor, code):
    """Thai digits, too short, another target's code, an existing code, a slug clash: a field error, nothing saved."""
    target = SdgTarget.objects.get(number="1.2")
    before = SdgIndicator.objects.count()
    response = client.post(f"{INDICATORS}add/", _indicator_form(target, code=code))
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert SdgIndicator.objects.count() == before


def test_target_numbers_match_their_goal(client, editor):
    goal = SdgTarget.objects.get(number="1.2").goal
    data = {"goal": goal.pk, "number": "2.9", "text_th": "ข้อความ", "text_en": "Text", "thai_source": "platform"}
    response = client.post(f"{TARGETS}add/", data)
    assert response.status_code == 200 and response.context["form"].errors["number"]
    assert not SdgTarget.objects.filter(number="2.9").exists()
    response = client.post(f"{TARGETS}add/", {**data, "number": "1.9"})
    assert response.status_code == 302
    assert SdgTarget.objects.get(number="1.9").slug == "target-1-9"


def test_editors_see_and_filter_which_rows_still_need_an_official_thai_text(client, editor):
    """The listing shows each row's Thai source and filters by it; an editor marks a row official in the form."""
    listing = client.get(INDICATORS, {"thai_source": "platform"})
    html = listing.content.decode()
    assert listing.status_code == 200 and "แปลสำหรับแพลตฟอร์มนี้" in html and "A/RES/71/313" in html
    indicator = SdgIndicator.objects.get(code="1.2.1")
    form = _indicator_form(indicator.target, code="1.2.1", name_th=indicator.name_th, name_en=indicator.name_en)
    form["text_revision"] = indicator.text_revision
    assert client.post(f"{INDICATORS}edit/{indicator.pk}/", form).status_code == 302
    indicator.refresh_from_db()
    assert indicator.thai_source == "official"
    official = client.get(INDICATORS, {"thai_source": "official"}).content.decode()
    remaining = client.get(INDICATORS, {"thai_source": "platform"}).content.decode()
    assert f"edit/{indicator.pk}/" in official and f"edit/{indicator.pk}/" not in remaining
