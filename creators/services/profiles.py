"""Writes for registrant profiles: submit into moderation, edit, and record decisions."""

import datetime

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from wagtail.models import WorkflowState

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile, ProfileBase
from creators.private_media import store_uploaded_image
from moderation.selectors import closure_dates
from moderation.sla import add_business_days
from moderation.staff_notifications import moderators_notify_request
from outbox.services import outbox_enqueue

ACCOUNT_DECISION_BUSINESS_DAYS = 5
PROFILE_MODELS = (ImpactCreatorProfile, ImpactAssessorProfile)
IMAGE_FIELDS = {"creator": "logo", "assessor": "photo"}


class ProfileLockedError(Exception):
    """The profile is waiting for a moderator's decision: the owner may not change or delete it."""


def due_date_for(*, submitted_at: datetime.datetime, business_days: int) -> datetime.date:
    local_day = timezone.localtime(submitted_at).date()
    return add_business_days(submitted_at, business_days, closures=closure_dates(local_day))


def profile_email_context(profile: ProfileBase) -> dict:
    return {
        "name": profile.display_name,
        "kind": profile.kind,
        "due_date": profile.due_date,
        "reason": profile.rejection_reason,
    }


@transaction.atomic
def profile_submit(*, profile: ProfileBase, user) -> WorkflowState:
    """Start the profile's approval workflow and promise a decision within 5 business days."""
    locked = type(profile).objects.select_for_update().get(pk=profile.pk)
    if locked.workflow_in_progress:
        raise ProfileLockedError
    needs_changes = locked.current_workflow_state
    if needs_changes is not None and needs_changes.status == WorkflowState.STATUS_NEEDS_CHANGES:
        # After "request changes" Wagtail keeps the state open; resubmitting resumes it with a new task.
        needs_changes.resume(user=user)
        workflow_state = needs_changes
    else:
        workflow = locked.get_workflow()
        if workflow is None:
            raise RuntimeError(f"No workflow is assigned to {type(profile).__name__}: run the migrations.")
        workflow_state = workflow.start(locked, user)
    task_state = workflow_state.current_task_state
    submitted_at = timezone.now()
    due_date = due_date_for(submitted_at=submitted_at, business_days=ACCOUNT_DECISION_BUSINESS_DAYS)
    # Metadata, not content: written to the row only, so a live profile's public content is untouched.
    type(profile).objects.filter(pk=profile.pk).update(submitted_at=submitted_at, due_date=due_date)
    profile.submitted_at, profile.due_date = submitted_at, due_date
    outbox_enqueue(
        key=f"profile-received:{task_state.pk}",
        to=profile.user.email,
        template="profile_received",
        context=profile_email_context(profile),
        language=profile.user.preferred_language,
    )
    moderators_notify_request(obj=profile, task_state=task_state, submitter_id=user.pk if user else None)
    return workflow_state


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


def profile_record_decision(*, profile: ProfileBase, approved: bool, reason: str, decision_key: str) -> None:
    """Called inside the moderator's decision transaction: remember the reason and email the owner once."""
    reason = "" if approved else reason.strip()
    type(profile).objects.filter(pk=profile.pk).update(rejection_reason=reason)
    profile.rejection_reason = reason
    outbox_enqueue(
        key=f"profile-decision:{decision_key}",
        to=profile.user.email,
        template="profile_approved" if approved else "profile_rejected",
        context=profile_email_context(profile),
        language=profile.user.preferred_language,
    )
