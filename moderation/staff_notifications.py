"""Moderators hear of each new request from us, in their admin language, through the outbox; not from Wagtail.

Wagtail 8 emails every workflow event itself (``wagtail.admin.signal_handlers``): "submitted" to the task's
groups and all superusers (twice for superusers: task and workflow), "approved"/"rejected" to whoever submitted
(here: the registrant, with admin links). It sends inside the request, directly (no outbox: a mail server that
is down loses them), and its Thai is incomplete, so staff read English. For profiles and reports we switch those
off (``silence_wagtail_workflow_emails``) and the submit services call ``moderators_notify_request``.
"""

from __future__ import annotations

import contextlib
import contextvars

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import TaskState
from wagtail.users.models import UserProfile

from core.links import site_url
from moderation.rules import is_moderated
from outbox.services import LANGUAGES, outbox_enqueue

__all__ = [
    "moderator_requests_unannounced",
    "moderators_notify_request",
    "silence_wagtail_workflow_emails",
    "staff_language",
]

DEFAULT_LANGUAGE = "th"
TEMPLATE = "moderation_request"
_UNANNOUNCED = contextvars.ContextVar("moderator_requests_unannounced", default=False)


@contextlib.contextmanager
def moderator_requests_unannounced():
    """Requests submitted inside announce nothing to moderators: the sample data loader (``make demo``) submits
    dozens that its own sample moderator approves at once, which no real moderator needs to hear of."""
    token = _UNANNOUNCED.set(True)
    try:
        yield
    finally:
        _UNANNOUNCED.reset(token)


def staff_language(user) -> str:
    """The language the staff member chose for the admin (Wagtail account settings), else Thai."""
    chosen = UserProfile.get_for_user(user).preferred_language or getattr(user, "preferred_language", "")
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def _recipients(task_state: TaskState, submitter_id: int | None):
    groups = task_state.task.specific.groups.all()
    wanted = Q(groups__in=groups)
    if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
        wanted |= Q(is_superuser=True)
    users = get_user_model().objects.filter(wanted, is_active=True, is_staff=True).exclude(email="").distinct()
    for user in users.exclude(pk=submitter_id).order_by("pk"):
        if UserProfile.get_for_user(user).submitted_notifications:  # the admin's own notification setting
            yield user


def moderators_notify_request(*, obj, task_state: TaskState, submitter_id: int | None) -> int:
    """One email per moderator for a new (or resubmitted) request; call it in the submitting transaction."""
    if _UNANNOUNCED.get():
        return 0
    path = AdminURLFinder().get_edit_url(obj) or ""
    sent = 0
    for user in _recipients(task_state, submitter_id):
        language = staff_language(user)
        with translation.override(language):
            context = {"name": str(obj), "kind": str(obj._meta.verbose_name), "due_date": obj.due_date}
        outbox_enqueue(
            key=f"moderation-request:{task_state.pk}:{user.pk}",
            to=user.email,
            template=TEMPLATE,
            context={**context, "url": site_url(path) if path else ""},
            language=language,
        )
        sent += 1
    return sent


def _is_moderated_content(instance) -> bool:
    workflow_state = getattr(instance, "workflow_state", instance)
    content = getattr(workflow_state, "content_object", None)
    return is_moderated(type(content))


def silence_wagtail_workflow_emails() -> None:
    """Wagtail's notifiers keep working for pages; for profiles and reports they handle nothing.

    Wrapping the notifier objects (not disconnecting their receivers) works whatever order the apps load in.
    """
    from wagtail.admin import signal_handlers

    notifiers = (
        signal_handlers.task_submission_email_notifier,
        signal_handlers.workflow_submission_email_notifier,
        signal_handlers.workflow_approval_email_notifier,
        signal_handlers.workflow_rejection_email_notifier,
    )
    for notifier in notifiers:
        if getattr(notifier, "_impact_silenced", False):
            continue
        handles = notifier.can_handle

        def can_handle(instance, _handles=handles, **kwargs):
            return _handles(instance, **kwargs) and not _is_moderated_content(instance)

        notifier.can_handle = can_handle
        notifier._impact_silenced = True
