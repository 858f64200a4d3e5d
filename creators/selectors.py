"""Reads for registrants: status for the dashboard, public profiles."""

from dataclasses import dataclass

from django.db.models import Q

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile, ProfileBase, User
from creators.models.profiles import ProfileStatus


@dataclass(frozen=True)
class StatusInfo:
    status: ProfileStatus
    due_date: object = None
    reason: str = ""

    @property
    def can_edit(self) -> bool:
        return self.status not in (ProfileStatus.PENDING, ProfileStatus.CHANGES_PENDING, ProfileStatus.UNVERIFIED)


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


def account_ever_approved(*, profile: ProfileBase) -> bool:
    """Was anything of this account ever approved (profile or report), even if unpublished or deleted since?"""
    if profile.live or profile.first_published_at or profile.deleted_at:
        return True
    once_public = Q(live=True) | Q(first_published_at__isnull=False) | Q(deleted_at__isnull=False)
    # Reports sit above creators (they belong to an account): reach them through the user's reverse relation.
    reports = User._meta.get_field("impact_reports").related_model._default_manager
    return reports.filter(once_public, owner_id=profile.user_id).exists()


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
