"""Staff delete on request and restore (FAQ: the owner phones; staff delete; restorable for 30 days).

A delete hides the item at once without touching its approval state (``live``, revisions, workflow), so a
restore within the window brings back exactly what was there. Every state change is a conditional UPDATE:
two staff members (or a restore and the purge in ``privacy.purge``) can never both win.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.search import index

from core.text import clean_text
from creators.models import ImpactAssessorProfile, ImpactCreatorProfile, ProfileBase, User
from creators.private_media import registrant_media_sync, show_files
from media_store import areas
from outbox.services import outbox_enqueue
from privacy import events
from privacy.deletion_files import image_file_names, owner_images, quarantine_files, release_files
from privacy.deletion_traces import end_user_sessions, public_caches_changed
from privacy.models import DeletionChannel, DeletionKind, DeletionRecord
from reports.models import ImpactReport

__all__ = [
    "ACTION_DELETE",
    "ACTION_PURGE",
    "ACTION_RESTORE",
    "DeletionError",
    "account_delete_on_request",
    "deletion_restore",
    "deletion_subject",
    "report_delete_on_request",
]

ACTION_DELETE = "moderation.delete_on_request"
ACTION_RESTORE = "moderation.restore"
ACTION_PURGE = "privacy.purge"
PROFILE_MODELS = (ImpactCreatorProfile, ImpactAssessorProfile)


class DeletionError(Exception):
    """A delete or restore that cannot happen; ``message`` is translated and shown to staff."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _restore_window() -> timedelta:
    return timedelta(days=settings.DELETION_RESTORE_DAYS)


def _clean_request(*, reason: str, channel: str, requested_by: str) -> tuple[str, str]:
    reason = clean_text(reason or "", multiline=True).strip()
    requested_by = clean_text(requested_by or "").strip()
    if not reason or not requested_by:
        raise DeletionError(_("Please give the reason and the name of the person who asked."))
    if channel not in DeletionChannel.values:
        raise DeletionError(_("Please choose how the deletion was requested."))
    return reason, requested_by


def deletion_subject(record: DeletionRecord):
    """The profile or report a record is about, deleted or not (None once purged)."""
    model = record.content_type.model_class()
    return model.objects.filter(pk=record.object_id).first() if record.purged_at is None else None


def _log(**kwargs) -> None:
    # Stored labels are in the site's language whoever acts, so the site history doesn't switch language by row.
    with translation.override(settings.LANGUAGE_CODE):
        log(**kwargs)


def _audit(*, record: DeletionRecord, obj, action: str, user, data: dict) -> None:
    # Logged on the item (its history in the admin) and on the record (which outlives the item).
    if obj is not None:
        _log(instance=obj, action=action, user=user, data=data)
    _log(instance=record, action=action, user=user, data=data)


def _notify(*, record: DeletionRecord, template: str, key: str) -> None:
    owner = User.objects.get(pk=record.owner_id)
    outbox_enqueue(
        key=key,
        to=owner.email,
        template=template,
        context={"kind": record.kind, "name": record.label, "restore_until": record.purge_after},
        language=owner.preferred_language,
    )


def _create_record(
    *,
    obj,
    kind: str,
    owner_id: int,
    label: str,
    reason: str,
    channel: str,
    requested_by: str,
    staff_user,
    now: datetime,
) -> DeletionRecord:
    record = DeletionRecord(
        kind=kind,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        owner_id=owner_id,
        label=label[:255],
        reason=reason,
        channel=channel,
        requested_by=requested_by,
        staff_user=staff_user,
        deleted_at=now,
        purge_after=now + _restore_window(),
    )
    record.full_clean()
    record.save()
    return record


def _claim_hidden(model, pk: int, now: datetime) -> None:
    if not model.objects.filter(pk=pk, deleted_at__isnull=True).update(deleted_at=now):
        raise DeletionError(_("This item was already deleted. Nothing was changed."))


def account_delete_on_request(
    *, profile: ProfileBase, reason: str, channel: str, requested_by: str, staff_user: User, now: datetime | None = None
) -> DeletionRecord:
    """Hide an account and all its reports at once, end its sessions, move its images aside, email the owner."""
    reason, requested_by = _clean_request(reason=reason, channel=channel, requested_by=requested_by)
    now = now or timezone.now()
    with transaction.atomic():
        _claim_hidden(type(profile), profile.pk, now)
        profile.refresh_from_db()
        reports = ImpactReport.objects.filter(owner_id=profile.user_id)
        previously = sorted(reports.filter(deleted_at__isnull=False).values_list("pk", flat=True))
        hidden = sorted(reports.filter(deleted_at__isnull=True).values_list("pk", flat=True))
        ImpactReport.objects.filter(pk__in=hidden).update(deleted_at=now)
        record = _create_record(
            obj=profile,
            kind=DeletionKind.ACCOUNT,
            owner_id=profile.user_id,
            label=profile.name_th if isinstance(profile, ImpactCreatorProfile) else profile.display_name,
            reason=reason,
            channel=channel,
            requested_by=requested_by,
            staff_user=staff_user,
            now=now,
        )
        record.report_ids, record.previously_deleted_report_ids = hidden, previously
        record.quarantined_files = image_file_names(owner_images(user_id=profile.user_id, profile=profile))
        record.save(update_fields=["report_ids", "previously_deleted_report_ids", "quarantined_files"])
        hidden_reports = list(ImpactReport.objects.filter(pk__in=hidden))
        _admin_search_entries(remove=True, objects=[profile, *hidden_reports])
        User.objects.filter(pk=profile.user_id).update(is_active=False)
        end_user_sessions(user_id=profile.user_id)
        data = {"reason": reason, "channel": channel, "requested_by": requested_by, "reports": hidden}
        _audit(record=record, obj=profile, action=ACTION_DELETE, user=staff_user, data=data)
        for report in ImpactReport.objects.filter(pk__in=hidden):
            _log(instance=report, action=ACTION_DELETE, user=staff_user, data={**data, "with_account": record.pk})
        _notify(record=record, template="deletion_notice", key=f"deletion:{record.pk}")
        public_caches_changed(profile, *hidden_reports)
        events.deleted_on_request(kind=DeletionKind.ACCOUNT, obj=profile)
        _quarantine(record.quarantined_files)
    return record


