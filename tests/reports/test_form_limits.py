"""How many form fields a request may carry (issue 22.8): what the largest real form needs, with margin, and a
clear translated 400 page beyond it. Before: DATA_UPLOAD_MAX_NUMBER_FIELDS was 10,000 and 9,000 fields went through.
"""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from creators.models import User
from reports.forms import MAX_ROWS
from tests.reports.test_wizard import (
    complete,
    creator,
    formset,
    inputs_row,
    latest,
    outcome_row,
    report,
    step2,
    step_url,
)

pytestmark = pytest.mark.django_db
__all__ = ["creator", "report"]  # fixtures

TOO_MANY = "The form you sent has far more fields than any form on this site. Nothing was saved."


def field_count(data: dict) -> int:
    # Each value is one field as Django counts them; a multiple choice sends one per choice. +2: the CSRF token
    # and the pressed button.
    return sum(len(value) if isinstance(value, list) else 1 for value in data.values()) + 2


def largest_step2() -> dict:
    stakeholders = [{"name": f"กลุ่มที่ {n}", "description": "ผู้ได้รับผล", "DELETE": ""} for n in range(MAX_ROWS)]
    inputs = [{**inputs_row(stakeholder="กลุ่มที่ 1"), "DELETE": ""} for _ in range(MAX_ROWS)]
    return step2(inputs=inputs, stakeholders=stakeholders)


def largest_step3() -> dict:
    rows = [{**outcome_row(stakeholder="กลุ่มที่ 1"), "sdg_indicator": "", "DELETE": ""} for _ in range(MAX_ROWS)]
    return formset("outcomes", rows)


def test_the_largest_wizard_steps_fit_under_the_limit_with_margin(client, report):
    complete(client, report, upto=1)
    for step, data in ((2, largest_step2()), (3, largest_step3())):
        assert field_count(data) * 1.4 <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS, step
        response = client.post(step_url(report, step), data)
        assert response.status_code == 302, (step, response.status_code)
    draft = latest(report)
    assert draft.stakeholders.count() == draft.inputs.count() == draft.outcomes.count() == MAX_ROWS


@pytest.mark.parametrize(("prefix", "language"), [("", "th"), ("/en", "en")])
@pytest.mark.parametrize("fields", [2_000, 9_000])
def test_a_flood_of_fields_gets_a_clear_400_page_and_changes_nothing(client, prefix, language, fields):
    data = {f"field{n}": "x" for n in range(fields)}
    response = client.post(f"{prefix}/accounts/register/creator/", {**data, "email": "flood@example.org"})
    assert response.status_code == 400
    with translation.override(language):
        assert escape(gettext(TOO_MANY)) in response.content.decode()
    assert f'lang="{language}"' in response.content.decode()
    assert not User.objects.exists()
