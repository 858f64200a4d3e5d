"""Directory cards name their terms from the cached vocabulary map, in the vocabulary's order, and follow edits."""

from __future__ import annotations

import re

import pytest

from taxonomy.models import SdgGoal, Theme
from tests.portal.test_themes import creator, report_with

pytestmark = pytest.mark.django_db


def card_tags(page: str, label: str) -> list[str]:
    block = re.search(rf'aria-label="{label}">(.*?)</ul>', page, re.S)
    return re.findall(r"<li>(?:<abbr[^>]*>)?([^<]+)", block.group(1)) if block else []


def test_creator_cards_show_themes_and_goals_in_vocabulary_order(client):
    item = creator("ordered-org", themes=["water", "education"])
    item.sdg_goals.set(SdgGoal.objects.filter(number__in=[13, 4]))
    item.save_revision().publish()
    page = client.get("/en/impact-creators/").content.decode()
    expected_themes = [theme.name_en for theme in item.themes.all()]  # the models' own order
    assert len(expected_themes) == 2
    assert card_tags(page, "Thematic sectors") == expected_themes
    assert card_tags(page, "Focus SDGs") == ["SDG 4", "SDG 13"]
    assert '<abbr title="Quality Education">SDG 4</abbr>' in page


def test_an_edited_theme_name_reaches_the_cards_at_once(client):
    report_with("renamed-report", themes=["education"])
    assert "Education" in card_tags(client.get("/en/impact-reports/").content.decode(), "Thematic sectors")
    theme = Theme.objects.get(slug="education")
    theme.name_en = "Learning for all"
    theme.save()
    assert card_tags(client.get("/en/impact-reports/").content.decode(), "Thematic sectors") == ["Learning for all"]
