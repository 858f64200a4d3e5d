"""Step 3 of the wizard: each outcome may name a catalogue indicator; shown on the report page and in the CSV."""

from __future__ import annotations

import re

import pytest

from creators.models import ImpactCreatorProfile, User
from reports.models import ImpactReport
from taxonomy.models import SdgIndicator
from tests.creators.factories import creator_form_data, decide, make_moderator, verify_and_log_in
from tests.reports.test_wizard import complete, latest, outcome_row, revisions, step3, step4, step5, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(client):
    """A fresh draft of an approved, logged-in Impact Creator (as in test_wizard)."""
    client.post("/accounts/register/creator/", creator_form_data())
    verify_and_log_in(client)
    decide(ImpactCreatorProfile.objects.get(), make_moderator(), "approve")
    assert client.post("/accounts/reports/new/").status_code == 302
    return ImpactReport.objects.get(owner=User.objects.get(email="somchai@example.org"))


def test_the_select_lists_the_catalogue_grouped_by_goal(client, report):
    complete(client, report, upto=2)
    text = client.get(step_url(report, 3, "/en")).content.decode()
    select = re.search(r'<select name="outcomes-0-sdg_indicator"[^>]*>(.*?)</select>', text, re.S)[1]
    assert select.count("<optgroup") == 17 and 'label="SDG 1 No Poverty"' in select
    assert select.count("<option") == SdgIndicator.objects.count() + 1
    assert ">Not linked to the catalogue</option>" in select
    indicator = SdgIndicator.objects.get(code="1.2.1")
    assert f'<option value="{indicator.pk}">1.2.1 Proportion of population living below' in select
    thai = client.get(step_url(report, 3)).content.decode()
    assert "1.2.1 สัดส่วน" in thai and "ขจัดความยากจน" in thai


def test_a_picked_indicator_is_saved_in_the_draft_and_kept_by_later_steps(client, report):
    complete(client, report, upto=2)
    indicator = SdgIndicator.objects.get(code="1.2.1")
    response = client.post(step_url(report, 3), step3([outcome_row(sdg_indicator=str(indicator.pk))]))
    assert response.status_code == 302
    assert latest(report).outcomes.all()[0].sdg_indicator_id == indicator.pk
    assert ImpactReport.objects.get(pk=report.pk).outcomes.get().sdg_indicator_id == indicator.pk  # not live: the row
    shown = client.get(step_url(report, 3)).content.decode()
    assert f'<option value="{indicator.pk}" selected>' in shown
    complete_rest(client, report)
    assert latest(report).outcomes.all()[0].sdg_indicator_id == indicator.pk
    # Unlinking saves None; the free-text measure stays.
    row = outcome_row(sdg_indicator="")
    assert client.post(step_url(report, 3), step3([row], initial=1)).status_code == 302
    outcome = latest(report).outcomes.all()[0]
    assert outcome.sdg_indicator_id is None and outcome.indicator == "รายได้ต่อเดือน"


def complete_rest(client, draft):
    assert client.post(step_url(draft, 4), step4()).status_code == 302
    assert client.post(step_url(draft, 5), step5()).status_code == 302


@pytest.mark.parametrize("tampered", ["999999", "abc", "-1", "1.2.1"])
def test_a_tampered_id_is_a_field_error_and_saves_nothing(client, report, tampered):
    complete(client, report, upto=3)
    before = revisions(report)
    response = client.post(step_url(report, 3), step3([outcome_row(sdg_indicator=tampered)], initial=1))
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["sdg_indicator"]
    assert revisions(report) == before
    assert latest(report).outcomes.all()[0].sdg_indicator_id is None


def test_report_page_links_the_indicator_and_the_csv_names_it(client, report):
    complete(client, report, upto=2)
    indicator = SdgIndicator.objects.get(code="2.1.2")
    client.post(step_url(report, 3), step3([outcome_row(sdg_indicator=str(indicator.pk))]))
    complete_rest(client, report)
    page = client.get(f"/en/accounts/reports/{report.pk}/").content.decode()
    assert 'href="/en/impact-data/indicator-2-1-2/"' in page and 'data-testid="catalogue-indicator"' in page
    csv_text = client.get(f"/en/accounts/reports/{report.pk}/value-map.csv").content.decode("utf-8")
    header = csv_text.splitlines()[0]
    assert "SDG indicator code" in header
    assert ",2.1.2," in csv_text and "Food Insecurity Experience Scale" in csv_text


def test_an_indicator_deleted_later_does_not_break_the_report_page(client, report):
    complete(client, report, upto=2)
    indicator = SdgIndicator.objects.get(code="2.c.1")
    client.post(step_url(report, 3), step3([outcome_row(sdg_indicator=str(indicator.pk))]))
    complete_rest(client, report)
    indicator.delete()
    response = client.get(f"/en/accounts/reports/{report.pk}/")
    assert response.status_code == 200 and "indicator-2-c-1" not in response.content.decode()
    assert client.get(step_url(report, 3)).status_code == 200
