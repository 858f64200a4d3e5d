"""Moderation is one service driven by declarations (#20 step 3): each moderated model declares its rules, and the
declaration is all the service, the decision hook and the admin need."""

from pathlib import Path

import pytest
from django.apps import apps
from wagtail.models import Page

from moderation.rules import ModerationRules, is_moderated

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "email"


def moderated_models() -> list[type]:
    return [model for model in apps.get_models() if is_moderated(model)]


def test_exactly_the_registrants_content_is_moderated_by_declaration():
    names = sorted(model.__name__ for model in moderated_models())
    assert names == ["ImpactAssessorProfile", "ImpactCreatorProfile", "ImpactReport"]
    assert not is_moderated(Page)


@pytest.mark.parametrize("model", moderated_models(), ids=lambda model: model.__name__)
def test_every_declared_kind_has_its_emails_and_methods(model):
    rules: ModerationRules = model.moderation_rules
    assert rules.decision_business_days > 0
    for template in (rules.received_template, *(rules.decision_template(approved=a) for a in (True, False))):
        for suffix in (".txt", ".html", ".subject.txt"):
            assert (TEMPLATES / f"{template}{suffix}").exists(), f"{template}{suffix}"
    assert callable(model.moderation_recipient) and callable(model.moderation_email_context)
    # Reset fields are real columns of the model.
    assert all(model._meta.get_field(name) for name, _value in rules.reset_on_submit)
