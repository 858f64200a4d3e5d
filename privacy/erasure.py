"""Erase an account for real (PDPA): nothing of it may stay in the database or the media folder.

User.delete() cascades to the profile, reports, their child rows, revisions and workflow states (Wagtail's
RevisionMixin and WorkflowMixin carry GenericRelations), consents and consultation requests. Everything
below is what the cascade does not reach: images uploaded in earlier revisions, Wagtail's audit log, the
outbox, django-axes login records, password-reset requests, sessions, and names quoted in other people's
emails (a moderator's digest), which are redacted rather than deleted because those rows belong to them.
"""

from __future__ import annotations

import html
import re

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, Revision, WorkflowState

from creators.models import PasswordResetRequest, User
from outbox.models import OutboxEmail
from privacy.deletion_history import deletion_history_scrub
from privacy.deletion_traces import end_user_sessions, erase_task_rows
from privacy.events import purged
from privacy.models import DeletionRecord
from reports.models import ImpactReport
from visibility.signals import public_content_changed

REDACTED = {"th": "[ลบแล้ว]", "en": "[deleted]"}
# Shorter strings could match unrelated words in other people's emails.
MIN_REDACTED_LENGTH = 3
IDENTIFYING_FIELDS = ("name_th", "name_en", "name", "contact_name", "contact_email", "title_th", "title_en")


def identifying_strings(*, user: User) -> list[str]:
    """The account's email, names and report titles, in every revision (a name may have changed since an email
    quoted it): what must not survive anywhere after erasure."""
    values = [user.email, user.first_name, user.last_name]
    for obj in _owned_objects(user):
        for content in [obj.__dict__, *Revision.objects.for_instance(obj).values_list("content", flat=True)]:
            values += [content.get(name) for name in IDENTIFYING_FIELDS]
    strings = {value.strip() for value in values if isinstance(value, str)}
    return sorted(value for value in strings if len(value) >= MIN_REDACTED_LENGTH)


def _owned_objects(user: User) -> list:
    profile = user.profile
    return [*([profile] if profile is not None else []), *ImpactReport.objects.filter(owner_id=user.pk)]


def _log_entries_q(objects: list, user: User) -> Q:
    query = Q(user_id=user.pk)
    for obj in objects:
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        query |= Q(content_type=content_type, object_id=str(obj.pk))
    return query


def _images(user: User) -> list:
    profile = user.profile
    current = [getattr(profile, name, None) for name in ("logo", "photo")] if profile is not None else []
    ids = {image.pk for image in current if image is not None}
    return list(get_image_model().objects.filter(Q(uploaded_by_user=user) | Q(pk__in=ids)))


def _any_of(needles: list[str]) -> re.Pattern:
    ordered = sorted(set(needles), key=len, reverse=True)  # longest first: "X Foundation" before "X"
    return re.compile("|".join(re.escape(needle) for needle in ordered), re.IGNORECASE)


def redact_others_emails(*, except_to: str, needles: list[str]) -> int:
    """Other people's emails that quote this account or report (e.g. a digest listing it) keep their row, not
    the name. ``except_to``: the owner's address, whose own emails are deleted instead."""
    if not needles:
        return 0
    mentions = Q()
    for needle in needles:
        mentions |= Q(subject__icontains=needle) | Q(body_text__icontains=needle) | Q(body_html__icontains=needle)
    pattern = _any_of(needles)
    html_pattern = _any_of([*needles, *(html.escape(needle) for needle in needles)])
    redacted = 0
    others = OutboxEmail.objects.filter(mentions)
    for email in others.exclude(to__iexact=except_to) if except_to else others:
        mark = REDACTED.get(email.language, REDACTED["en"])
        email.subject = pattern.sub(mark, email.subject)
        email.body_text = pattern.sub(mark, email.body_text)
        email.body_html = html_pattern.sub(mark, email.body_html)
        email.save(update_fields=["subject", "body_text", "body_html"])
        redacted += 1
    return redacted


@transaction.atomic
def account_erase(*, user: User) -> None:
    """Delete an account and everything of it; image files and renditions go after the commit (Wagtail)."""
    needles = identifying_strings(user=user)
    objects = _owned_objects(user)
    images = _images(user)
    was_public = any(getattr(obj, "live", False) for obj in objects)
    for obj in objects:
        if obj.workflow_in_progress:
            obj.current_workflow_state.cancel(user=user)
        WorkflowState.objects.for_instance(obj).delete()
    ModelLogEntry.objects.filter(_log_entries_q(objects, user)).delete()
    own_emails = OutboxEmail.objects.filter(Q(to__iexact=user.email) | Q(reply_to__iexact=user.email))
    resets = PasswordResetRequest.objects.filter(email__iexact=user.email)
    # django-q2 keeps task arguments and results forever: the rows about this account go too.
    erase_task_rows(
        needles=tuple(sorted({needle.lower() for needle in needles if len(needle) >= 4})),
        outbox_ids=set(own_emails.values_list("pk", flat=True)),
        reset_ids=set(resets.values_list("pk", flat=True)),
    )
    own_emails.delete()
    redact_others_emails(except_to=user.email, needles=needles)
    # Earlier deletions on request of this account (restored since) keep no name, reason or requester.
    deletion_history_scrub(records=DeletionRecord.objects.filter(owner_id=user.pk))
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=user.email).delete()
    resets.delete()
    if user.last_login is not None:  # never logged in: no session to end
        end_user_sessions(user_id=user.pk)
    # Ids and dates only: a restore from an older backup erases this account again (ops/purge_ledger.py).
    purged(kind="account", object_id=user.pk, created_at=user.date_joined)
    user.delete()  # profile, reports, child rows, revisions, workflow states, consents, consultations
    for image in images:
        image.delete()  # Wagtail deletes the file and every rendition file once the transaction commits
    if was_public:
        public_content_changed()
