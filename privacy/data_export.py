"""Selector for "Download my data": everything the platform holds about one account, and nothing about anyone else.

A fixed number of queries whatever the number of reports or revisions (everything is fetched per table, then
grouped in memory). Other people appear only as what the owner was shown: a profile's public name on a
consultation request, "moderator" for whoever decided, never their email address or account.
"""

from __future__ import annotations

import re
from collections import defaultdict

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, Revision, TaskState, WorkflowState
from wagtail.users.models import UserProfile

from creators.models import (
    ConsentRecord,
    ConsultationRequest,
    ImpactAssessorProfile,
    ImpactCreatorProfile,
    PasswordResetRequest,
    User,
)
from creators.selectors import profile_status
from outbox.models import OutboxEmail
from reports.models import ImpactReport, ReportOutcome
from reports.selectors import report_status
from taxonomy.models import BilingualName

SCHEMA_VERSION = 1
USER_FIELDS = (
    "id",
    "email",
    "first_name",
    "last_name",
    "preferred_language",
    "is_active",
    "date_joined",
    "last_login",
    "email_verified_at",
)
# Wagtail bookkeeping, and links to other people's accounts (who locked it, who prepared it).
HIDDEN_FIELDS = {
    "locked",
    "locked_at",
    "locked_by",
    "latest_revision",
    "live_revision",
    "has_unpublished_changes",
    "go_live_at",
    "expire_at",
    "expired",
    "prepared_by",
    "wagtail_admin_comments",
    "comments",
}
CHILD_HIDDEN_FIELDS = {"report", "sdg_indicator"}
ACCESS_FIELDS = ("attempt_time", "ip_address", "user_agent", "path_info")
ACTIVE_WORKFLOW = (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)
EXPORTS_PER_HOUR = 10
RESET_LINK = re.compile(r"(/accounts/password/reset/)[A-Za-z0-9_=-]+/[A-Za-z0-9_=-]+/")


def _actor(user_id: int | None, owner: User, other: str = "moderator") -> str:
    """Who did something, without naming anyone but the owner."""
    if user_id is None:
        return "system"
    return "you" if user_id == owner.pk else other


def _names(value: BilingualName | None) -> dict | None:
    return None if value is None else {"th": value.name_th, "en": value.name_en}


def _image(image) -> dict | None:
    if image is None:
        return None
    return {
        "id": image.pk,
        "title": image.title,
        "file": image.file.name,
        "width": image.width,
        "height": image.height,
        "file_size": image.file_size,
        "uploaded_at": image.created_at,
    }


def _row(obj: models.Model, hidden: set[str] = HIDDEN_FIELDS) -> dict:
    """A row's own fields; related taxonomies by name; images summarised; links to other accounts left out."""
    data = {}
    image_model = get_image_model()
    for field in obj._meta.concrete_fields:
        if field.name in hidden:
            continue
        if not field.is_relation:
            data[field.name] = field.value_from_object(obj)
        elif issubclass(field.related_model, BilingualName):
            data[field.name] = _names(getattr(obj, field.name))
        elif field.related_model is image_model:
            data[field.name] = _image(getattr(obj, field.name))
    for field in obj._meta.many_to_many:
        if issubclass(field.related_model, BilingualName):
            data[field.name] = [_names(item) for item in getattr(obj, field.name).all()]
    return data


def _revision_content(content: dict) -> dict:
    return {key: value for key, value in content.items() if key not in HIDDEN_FIELDS}


def _object_key(obj: models.Model) -> tuple[int, str]:
    return ContentType.objects.get_for_model(obj, for_concrete_model=False).pk, str(obj.pk)


def _objects_q(objects: list, field: str) -> Q:
    query = Q(pk__in=[])
    by_type: dict[int, list[str]] = defaultdict(list)
    for obj in objects:
        content_type_id, object_id = _object_key(obj)
        by_type[content_type_id].append(object_id)
    for content_type_id, ids in by_type.items():
        query |= Q(**{f"{field}_id": content_type_id, "object_id__in": ids})
    return query


