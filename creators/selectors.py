"""Reads for registrants: status for the dashboard, public profiles."""

from dataclasses import dataclass

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile, ProfileBase
from creators.models.profiles import ProfileStatus


@dataclass(frozen=True)
class StatusInfo:
    status: ProfileStatus
    due_date: object = None
    reason: str = ""

    @property
    def can_edit(self) -> bool:
        return self.status not in (ProfileStatus.PENDING, ProfileStatus.CHANGES_PENDING, ProfileStatus.UNVERIFIED)

    @property
    def can_delete_self(self) -> bool:
        # Only what was never approved; approved accounts are deleted by staff on request (DESIGN.md).
        return self.status in (ProfileStatus.NEEDS_CHANGES, ProfileStatus.DRAFT, ProfileStatus.UNVERIFIED)


def profile_status(profile: ProfileBase) -> StatusInfo:
    if profile.user.email_verified_at is None:
        return StatusInfo(ProfileStatus.UNVERIFIED)
    if profile.workflow_in_progress:
        status = ProfileStatus.CHANGES_PENDING if profile.live else ProfileStatus.PENDING
        return StatusInfo(status, due_date=profile.due_date)
    if profile.live:
        return StatusInfo(ProfileStatus.APPROVED, reason=profile.rejection_reason)
    if profile.rejection_reason:
        return StatusInfo(ProfileStatus.NEEDS_CHANGES, reason=profile.rejection_reason)
    return StatusInfo(ProfileStatus.DRAFT)


def live_creator(*, slug: str) -> ImpactCreatorProfile | None:
    return (
        ImpactCreatorProfile.objects.public()
        .filter(slug=slug)
        .select_related("organisation_type", "province", "logo")
        .prefetch_related("sdg_goals", "themes")
        .first()
    )


def live_assessor(*, slug: str) -> ImpactAssessorProfile | None:
    return (
        ImpactAssessorProfile.objects.public()
        .filter(slug=slug)
        .select_related("photo")
        .prefetch_related("expertise_sectors", "provinces_served")
        .first()
    )
