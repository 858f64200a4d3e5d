"""Reads for assurance: what the public may see, and what an assessor may open."""

from __future__ import annotations

from django.db.models import F
from django.http import Http404

from assurance.models import OPEN, AssuranceEngagement, Status
from creators.models import ImpactAssessorProfile


def _holding():
    """Assurances given to the version that is live now, by an assessor the public may see."""
    return (
        AssuranceEngagement.objects.filter(status=Status.ASSURED, assured_revision_id=F("report__live_revision_id"))
        .filter(assessor__live=True, assessor__deleted_at__isnull=True)
        .order_by("assured_at")
    )


def assurances_for(*, reports) -> dict[int, AssuranceEngagement]:
    """report id → the assurance holding for its live version, for a page of reports in one query."""
    engagements = _holding().filter(report_id__in=[report.pk for report in reports]).select_related("assessor")
    return {engagement.report_id: engagement for engagement in engagements}


def current_assurance(*, report) -> AssuranceEngagement | None:
    return assurances_for(reports=[report]).get(report.pk)


def assured_reports(*, assessor: ImpactAssessorProfile):
    """Public reports this assessor assures now."""
    holding = _holding().filter(assessor=assessor, report__live=True, report__deleted_at__isnull=True)
    return [engagement.report for engagement in holding.select_related("report").reverse()]


def assessor_engagements(*, user) -> list[AssuranceEngagement]:
    profile = getattr(user, "assessor_profile", None)
    if profile is None or profile.deleted_at is not None:
        return []
    return list(profile.assurance_engagements.select_related("report").order_by("-invited_at"))


def owner_engagements(*, report) -> list[AssuranceEngagement]:
    return list(report.assurance_engagements.select_related("assessor").order_by("-invited_at"))


def engagement_for_assessor(*, user, pk: int) -> AssuranceEngagement:
    """The engagement the signed-in assessor may open (invited or accepted, their profile not deleted), or 404."""
    engagement = (
        AssuranceEngagement.objects.filter(pk=pk, assessor__user_id=user.pk, status__in=OPEN)
        .filter(assessor__deleted_at__isnull=True)
        .select_related("report", "assessor")
        .first()
    )
    if engagement is None or not user.is_active:
        raise Http404
    return engagement


def invitable_assessors(*, report):
    return ImpactAssessorProfile.objects.public().exclude(user_id=report.owner_id).order_by("name")
