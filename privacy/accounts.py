from django.db import transaction
from django.utils.translation import gettext as _

from creators.models import ProfileBase, User
from creators.selectors import account_ever_approved
from privacy.erasure import account_erase

__all__ = ["account_delete_own", "account_delete_refused", "account_erase"]


def account_delete_refused(*, profile: ProfileBase) -> str:
    """Why the owner may not delete this account themselves, or "" when they may.

    Only what was never approved (a rejected, draft or never-verified registration with no report ever
    published); anything once approved is deleted by staff on request, by phone (README: What works, Accounts).
    """
    if account_ever_approved(profile=profile):
        return _(
            "An approved account can only be deleted by our staff: please call us (the numbers are below and on the "
            "Contact us page)."
        )
    if profile.workflow_in_progress:
        return _("Your registration is waiting for a moderator's decision and cannot be deleted now.")
    return ""


@transaction.atomic
def account_delete_own(*, user: User) -> None:
    """The owner deletes a never-approved registration, for real (see ``account_erase``)."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    profile = locked.profile
    if profile is not None and account_delete_refused(profile=profile):
        raise PermissionError("This account may not delete itself.")
    account_erase(user=locked)
