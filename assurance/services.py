"""Assurance (services): the owner invites an approved assessor, the assessor accepts or declines, records
findings, issues a statement or returns the report with comments; publishing a changed report withdraws its
assurance. Each step is one conditional UPDATE (a double click changes nothing twice) and emails through the
outbox in the same transaction."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assurance.models import AssuranceEngagement, AssuranceFinding, Level, Section, Status
from core.links import site_url
from creators.models import ImpactAssessorProfile, User
from outbox.services import outbox_enqueue
from reports.models import ImpactReport
from reports.selectors import ReportStatus, report_status
from visibility.signals import announce

INVITABLE = (ReportStatus.APPROVED, ReportStatus.PENDING, ReportStatus.CHANGES_PENDING)


class AssuranceError(ValueError):
    """A refused step; the message is for the person who tried it."""


def _email(*, engagement: AssuranceEngagement, to: User, template: str, key: str) -> None:
    outbox_enqueue(
        key=f"assurance:{engagement.pk}:{key}",
        to=to.email,
        template=template,
        context={
            "title": engagement.report.title_th or engagement.report.title_en,
            "assessor": engagement.assessor.display_name,
            "link": site_url(reverse("assurance:engagement", args=[engagement.pk])),
            "report_link": site_url(reverse("reports:report", args=[engagement.report_id])),
        },
        language=to.preferred_language or "th",
    )


def assurance_invite(*, report: ImpactReport, assessor: ImpactAssessorProfile, by: User) -> AssuranceEngagement:
    report = ImpactReport.objects.get(pk=report.pk)  # as stored: an instance in memory may predate its publication
    assessor = ImpactAssessorProfile.objects.get(pk=assessor.pk)
    if report.owner_id != by.pk:
        raise AssuranceError(_("Only the report's owner can invite an assessor."))
    if report_status(report).status not in INVITABLE:
        raise AssuranceError(_("A report can be assured once it is submitted for approval or approved."))
    if not assessor.is_public:
        raise AssuranceError(_("Choose an approved Impact Assessor from the directory."))
    if assessor.user_id == report.owner_id:
        raise AssuranceError(_("An assessor cannot assure their own organisation's report."))
    try:
        with transaction.atomic():
            engagement = AssuranceEngagement.objects.create(report=report, assessor=assessor, invited_by=by)
            _email(engagement=engagement, to=assessor.user, template="assurance_invited", key="invited")
    except IntegrityError as exc:
        raise AssuranceError(_("This report already has an open assurance request.")) from exc
    return engagement


def _check_assessor(engagement: AssuranceEngagement, by: User) -> None:
    if engagement.assessor.user_id != by.pk or engagement.assessor.deleted_at is not None:
        raise AssuranceError(_("Only the invited assessor can do this."))


def _move(engagement: AssuranceEngagement, *, by: User, source: tuple, **changes) -> AssuranceEngagement:
    _check_assessor(engagement, by)
    moved = AssuranceEngagement.objects.filter(pk=engagement.pk, status__in=source).update(**changes)
    if not moved:
        raise AssuranceError(_("This assurance request has already moved on; the page shows where it stands now."))
    engagement.refresh_from_db()
    return engagement


@transaction.atomic
def assurance_respond(*, engagement: AssuranceEngagement, accept: bool, by: User) -> AssuranceEngagement:
    status = Status.ACCEPTED if accept else Status.DECLINED
    engagement = _move(engagement, by=by, source=(Status.INVITED,), status=status, responded_at=timezone.now())
    _email(engagement=engagement, to=engagement.report.owner, template=f"assurance_{status}", key=status)
    return engagement


@transaction.atomic
def assurance_record_finding(*, engagement: AssuranceEngagement, section: str, text: str, by: User) -> None:
    if section not in Section.values or not text.strip():
        raise AssuranceError(_("Choose a section and write the finding."))
    _check_assessor(engagement, by)
    # Locks the engagement row until the finding is stored, so it cannot close in between.
    if not AssuranceEngagement.objects.select_for_update().filter(pk=engagement.pk, status=Status.ACCEPTED).exists():
        raise AssuranceError(_("This assurance request has already moved on; the page shows where it stands now."))
    AssuranceFinding.objects.create(engagement=engagement, section=section, text=text.strip())


@transaction.atomic
def assurance_issue(*, engagement: AssuranceEngagement, level: str, statement: str, by: User) -> AssuranceEngagement:
    if level not in Level.values or not statement.strip():
        raise AssuranceError(_("Choose the level of assurance and write the statement."))
    report = ImpactReport.objects.get(pk=engagement.report_id)
    if not report.live:
        raise AssuranceError(_("The statement can be issued once the report is approved."))
    engagement = _move(
        engagement,
        by=by,
        source=(Status.ACCEPTED,),
        status=Status.ASSURED,
        level=level,
        statement=statement.strip(),
        assured_at=timezone.now(),
        assured_revision_id=report.live_revision_id,
    )
    _email(engagement=engagement, to=report.owner, template="assurance_assured", key="assured")
    announce(report)
    return engagement


@transaction.atomic
def assurance_return(*, engagement: AssuranceEngagement, comments: str, by: User) -> AssuranceEngagement:
    if not comments.strip():
        raise AssuranceError(_("Write what the owner should change."))
    engagement = _move(engagement, by=by, source=(Status.ACCEPTED,), status=Status.RETURNED, comments=comments.strip())
    _email(engagement=engagement, to=engagement.report.owner, template="assurance_returned", key="returned")
    return engagement


def assurance_withdraw_if_changed(*, report: ImpactReport) -> int:
    """A new version went live: an assurance given to an earlier one no longer holds until it is given again."""
    withdrawn = (
        AssuranceEngagement.objects.filter(report=report, status=Status.ASSURED)
        .exclude(assured_revision_id=report.live_revision_id)
        .update(status=Status.WITHDRAWN, withdrawn_at=timezone.now())
    )
    if withdrawn:
        announce(report)
    return withdrawn