def _grouped(rows, field: str) -> dict[tuple[int, str], list]:
    groups: dict[tuple[int, str], list] = defaultdict(list)
    for row in rows:
        groups[(getattr(row, f"{field}_id"), row.object_id)].append(row)
    return groups


def _decision(task_state: TaskState, owner: User) -> dict:
    return {
        "status": task_state.status,
        "revision_id": task_state.revision_id,
        "started_at": task_state.started_at,
        "finished_at": task_state.finished_at,
        "decided_by": _actor(task_state.finished_by_id, owner) if task_state.finished_at else None,
        "reason": task_state.comment,
    }


def _workflow(state: WorkflowState, owner: User) -> dict:
    return {
        "status": state.status,
        "started_at": state.created_at,
        "requested_by": _actor(state.requested_by_id, owner),
        "decisions": [_decision(task_state, owner) for task_state in state.task_states.all()],
    }


def _revision(revision: Revision, obj, owner: User) -> dict:
    if revision.pk == obj.live_revision_id:
        status = "live"
    elif revision.pk == obj.latest_revision_id:
        status = "latest"
    else:
        status = "earlier"
    return {
        "id": revision.pk,
        "created_at": revision.created_at,
        "status": status,
        "saved_by": _actor(revision.user_id, owner),
        "content": _revision_content(revision.content),
    }


def _history(obj, owner: User, revisions: dict, workflows: dict, logs: dict) -> dict:
    """Revisions, workflow states and audit-log lines of one profile or report (all prefetched)."""
    key = _object_key(obj)
    states = workflows.get(key, [])
    # Lets Wagtail's workflow_in_progress / current_workflow_state answer without a query.
    obj._current_workflow_states = [s for s in states if s.status in ACTIVE_WORKFLOW][::-1]
    return {
        "revisions": [_revision(revision, obj, owner) for revision in revisions.get(key, [])],
        "workflow": [_workflow(state, owner) for state in states],
        "activity": [
            {"action": entry.action, "at": entry.timestamp, "by": _actor(entry.user_id, owner, other="staff")}
            for entry in logs.get(key, [])
        ],
    }


def _profile(profile, owner: User, history: dict) -> dict:
    status = profile_status(profile)
    return {
        "kind": profile.kind,
        "status": status.status.value,
        "status_label": str(status.status.label),
        **_row(profile),
        **history,
    }


def _report(report: ImpactReport, history: dict) -> dict:
    status = report_status(report)
    prepared_by = report.prepared_by
    return {
        "status": status.status.value,
        "status_label": str(status.status.label),
        **_row(report),
        "prepared_by": prepared_by.display_name if prepared_by is not None and prepared_by.is_public else None,
        "stakeholders": [_row(row, CHILD_HIDDEN_FIELDS) for row in report.stakeholders.all()],
        "inputs": [_row(row, CHILD_HIDDEN_FIELDS) for row in report.inputs.all()],
        "outcomes": [
            {**_row(row, CHILD_HIDDEN_FIELDS), "sdg_indicator": row.sdg_indicator.code if row.sdg_indicator else None}
            for row in report.outcomes.all()
        ],
        **history,
    }


def _public_name(user: User) -> str | None:
    """The name another account shows the public (what the owner saw), never its email address."""
    for name in ("creator_profile", "assessor_profile"):
        profile = getattr(user, name, None)
        if profile is not None:
            return profile.display_name
    return None


def _consultations(owner: User) -> dict:
    related = ("sender__creator_profile", "sender__assessor_profile")
    received = ConsultationRequest.objects.filter(recipient_id=owner.pk).select_related(*related)
    sent = ConsultationRequest.objects.filter(sender_id=owner.pk).select_related(
        "recipient__creator_profile", "recipient__assessor_profile"
    )
    fields = ("subject", "message", "created_at")
    return {
        "sent": [{"to": _public_name(r.recipient), **{f: getattr(r, f) for f in fields}} for r in sent],
        "received": [{"from": _public_name(r.sender), **{f: getattr(r, f) for f in fields}} for r in received],
    }


