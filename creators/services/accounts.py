from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from creators.models import ProfileBase, User
from creators.selectors import profile_status
from moderation.deletion_traces import erase_images, erase_object_history, erase_profile, erase_user_traces
from reports.models import ImpactReport


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
    """Delete an account for real, leaving no trace: profile, reports, their revisions, workflow states and audit
    entries, images and renditions, search entries, emails, task rows, login records, sessions, consents."""
    names: list[str] = []
    profile = user.profile
    if profile is not None:
        if profile.workflow_in_progress:
            profile.current_workflow_state.cancel(user=user)
        names += erase_profile(profile)
    for report in ImpactReport.objects.filter(owner=user):
        names += [report.title_th, report.title_en, report.slug]
        erase_object_history(report)
        report.delete()
    erase_images(list(get_image_model().objects.filter(uploaded_by_user=user)))
    erase_user_traces(user=user, names=[name for name in names if name])
