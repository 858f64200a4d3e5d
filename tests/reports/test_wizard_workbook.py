"""Starting a report from an uploaded Value Map workbook, and the workbook links in the wizard and report pages."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from creators.models import ImpactCreatorProfile, User
from reports.models import DiscountConvention, ImpactReport
from reports.selectors import working_copy
from reports.services.submission import report_submit
from reports.services.workbook_drafts import WorkbookProblems, draft_from_workbook
from reports.sroi import money, ratio
from taxonomy.models import SdgIndicator
from tests.creators.factories import creator_form_data, decide, make_moderator, verify_and_log_in
from tests.reports.factories import make_complete_report, make_owner
from tests.reports.test_wizard import complete, messages_of, step_url
from tests.value_map.workbooks import EXAMPLE_SHEETS, XLSX, build
from value_map import layout

pytestmark = pytest.mark.django_db

NEW_UPLOAD = "/accounts/reports/new/workbook/"
CALCULATE = "/api/portal/sroi/calculate"
TEMPLATE = "/api/portal/sroi/template.xlsx"

TWO_OUTCOMES = {
    layout.SETTINGS: [["discount_rate", "discount_first_year"], [Decimal("0.05"), False]],
    layout.INPUTS: [["description", "amount"], ["ทุนสนับสนุน", 250000], ["staff time", "1,500.50"]],
    layout.OUTCOMES: [
        EXAMPLE_SHEETS[layout.OUTCOMES][0],
        ["มีงานทำ", "ผู้สูงอายุ", "8.5.2", 60, 8500, "ค่าแรงขั้นต่ำ", 1, 2, 0.4, 0.3, 0, 0.3],
        ["Better health", "families", "my-own-code", 12, "1,200", "", 2, 3, "25%", 0.1, 0.05, 0.2],
    ],
}


@pytest.fixture
def creator(client):
    client.post("/accounts/register/creator/", creator_form_data())
    verify_and_log_in(client)
    decide(ImpactCreatorProfile.objects.get(), make_moderator(), "approve")
    return User.objects.get(email="somchai@example.org")


@pytest.fixture
def report(client, creator):
    client.post("/accounts/reports/new/")
    return ImpactReport.objects.get(owner=creator)


def upload(data: bytes, name: str = "value-map.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX)


def post_workbook(client, data: bytes, url: str = NEW_UPLOAD, **extra):
    return client.post(url, {"workbook": upload(data)}, **extra)


def test_a_filled_template_starts_a_draft_with_its_settings_inputs_and_outcomes(client, creator):
    response = post_workbook(client, build(TWO_OUTCOMES))
    started = ImpactReport.objects.get(owner=creator)
    assert response.status_code == 302 and response["Location"] == f"/accounts/reports/{started.pk}/step/1/"
    assert any("review" in text or "ตรวจทาน" in text for text in messages_of(response))
    draft = working_copy(started)
    assert draft.completed_step == 0  # every step is to be reviewed, starting with the project's title
    assert draft.discount_rate == Decimal("0.05")
    assert draft.discount_convention == DiscountConvention.FIRST_YEAR_UNDISCOUNTED
    assert [(i.description, i.amount, i.kind) for i in draft.inputs.all()] == [
        ("ทุนสนับสนุน", Decimal("250000"), "cash"),
        ("staff time", Decimal("1500.50"), "cash"),
    ]
    assert [s.name for s in draft.stakeholders.all()] == ["ผู้สูงอายุ", "families"]
    first, second = draft.outcomes.all()
    assert (first.outcome, first.stakeholder, first.indicator, first.proxy_source) == (
        "มีงานทำ",
        "ผู้สูงอายุ",
        "8.5.2",
        "ค่าแรงขั้นต่ำ",
    )
    assert (first.quantity, first.financial_proxy, first.duration_years) == (60, 8500, 2)
    assert (first.deadweight, first.attribution, first.drop_off) == (Decimal("0.4"), Decimal("0.3"), Decimal("0.3"))
    assert first.sdg_indicator_id == SdgIndicator.objects.get(code="8.5.2").pk  # a global indicator of the catalogue
    assert second.sdg_indicator_id is None and second.indicator == "my-own-code"
    assert (second.start_year, second.financial_proxy, second.deadweight) == (2, 1200, Decimal("0.25"))

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()


def test_the_drafts_calculation_equals_the_calculator_on_the_same_workbook(client, creator):
    data = build(TWO_OUTCOMES)
    post_workbook(client, data)
    result = working_copy(ImpactReport.objects.get(owner=creator)).results(with_sensitivity=False)
    answer = client.post(f"{CALCULATE}?lang=en", data, content_type=XLSX).json()
    assert format(money(result.present_value), "f") == answer["present_value"]
    assert format(money(result.total_inputs), "f") == answer["total_inputs"]
    assert format(ratio(result.sroi_ratio), "f") == answer["sroi_ratio"]
    assert [format(money(year.value), "f") for year in result.years] == [year["value"] for year in answer["years"]]


def test_the_reviewed_steps_save_through_to_the_report_page(client, creator):
    post_workbook(client, build())
    started = ImpactReport.objects.get(owner=creator)
    response = client.post(step_url(started, 1), {"title_th": "โครงการจากไฟล์", "sdg_targets": ""})
    assert response.status_code == 302 and response["Location"].endswith("/step/2/")
    page = client.get(step_url(started, 2)).content.decode()
    assert 'value="grant"' in page and TEMPLATE in page


def test_a_bad_workbook_shows_each_cell_and_message_and_creates_nothing(client, creator):
    sheets = {**EXAMPLE_SHEETS, layout.OUTCOMES: [EXAMPLE_SHEETS[layout.OUTCOMES][0], ["Jobs", "x", "", "many"]]}
    response = post_workbook(client, build(sheets), "/en" + NEW_UPLOAD)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Outcomes!D3" in html and "Enter a number" in html
    assert "nothing was saved" in html
    assert not ImpactReport.objects.filter(owner=creator).exists()


def test_the_engines_errors_come_by_cell_in_thai(client, creator):
    sheets = {**EXAMPLE_SHEETS, layout.SETTINGS: [["discount_rate"], [Decimal("1.5")]]}
    response = post_workbook(client, build(sheets))
    assert "Settings!A3" in response.content.decode()
    assert not ImpactReport.objects.filter(owner=creator).exists()


def test_text_longer_than_the_report_holds_is_refused_by_cell(client, creator):
    row = ["x" * 300, "s", "", 1, 1, "", 1, 1, 0, 0, 0, 0]
    sheets = {**EXAMPLE_SHEETS, layout.OUTCOMES: [EXAMPLE_SHEETS[layout.OUTCOMES][0], row]}
    response = post_workbook(client, build(sheets), "/en" + NEW_UPLOAD)
    assert "Outcomes!A3" in response.content.decode()
    assert not ImpactReport.objects.filter(owner=creator).exists()


def test_not_a_workbook_and_too_large_uploads_are_refused(client, creator):
    response = post_workbook(client, b"name,amount\nx,1\n", "/en" + NEW_UPLOAD)
    assert "not an Excel workbook" in response.content.decode()
    response = client.post(NEW_UPLOAD, {}, CONTENT_LENGTH=str(50 * 1024 * 1024))
    assert "ไฟล์มีขนาดใหญ่เกินไป" in response.content.decode()
    assert not ImpactReport.objects.filter(owner=creator).exists()


def test_a_double_submit_fills_one_draft(client, creator):
    data = build()
    first = post_workbook(client, data)
    second = post_workbook(client, data)
    assert first["Location"] == second["Location"]
    draft = working_copy(ImpactReport.objects.get(owner=creator))
    assert draft.outcomes.count() == 1 and draft.inputs.count() == 1


def test_step_1_of_an_own_draft_refills_it_and_keeps_the_project(client, report):
    complete(client, report)
    url = f"/accounts/reports/{report.pk}/workbook/"
    assert url in client.get(step_url(report, 1)).content.decode()
    response = post_workbook(client, build(TWO_OUTCOMES), url)
    assert response.status_code == 302 and response["Location"].endswith("/step/1/")
    draft = working_copy(ImpactReport.objects.get(pk=report.pk))
    assert draft.title_th and draft.completed_step == 1
    assert draft.outcomes.count() == 2 and draft.inputs.count() == 2
    assert ImpactReport.objects.count() == 1


def test_a_bad_workbook_on_step_1_changes_nothing(client, report):
    complete(client, report)
    revisions = ImpactReport.objects.get(pk=report.pk).revisions.count()
    response = post_workbook(client, b"not a workbook", f"/accounts/reports/{report.pk}/workbook/")
    assert response.status_code == 200 and "workbook-errors" in response.content.decode()
    assert ImpactReport.objects.get(pk=report.pk).revisions.count() == revisions
    draft = working_copy(ImpactReport.objects.get(pk=report.pk))
    assert draft.completed_step == 5 and draft.outcomes.count() == 1


def test_another_users_draft_is_404(client, creator):
    other = make_complete_report(make_owner("other@example.org"))
    response = post_workbook(client, build(), f"/accounts/reports/{other.pk}/workbook/")
    assert response.status_code == 404


def test_anonymous_users_are_sent_to_log_in(client):
    response = post_workbook(client, build())
    assert response.status_code == 302 and "login" in response["Location"]
    assert not ImpactReport.objects.exists()


def test_users_who_may_not_start_reports_are_refused(client, django_user_model):
    staff = django_user_model.objects.create_user(email="staff@example.org", password="pw-123456789", is_staff=True)
    client.force_login(staff)
    response = post_workbook(client, build())
    assert response.status_code == 403
    assert not ImpactReport.objects.exists()
    assert client.get(NEW_UPLOAD).status_code == 405


def test_the_links_appear_on_the_wizard_and_the_report_pages(client, report):
    page = client.get("/accounts/reports/new/").content.decode()
    assert NEW_UPLOAD in page and TEMPLATE in page and 'accept=".xlsx' in page
    complete(client, report)
    for step in (2, 3):
        assert TEMPLATE in client.get(step_url(report, step)).content.decode()
    owner_page = client.get(f"/accounts/reports/{report.pk}/").content.decode()
    assert f"/accounts/reports/{report.pk}/value-map.xlsx" in owner_page
    owner = make_owner("public@example.org")
    public = make_complete_report(owner, slug="public-one")
    public.save_revision(user=owner).publish()
    public_page = client.get(f"/reports/{public.slug}/").content.decode()
    assert "/reports/public-one/value-map.xlsx" in public_page


def test_an_upload_over_the_limit_is_refused_before_it_is_read(creator):
    class Unreadable(SimpleUploadedFile):
        def read(self, *args):
            raise AssertionError("read")

    big = Unreadable("big.xlsx", b"x", content_type=XLSX)
    big.size = 5 * 1024 * 1024 + 1
    with pytest.raises(WorkbookProblems) as refused:
        draft_from_workbook(user=creator, upload=big)
    assert list(refused.value.errors) == [""]
    assert not ImpactReport.objects.exists()


def test_codes_not_in_the_catalogue_are_named_in_a_notice(client, creator):
    response = post_workbook(client, build(TWO_OUTCOMES), "/en" + NEW_UPLOAD)
    notices = [text for text in messages_of(response) if "not in the Impact Data catalogue" in text]
    assert len(notices) == 1 and "my-own-code" in notices[0] and "8.5.2" not in notices[0]


def test_a_report_waiting_for_approval_is_not_refilled(client, creator, report):
    complete(client, report)
    report_submit(report=ImpactReport.objects.get(pk=report.pk), user=creator)
    response = post_workbook(client, build(TWO_OUTCOMES), f"/accounts/reports/{report.pk}/workbook/")
    assert response.status_code == 302 and response["Location"] == f"/accounts/reports/{report.pk}/"
    assert working_copy(ImpactReport.objects.get(pk=report.pk)).outcomes.count() == 1
