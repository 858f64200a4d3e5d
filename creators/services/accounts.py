from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from creators.models import ProfileBase, User
from creators.selectors import profile_status
from moderation.models import OutboxEmail


def account_delete_refused(*, profile: ProfileBase) -> str:
    """Why the owner may not delete this account themselves, or "" when they may."""
    status = profile_status(profile)
    if status.can_delete_self:
        return ""
    if profile.workflow_in_progress:
        return _("Your registration is waiting for a moderator's decision and cannot be deleted now.")
    return _("An approved account can only be deleted by our staff: please call 090-669-3961 or 089-680-1233.")


@transaction.atomic
def account_delete_own(*, user: User) -> None:
    """The owner deletes a never-approved registration."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    profile = locked.profile
    if profile is not None and account_delete_refused(profile=profile):
        raise PermissionError("This account may not delete itself.")
    account_erase(user=locked)


@transaction.atomic
def account_erase(*, user: User) -> None:
    """Delete an account for real: profile, its revisions and workflow states, images, emails to it."""
    profile = user.profile
    image = None
    if profile is not None:
        image = getattr(profile, "logo", None) or getattr(profile, "photo", None)
        if profile.workflow_in_progress:
            profile.current_workflow_state.cancel(user=user)
        WorkflowState.objects.for_instance(profile).delete()
    OutboxEmail.objects.filter(to__iexact=user.email).delete()
    user.delete()  # the profile and its revisions go with it
    if image is not None:
        image.delete()  # Wagtail removes the file and its renditions