def report_delete_on_request(
    *, report: ImpactReport, reason: str, channel: str, requested_by: str, staff_user: User, now: datetime | None = None
) -> DeletionRecord:
    """Hide one report at once (pages, directory, API, benchmarks, sitemap) and email its owner."""
    reason, requested_by = _clean_request(reason=reason, channel=channel, requested_by=requested_by)
    now = now or timezone.now()
    with transaction.atomic():
        _claim_hidden(ImpactReport, report.pk, now)
        report.refresh_from_db()
        record = _create_record(
            obj=report,
            kind=DeletionKind.REPORT,
            owner_id=report.owner_id,
            label=report.title_th or report.title_en,
            reason=reason,
            channel=channel,
            requested_by=requested_by,
            staff_user=staff_user,
            now=now,
        )
        _admin_search_entries(remove=True, objects=[report])
        data = {"reason": reason, "channel": channel, "requested_by": requested_by}
        _audit(record=record, obj=report, action=ACTION_DELETE, user=staff_user, data=data)
        _notify(record=record, template="deletion_notice", key=f"deletion:{record.pk}")
        public_caches_changed(report)
        events.deleted_on_request(kind=DeletionKind.REPORT, obj=report)
    return record


def _admin_search_entries(*, remove: bool, objects: list) -> None:
    # Wagtail's (admin) index; the public one follows the announcement (public_caches_changed, search.signals).
    if remove:
        for obj in objects:
            index.remove_object(obj)
        return
    for obj in objects:
        obj.refresh_from_db()  # deleted_at was cleared by an UPDATE
        index.insert_or_update_object(obj)


def _quarantine(names: list[str]) -> None:
    """Move files aside as the last step of the transaction; a failure puts each one back where it was (public
    or private) and rolls everything back."""
    public = [name for name in names if areas.holds(areas.PUBLIC, name)]
    try:
        quarantine_files(names)
    except Exception:
        release_files(names)
        show_files(public)
        raise


def _release(names: list[str], *, owner_id: int) -> None:
    """Bring files back (to the private root), then show what the restored profile shows; on failure, undo."""
    try:
        release_files(names)
        registrant_media_sync(user_id=owner_id)
    except Exception:
        quarantine_files(names)
        raise


def _refusal(record: DeletionRecord, now: datetime):
    if record.purged_at is not None or record.purge_started_at is not None:
        return _("This item was already permanently deleted and cannot be restored.")
    if record.restored_at is not None:
        return _("This item was already restored.")
    return _("The %(days)s-day restore period has ended: this item can no longer be restored.") % {
        "days": settings.DELETION_RESTORE_DAYS
    }


def _restore_blocked_by_account(record: DeletionRecord) -> bool:
    if record.kind != DeletionKind.REPORT:
        return False
    return any(
        model.objects.filter(user_id=record.owner_id, deleted_at__isnull=False).exists() for model in PROFILE_MODELS
    )


def deletion_restore(*, record: DeletionRecord, staff_user: User, now: datetime | None = None) -> DeletionRecord:
    """Bring back exactly what was deleted (visibility, reports, images, login) and email the owner.

    Refused with a clear ``DeletionError`` after the window, once the purge has claimed the item, or twice.
    """
    now = now or timezone.now()
    with transaction.atomic():
        record = DeletionRecord.objects.get(pk=record.pk)
        if _restore_blocked_by_account(record) and record.restored_at is None and now < record.purge_after:
            raise DeletionError(_("The owner's account is deleted too: restore the account first."))
        claimed = DeletionRecord.objects.filter(
            pk=record.pk,
            restored_at__isnull=True,
            purge_started_at__isnull=True,
            purged_at__isnull=True,
            purge_after__gt=now,
        ).update(restored_at=now, restored_by=staff_user)
        if not claimed:
            raise DeletionError(_refusal(record, now))
        record.refresh_from_db()
        obj = deletion_subject(record)
        if obj is None:  # erased with its account by an earlier purge; the claim above rolls back
            raise DeletionError(_("This item was already permanently deleted and cannot be restored."))
        type(obj).objects.filter(pk=obj.pk).update(deleted_at=None)
        if record.kind == DeletionKind.ACCOUNT:
            ImpactReport.objects.filter(pk__in=record.report_ids).update(deleted_at=None)
            User.objects.filter(pk=record.owner_id).update(is_active=True)
            for report in ImpactReport.objects.filter(pk__in=record.report_ids):
                _log(instance=report, action=ACTION_RESTORE, user=staff_user, data={"with_account": record.pk})
        restored = [obj, *ImpactReport.objects.filter(pk__in=record.report_ids)] if record.kind == "account" else [obj]
        _admin_search_entries(remove=False, objects=restored)
        _audit(record=record, obj=obj, action=ACTION_RESTORE, user=staff_user, data={"record": record.pk})
        _notify(record=record, template="deletion_restored", key=f"deletion-restored:{record.pk}")
        public_caches_changed(*restored)
        events.restored(kind=record.kind, obj=obj)
        _release(record.quarantined_files, owner_id=record.owner_id)
    return record
