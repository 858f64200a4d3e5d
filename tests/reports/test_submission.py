from decimal import Decimal

import pytest
from wagtail.models import TaskState

from moderation.decisions import DecisionConflictError
from outbox.models import OutboxEmail
from reports.models import ImpactReport
from reports.selectors import ReportStatus, report_status
from reports.services.submission import (
    ReportIncompleteError,
    ReportLockedError,
    WithdrawRefusedError,
    report_submit,
    report_withdraw,
)
from tests.creators.factories import decide, make_moderator
from tests.reports.factories import make_complete_report, make_owner

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return make_owner()


@pytest.fixture
def report(owner):
    return make_complete_report(owner)


def test_submit_freezes_results_and_promises_10_business_days(report, owner):
    report_submit(report=report, user=owner)
    report.refresh_from_db()
    assert report.workflow_in_progress and report.due_date is not None
    assert report.sroi_ratio == Decimal("1.3877") and report.present_value == Decimal("346927.12")
    assert report.latest_revision.content["sroi_ratio"] == "1.3877"
    status = report_status(report)
    assert status.status == ReportStatus.PENDING and status.due_date == report.due_date
    received = OutboxEmail.objects.get(key__startswith="report-received:")
    assert received.to == owner.email


def test_double_submit_is_one_submission(report, owner):
    report_submit(report=report, user=owner)
    with pytest.raises(ReportLockedError):
        report_submit(report=report, user=owner)
    assert OutboxEmail.objects.filter(key__startswith="report-received:").count() == 1


def test_incomplete_reports_cannot_be_submitted(owner):
    report = make_complete_report(owner, slug="half")
    ImpactReport.objects.filter(pk=report.pk).update(completed_step=3)
    report.completed_step = 3
    report.save_revision()
    with pytest.raises(ReportIncompleteError):
        report_submit(report=report, user=owner)


def test_withdraw_makes_it_editable_and_resubmission_starts_a_new_clock(report, owner):
    report_submit(report=report, user=owner)
    report_withdraw(report=report, user=owner)
    report.refresh_from_db()
    assert not report.workflow_in_progress and report_status(report).status == ReportStatus.WITHDRAWN
    assert report_status(report).editable
    ImpactReport.objects.filter(pk=report.pk).update(due_date="2020-01-01")
    report_submit(report=report, user=owner)
    report.refresh_from_db()
    assert report.workflow_in_progress and str(report.due_date) != "2020-01-01"
    assert OutboxEmail.objects.filter(key__startswith="report-received:").count() == 2


def test_someone_else_cannot_withdraw_and_an_approved_report_cannot_be_withdrawn(report, owner):
    stranger = make_owner("stranger@example.org")
    report_submit(report=report, user=owner)
    with pytest.raises(WithdrawRefusedError):
        report_withdraw(report=report, user=stranger)
    decide(report, make_moderator(), "approve")
    with pytest.raises(WithdrawRefusedError):
        report_withdraw(report=report, user=owner)
    assert ImpactReport.objects.get(pk=report.pk).live


def test_withdraw_racing_an_approval_ends_in_one_state(report, owner):
    report_submit(report=report, user=owner)
    stale = TaskState.objects.get(pk=ImpactReport.objects.get().current_workflow_state.current_task_state.pk)
    report_withdraw(report=report, user=owner)
    with pytest.raises(DecisionConflictError):
        stale.task.specific.on_action(stale, make_moderator(), "approve")
    report.refresh_from_db()
    assert not report.live and report_status(report).status == ReportStatus.WITHDRAWN
    assert not OutboxEmail.objects.filter(key__startswith="report-decision:").exists()


def test_approval_after_an_approval_cannot_be_withdrawn_twice(report, owner):
    report_submit(report=report, user=owner)
    decide(report, make_moderator(), "approve")
    assert OutboxEmail.objects.filter(key__startswith="report-decision:").count() == 1


def test_rejection_then_resubmission(report, owner):
    report_submit(report=report, user=owner)
    decide(report, make_moderator(), "reject", reason="ขาดแหล่งที่มาของตัวแทนทางการเงิน")
    report.refresh_from_db()
    status = report_status(report)
    assert status.status == ReportStatus.NEEDS_CHANGES and "ตัวแทน" in status.reason
    report_submit(report=report, user=owner)
    assert ImpactReport.objects.get().workflow_in_progress


def test_views_are_owner_only_and_post_only(client, report, owner):
    stranger = make_owner("stranger@example.org")
    client.force_login(stranger)
    for url in (f"/accounts/reports/{report.pk}/submit/", f"/accounts/reports/{report.pk}/withdraw/"):
        assert client.post(url, {"confirm": "yes"}).status_code == 404
    client.force_login(owner)
    assert client.get(f"/accounts/reports/{report.pk}/submit/").status_code == 405
    client.post(f"/accounts/reports/{report.pk}/submit/")
    client.post(f"/accounts/reports/{report.pk}/submit/")  # a double-click
    assert OutboxEmail.objects.filter(key__startswith="report-received:").count() == 1
    client.post(f"/accounts/reports/{report.pk}/withdraw/", {})  # no confirmation: nothing happens
    assert ImpactReport.objects.get().workflow_in_progress
    client.post(f"/accounts/reports/{report.pk}/withdraw/", {"confirm": "yes"})
    assert not ImpactReport.objects.get().workflow_in_progress


def test_public_report_names_the_organisation_only_when_its_profile_is_approved(client, report, owner):
    from creators.models import ImpactCreatorProfile
    from taxonomy.models import Province, Sector

    profile = ImpactCreatorProfile(
        user=owner, slug="hidden-org", name_th="องค์กรที่ยังไม่อนุมัติ", name_en="Unapproved Org",
        organisation_type=Sector.objects.get(slug="social"), province=Province.objects.get(slug="bangkok"),
        contact_name="x", live=False,
    )  # fmt: skip
    profile.save()
    report.save_revision().publish()
    assert "องค์กรที่ยังไม่อนุมัติ" not in client.get(f"/reports/{report.slug}/").content.decode()
    profile.save_revision().publish()
    assert "องค์กรที่ยังไม่อนุมัติ" in client.get(f"/reports/{report.slug}/").content.decode()