def _login_records(owner: User) -> dict:
    def rows(model, *extra):
        records = model.objects.filter(username__iexact=owner.email).order_by("attempt_time")
        return list(records.values(*ACCESS_FIELDS, *extra))

    return {
        "failed_attempts": rows(AccessAttempt, "failures_since_start"),
        "logins": rows(AccessLog, "logout_time"),
        "failures": rows(AccessFailureLog, "locked_out"),
    }


def _emails(owner: User) -> list[dict]:
    emails = OutboxEmail.objects.filter(to__iexact=owner.email).order_by("created_at", "pk")
    rows = list(emails.values("subject", "body_text", "language", "status", "created_at", "sent_at", "attempts"))
    for row in rows:
        # A reset link still valid would let whoever gets hold of the file set the password.
        row["body_text"] = RESET_LINK.sub(r"\1[…]/", row["body_text"])
    return rows


def _notification_settings(owner: User) -> dict | None:
    profile = UserProfile.objects.filter(user_id=owner.pk).first()
    if profile is None:
        return None
    names = ("submitted_notifications", "approved_notifications", "rejected_notifications", "preferred_language")
    return {name: getattr(profile, name) for name in names}


def data_export_allowed(*, user: User) -> bool:
    """At most EXPORTS_PER_HOUR downloads an hour per account (counted in the shared cache)."""
    key = f"data-export:{user.pk}"
    if cache.add(key, 1, timeout=3600):
        return True
    try:
        return cache.incr(key) <= EXPORTS_PER_HOUR
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=3600)
        return True


def account_data_export(*, user: User) -> dict:
    """Everything held about ``user``, as plain data ready for JSON (with Django's encoder)."""
    creator = (
        ImpactCreatorProfile.objects.filter(user_id=user.pk)
        .select_related("organisation_type", "province", "logo")
        .prefetch_related("sdg_goals", "themes")
        .first()
    )
    assessor = (
        ImpactAssessorProfile.objects.filter(user_id=user.pk)
        .select_related("photo")
        .prefetch_related("expertise_sectors", "provinces_served")
        .first()
    )
    reports = list(
        ImpactReport.objects.filter(owner_id=user.pk)
        .select_related("sector", "prepared_by")
        .prefetch_related(
            "provinces",
            "sdg_goals",
            "themes",
            "stakeholders",
            "inputs",
            Prefetch("outcomes", queryset=ReportOutcome.objects.select_related("sdg_indicator")),
        )
        .order_by("created_at", "pk")
    )
    profiles = [profile for profile in (creator, assessor) if profile is not None]
    for profile in profiles:
        profile.user = user
    objects = [*profiles, *reports]
    revisions = _grouped(
        Revision.objects.filter(_objects_q(objects, "base_content_type")).order_by("created_at", "pk"),
        "base_content_type",
    )
    workflows = _grouped(
        WorkflowState.objects.filter(_objects_q(objects, "base_content_type"))
        .prefetch_related(Prefetch("task_states", queryset=TaskState.objects.order_by("started_at", "pk")))
        .order_by("created_at", "pk"),
        "base_content_type",
    )
    logs = _grouped(
        ModelLogEntry.objects.filter(_objects_q(objects, "content_type")).order_by("timestamp", "pk"),
        "content_type",
    )

    def history(obj):
        return _history(obj, user, revisions, workflows, logs)

    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": timezone.localtime(),
        "notice": _(
            "Everything Impact Partnership holds about your account at the time above. "
            "People other than you appear only as you were shown them."
        ),
        "account": {name: getattr(user, name) for name in USER_FIELDS},
        "notification_settings": _notification_settings(user),
        "consents": list(
            ConsentRecord.objects.filter(user_id=user.pk)
            .order_by("accepted_at")
            .values("notice", "version", "language", "accepted_at")
        ),
        "profiles": [_profile(profile, user, history(profile)) for profile in profiles],
        "reports": [_report(report, history(report)) for report in reports],
        "images": [_image(image) for image in get_image_model().objects.filter(uploaded_by_user_id=user.pk)],
        "emails": _emails(user),
        "consultation_requests": _consultations(user),
        "password_reset_requests": list(
            PasswordResetRequest.objects.filter(email__iexact=user.email).values("created_at", "language")
        ),
        "login_records": _login_records(user),
    }
