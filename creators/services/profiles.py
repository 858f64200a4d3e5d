"""Writes for registrant profiles: submit into moderation, edit, and record decisions."""

from django.core.files import File
from django.db import transaction
from wagtail.models import WorkflowState

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile, ProfileBase
from creators.private_media import store_uploaded_image
from moderation.service import ModerationLockedError, moderation_submit

PROFILE_MODELS = (ImpactCreatorProfile, ImpactAssessorProfile)
IMAGE_FIELDS = {"creator": "logo", "assessor": "photo"}


# One error for every moderated kind (moderation/service.py); the name says what a profile view catches.
ProfileLockedError = ModerationLockedError


def profile_submit(*, profile: ProfileBase, user) -> WorkflowState:
    """Start the profile's approval workflow and promise a decision within 5 business days."""
    return moderation_submit(obj=profile, user=user)


@transaction.atomic
def profile_update(
    *, profile: ProfileBase, user, changes: dict, many_to_many: dict, image: File | None = None
) -> WorkflowState:
    """Save the owner's edit as a new revision and send it to moderation; the live version stays public.

    A new logo or photo is stored privately: the public keeps seeing the approved one until a moderator approves.
    """
    current = type(profile).objects.select_for_update().get(pk=profile.pk)
    if current.workflow_in_progress:
        raise ProfileLockedError
    if image is not None:
        stored = store_uploaded_image(image_file=image, title=profile.display_name, owner=user)
        changes = {**changes, IMAGE_FIELDS[profile.kind]: stored}
    for name, value in changes.items():
        setattr(profile, name, value)
    for name, values in many_to_many.items():
        getattr(profile, name).set(values)
    profile.full_clean(exclude=["slug", "user"])
    if not profile.live:
        profile.save()  # nothing public yet, so the row may hold the draft
    profile.save_revision(user=user)
    return profile_submit(profile=profile, user=user)
