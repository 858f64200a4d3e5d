"""The calculation wizard: five steps on the working copy, then the report page."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages

from creators.models import ImpactCreatorProfile, User
from reports.models import ImpactReport
from reports.selectors import working_copy
from reports.services.drafts import report_create, report_save_draft
from reports.services.submission import ReportLockedError, report_submit
from taxonomy.models import Province, SdgGoal, Sector
from tests.creators.factories import creator_form_data, decide, make_moderator, verify_and_log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def creator(client):
    client.post("/accounts/register/creator/", creator_form_data())
    verify_and_log_in(client)
    decide(ImpactCreatorProfile.objects.get(), make_moderator(), "approve")
    return User.objects.get(email="somchai@example.org")


@pytest.fixture
def report(client, creator):
    response = client.post("/accounts/reports/new/")
    report = ImpactReport.objects.get(owner=creator)
    assert response.status_code == 302 and response["Location"] == f"/accounts/reports/{report.pk}/step/1/"
    return report


def step_url(report, step, prefix=""):
    return f"{prefix}/accounts/reports/{report.pk}/step/{step}/"


def formset(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "100",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def step1(**overrides) -> dict:
    data = {
        "title_th": "โครงการพัฒนาทักษะอาชีพให้ผู้สูงอายุ",
        "title_en": "Job skills for older people",
        "summary": "ฝึกอาชีพให้ผู้สูงอายุในชุมชน",
        "sector": str(Sector.objects.get(slug="social").pk),
        "provinces": [str(Province.objects.get(slug="chiang-mai").pk)],
        "sdg_goals": [str(SdgGoal.objects.get(number=1).pk)],
        "sdg_targets": "1.2, 10.2",
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "location": "อำเภอเมืองเชียงใหม่",
    }
    data.update(overrides)
    return data


STAKEHOLDERS = [{"name": "ผู้สูงอายุ", "description": "ผู้เข้าร่วมโครงการ"}, {"name": "มูลนิธิ", "description": ""}]


def inputs_row(**overrides) -> dict:
    return {"description": "เงินทุนโครงการ", "stakeholder": "มูลนิธิ", "amount": "100,000", "kind": "cash", **overrides}


def step2(inputs=None, stakeholders=None, initial=(0, 0)) -> dict:
    return {
        **formset("stakeholders", stakeholders or STAKEHOLDERS, initial[0]),
        **formset(
            "inputs",
            inputs or [inputs_row(), inputs_row(description="เวลาอาสาสมัคร", amount="๒๐,๐๐๐", kind="in_kind")],
            initial[1],
        ),
    }


def outcome_row(**overrides) -> dict:
    row = {"stakeholder": "ผู้สูงอายุ", "outcome": "รายได้เพิ่มขึ้น", "indicator": "รายได้ต่อเดือน"}
    return {**row, "indicator_source": "แบบสอบถาม", "quantity": "120", "unit": "คน", **overrides}


def step3(rows=None, initial=0) -> dict:
    return formset("outcomes", [outcome_row()] if rows is None else rows, initial)


def step4(proxy="12,000.50", count=1) -> dict:
    row = {"financial_proxy": proxy, "proxy_description": "รายได้ที่เพิ่มขึ้นต่อปี", "proxy_source": "สำนักงานสถิติ"}
    return formset("valuation", [row] * count, count)


def step5(count=1, rate="3.5", **overrides) -> dict:
    row = {"deadweight": "25", "attribution": "10", "displacement": "0", "drop_off": "50"}
    row.update({"start_year": "1", "duration_years": "3", **overrides})
    return {
        "report-discount_rate": rate,
        "report-discount_convention": "discounted",
        **formset("adjustments", [row] * count, count),
    }


STEP_DATA = {1: step1, 2: step2, 3: step3, 4: step4, 5: step5}


def complete(client, report, upto=5):
    response = None
    for step in range(1, upto + 1):
        response = client.post(step_url(report, step), STEP_DATA[step]())
        assert response.status_code == 302, (step, response.content.decode()[:3000])
    return response


def latest(report) -> ImpactReport:
    return working_copy(ImpactReport.objects.get(pk=report.pk))


def revisions(report) -> int:
    return ImpactReport.objects.get(pk=report.pk).revisions.count()


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# Starting ---------------------------------------------------------------------------------------------------------


def test_a_pending_creator_cannot_start_a_report_and_sees_why(client):
    client.post("/accounts/register/creator/", creator_form_data())
    verify_and_log_in(client)
    page = client.get("/en/accounts/reports/new/")
    assert page.status_code == 200 and "not approved yet" in page.content.decode()
    assert client.post("/en/accounts/reports/new/").status_code == 403
    assert not ImpactReport.objects.exists()


def test_starting_needs_login(client):
    response = client.get("/accounts/reports/new/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_approved_creator_sees_the_six_steps_and_a_double_click_starts_one_report(client, creator):
    page = client.get("/en/accounts/reports/new/").content.decode()
    assert "Valuation" in page and "Start a new report" in page and page.count("<h1") == 1
    first, second = client.post("/accounts/reports/new/"), client.post("/accounts/reports/new/")
    assert first["Location"] == second["Location"]
    report = ImpactReport.objects.get()
    assert report.completed_step == 0 and not report.live and report.slug.startswith("report-")
    assert report.revisions.count() == 1


def test_report_create_refuses_users_who_may_not_start(client):
    user = User.objects.create_user(email="nobody@example.org", password="x" * 12)
    with pytest.raises(PermissionError):
        report_create(user=user)


# The happy path -------------------------------------------------------------------------------------------------


def test_five_steps_then_the_report_page(client, report):
    response = complete(client, report)
    assert response["Location"] == f"/accounts/reports/{report.pk}/"
    draft = latest(report)
    assert draft.completed_step == 5 and draft.title_th == "โครงการพัฒนาทักษะอาชีพให้ผู้สูงอายุ"
    assert [i.amount for i in draft.inputs.all()] == [Decimal("100000"), Decimal("20000")]
    assert [i.stakeholder for i in draft.inputs.all()] == ["มูลนิธิ", "มูลนิธิ"]
    outcome = draft.outcomes.get()
    assert outcome.financial_proxy == Decimal("12000.50") and outcome.quantity == Decimal("120")
    assert (outcome.deadweight, outcome.attribution, outcome.drop_off) == (
        Decimal("0.25"),
        Decimal("0.1"),
        Decimal("0.5"),
    )
    assert outcome.duration_years == 3 and draft.discount_rate == Decimal("0.035")
    assert draft.results(with_sensitivity=False).sroi_ratio > 0
    row = ImpactReport.objects.get(pk=report.pk)  # a draft that is not public is saved on its row too
    assert row.completed_step == 5 and row.outcomes.count() == 1 and row.provinces.count() == 1
    assert row.sdg_targets == "1.2, 10.2"


def test_pages_show_progress_and_navigation(client, report):
    complete(client, report, upto=1)
    page = client.get(step_url(report, 2, "/en")).content.decode()
    assert page.count("<h1") == 1 and 'aria-current="step"' in page and "Step 2 of 6" in page
    assert f'href="/en/accounts/reports/{report.pk}/step/1/"' in page  # completed step linked, and "Back"
    assert f'href="/en/accounts/reports/{report.pk}/step/4/"' not in page
    assert page.count("stakeholders-") > 0 and 'name="inputs-2-DELETE"' in page  # 3 empty rows, remove boxes
    assert "formset.js" in page


def test_initial_values_are_shown_in_the_form(client, report):
    complete(client, report)
    assert 'value="100,000.00"' in client.get(step_url(report, 2)).content.decode()
    page = client.get(step_url(report, 5)).content.decode()
    assert 'value="25"' in page and 'value="3.5"' in page


def test_the_english_prefix_works(client, report):
    response = client.post(step_url(report, 1, "/en"), step1())
    assert response["Location"] == f"/en/accounts/reports/{report.pk}/step/2/"
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="en">' in page and "Stakeholders and inputs" in page


# Validation: 200, errors, nothing saved ---------------------------------------------------------------------------

INVALID = [
    (1, lambda: step1(title_th=""), "title_th"),
    (1, lambda: step1(title_th="\u200b\u200b"), "title_th"),
    (1, lambda: step1(period_end="2023-12-31"), "on or after"),
    (1, lambda: step1(sdg_targets="99.1"), "SDG target"),
    (2, lambda: step2(inputs=[inputs_row(amount="-5")]), "zero or a positive number"),
    (2, lambda: step2(inputs=[inputs_row(amount="NaN")]), "not NaN or infinity"),
    (2, lambda: step2(inputs=[inputs_row(amount="Infinity")]), "not NaN or infinity"),
    (2, lambda: step2(inputs=[inputs_row(amount="1e999999")]), "without an exponent"),
    (2, lambda: step2(inputs=[inputs_row(amount="9" * 10_000)]), "too long"),
    (2, lambda: step2(inputs=[inputs_row(amount="9" * 30)]), "digits"),
    (2, lambda: step2(inputs=[inputs_row(amount="0"), inputs_row(amount="0.00")]), "more than zero"),
    (2, lambda: step2(inputs=[inputs_row(stakeholder="ใครก็ไม่รู้")]), "valid choice"),
    (2, lambda: step2(inputs=[inputs_row(DELETE="on")]), "at least one input"),
    (2, lambda: step2(stakeholders=[{"name": "ก"}, {"name": "ก"}]), "different name"),
    (3, lambda: step3(rows=[dict.fromkeys(outcome_row(), "")]), "at least one outcome"),
    (3, lambda: step3(rows=[outcome_row(quantity="-1")]), "zero or a positive number"),
    (4, lambda: step4(proxy="-1"), "zero or a positive number"),
    (4, lambda: step4(proxy="abc"), "Enter a number"),
    (5, lambda: step5(deadweight="150"), "from 0 to 100"),
    (5, lambda: step5(drop_off="-1"), "zero or a positive number"),
    (5, lambda: step5(duration_years="0"), "at least 1 year"),
    (5, lambda: step5(start_year="0"), "1 or later"),
    (5, lambda: step5(start_year="90", duration_years="20"), "end by year 100"),
    (5, lambda: step5(rate="100"), "but not including, 100"),
]


@pytest.mark.parametrize(("step", "data", "expected"), INVALID)
def test_invalid_steps_show_errors_and_save_nothing(client, report, step, data, expected):
    complete(client, report, upto=step - 1)
    before, completed = revisions(report), latest(report).completed_step
    response = client.post(step_url(report, step, "/en"), data())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was saved" in page and (expected in page or f'name="{expected}"' in page)
    assert revisions(report) == before and latest(report).completed_step == completed


def test_number_fields_accept_grouping_and_thai_digits():
    from reports.forms import InputRowForm, PercentField

    form = InputRowForm({"description": "ทุน", "stakeholder": "", "amount": " ๑,๐๐๐.50 ", "kind": "cash"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("1000.50")
    assert PercentField().clean("12.5") == Decimal("0.125")
    for text in ("1_000", "١٢", "1e5", "0x10", "12,5.5.5"):
        assert not InputRowForm({"description": "ทุน", "amount": text, "kind": "cash"}).is_valid(), text


# Navigation and access ------------------------------------------------------------------------------------------


def test_skipping_steps_by_url_redirects_to_the_next_open_step(client, report):
    response = client.get(step_url(report, 4))
    assert response["Location"] == step_url(report, 1)
    complete(client, report, upto=2)
    response = client.post(step_url(report, 5), step5())
    assert response["Location"] == step_url(report, 3)
    assert latest(report).completed_step == 2
    assert client.get(step_url(report, 6)).status_code == 404


def test_another_users_report_does_not_exist_for_them(client, report):
    other = User.objects.create_user(email="other@example.org", password="x" * 12)
    client.force_login(other)
    assert client.get(step_url(report, 1)).status_code == 404
    before = revisions(report)
    assert client.post(step_url(report, 1), step1(title_th="ยึดรายงาน")).status_code == 404
    assert revisions(report) == before


def test_a_pending_report_cannot_be_changed(client, creator, report):
    complete(client, report)
    report_submit(report=ImpactReport.objects.get(pk=report.pk), user=creator)
    before = revisions(report)
    for method in (client.get, client.post):
        response = method(step_url(report, 1, "/en"), step1(title_th="แก้ระหว่างรออนุมัติ"))
        assert response["Location"] == f"/en/accounts/reports/{report.pk}/"
        assert "This report is waiting for approval and cannot be edited." in messages_of(response)
    assert revisions(report) == before and latest(report).title_th != "แก้ระหว่างรออนุมัติ"
    with pytest.raises(ReportLockedError):
        report_save_draft(report=latest(report), user=creator, step=1)


def test_going_back_to_step_2_keeps_the_later_steps(client, report):
    complete(client, report)
    renamed = [{"name": "ผู้สูงอายุในชุมชน", "description": ""}, STAKEHOLDERS[1]]
    response = client.post(step_url(report, 2), step2(stakeholders=renamed, initial=(2, 2)))
    assert response["Location"] == step_url(report, 3)
    draft = latest(report)
    assert draft.completed_step == 5
    outcome = draft.outcomes.get()
    assert outcome.financial_proxy == Decimal("12000.50") and outcome.deadweight == Decimal("0.25")
    assert outcome.stakeholder == "ผู้สูงอายุในชุมชน"  # the rename follows into step 3


def test_editing_step_3_keeps_valuation_of_existing_outcomes(client, report):
    complete(client, report)
    rows = [outcome_row(quantity="150"), outcome_row(outcome="สุขภาพจิตดีขึ้น")]
    assert client.post(step_url(report, 3), step3(rows=rows, initial=1)).status_code == 302
    first, second = latest(report).outcomes.all()
    assert first.quantity == 150 and first.financial_proxy == Decimal("12000.50")
    assert second.financial_proxy == 0 and second.outcome == "สุขภาพจิตดีขึ้น"


def test_a_stakeholder_with_outcomes_cannot_be_removed(client, report):
    complete(client, report)
    rows = [{**STAKEHOLDERS[0], "DELETE": "on"}, STAKEHOLDERS[1]]
    response = client.post(step_url(report, 2, "/en"), step2(stakeholders=rows, initial=(2, 2)))
    assert response.status_code == 200 and "Outcomes in step 3 belong to" in response.content.decode()


def test_removing_a_row_with_the_delete_box(client, report):
    complete(client, report, upto=2)
    inputs = [inputs_row(), inputs_row(description="เวลาอาสาสมัคร", DELETE="on")]
    assert client.post(step_url(report, 2), step2(inputs=inputs, initial=(2, 2))).status_code == 302
    assert [i.description for i in latest(report).inputs.all()] == ["เงินทุนโครงการ"]
    assert ImpactReport.objects.get(pk=report.pk).inputs.count() == 1


def test_a_repeated_post_does_not_duplicate_rows(client, report):
    complete(client, report, upto=1)
    client.post(step_url(report, 2), step2())
    client.post(step_url(report, 2), step2())
    row = ImpactReport.objects.get(pk=report.pk)
    assert row.inputs.count() == 2 and row.stakeholders.count() == 2


def test_rows_that_changed_in_another_tab_are_not_saved(client, report):
    complete(client, report)
    before = revisions(report)
    response = client.post(step_url(report, 4), step4(count=2))
    assert response["Location"] == step_url(report, 4) and revisions(report) == before


def test_editing_a_live_report_keeps_the_public_version(client, report):
    complete(client, report)
    ImpactReport.objects.get(pk=report.pk).save_revision().publish()
    live = ImpactReport.objects.get(pk=report.pk)
    assert live.live
    assert client.post(step_url(report, 1), step1(title_th="ชื่อใหม่รออนุมัติ")).status_code == 302
    inputs = [inputs_row(amount="5,000")]
    assert client.post(step_url(report, 2), step2(inputs=inputs, initial=(2, 2))).status_code == 302
    row = ImpactReport.objects.get(pk=report.pk)
    assert row.title_th == "โครงการพัฒนาทักษะอาชีพให้ผู้สูงอายุ" and row.inputs.count() == 2
    assert row.has_unpublished_changes
    draft = latest(report)
    assert draft.title_th == "ชื่อใหม่รออนุมัติ" and [i.amount for i in draft.inputs.all()] == [Decimal("5000")]
