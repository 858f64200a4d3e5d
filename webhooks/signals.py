"""Turn what happens on the site into webhook events (queued in the transaction of the change). Imported once at
start-up by core's app config."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.signals import page_published, page_unpublished, published

from core.links import site_url
from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from privacy.events import item_deleted_on_request, item_purged, item_restored
from reports.models import ImpactReport
from webhooks import events
from webhooks.services import webhook_emit, webhook_forget

DISPATCH_PREFIX = "webhooks"
# (object type in the body, the public page's URL name) per moderated model.
MODERATED = {
    ImpactCreatorProfile: ("creator", "creators:creator_detail", events.PROFILE_APPROVED),
    ImpactAssessorProfile: ("assessor", "creators:assessor_detail", events.PROFILE_APPROVED),
    ImpactReport: ("report", "reports:public", events.REPORT_APPROVED),
}
OBJECT_TYPES = {model: spec[0] for model, spec in MODERATED.items()}


def _public_url(url_name: str, slug: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):  # the Thai page: no language prefix
        return site_url(reverse(url_name, args=[slug]))


def _page_event(event: str, instance) -> None:
    webhook_emit(
        event=event,
        object_type="page",
        object_id=instance.pk,
        locale=instance.locale.language_code,
        url=instance.get_full_url() or "",
    )


def page_was_published(sender, instance, **kwargs) -> None:
    _page_event(events.PAGE_PUBLISHED, instance)


def page_was_unpublished(sender, instance, **kwargs) -> None:
    _page_event(events.PAGE_UNPUBLISHED, instance)


def moderated_was_published(sender, instance, **kwargs) -> None:
    """Approval publishes a profile or report (a publish scheduled for later leaves it not live: no event)."""
    if not instance.live or instance.deleted_at is not None:
        return
    object_type, url_name, event = MODERATED[sender]
    webhook_emit(event=event, object_type=object_type, object_id=instance.pk, url=_public_url(url_name, instance.slug))


def deletion_event(event: str):
    def receiver(sender, kind: str, object_id: int, **kwargs) -> None:
        webhook_emit(event=event, object_type=OBJECT_TYPES.get(sender, kind), object_id=object_id)

    return receiver


def item_was_purged(sender, kind: str, object_id: int, **kwargs) -> None:
    """Sent before the rows go: the log's earlier deliveries about them (their addresses carry slugs) go too."""
    webhook_forget(objects=_purged_objects(kind, object_id))
    webhook_emit(event=events.PURGED, object_type=kind, object_id=object_id)


def _purged_objects(kind: str, object_id: int) -> list[tuple[str, int]]:
    if kind != "account":
        return [("report", object_id)]
    found = [("report", pk) for pk in ImpactReport.objects.filter(owner_id=object_id).values_list("pk", flat=True)]
    for model in (ImpactCreatorProfile, ImpactAssessorProfile):
        found += [
            (OBJECT_TYPES[model], pk) for pk in model.objects.filter(user_id=object_id).values_list("pk", flat=True)
        ]
    return found


on_deleted = deletion_event(events.DELETED_ON_REQUEST)
on_restored = deletion_event(events.RESTORED)


def connect_signals() -> None:
    page_published.connect(page_was_published, dispatch_uid=f"{DISPATCH_PREFIX}.page-published")
    page_unpublished.connect(page_was_unpublished, dispatch_uid=f"{DISPATCH_PREFIX}.page-unpublished")
    for model in MODERATED:
        published.connect(
            moderated_was_published, sender=model, dispatch_uid=f"{DISPATCH_PREFIX}.{model._meta.label_lower}"
        )
    item_deleted_on_request.connect(on_deleted, dispatch_uid=f"{DISPATCH_PREFIX}.deleted-on-request")
    item_restored.connect(on_restored, dispatch_uid=f"{DISPATCH_PREFIX}.restored")
    item_purged.connect(item_was_purged, dispatch_uid=f"{DISPATCH_PREFIX}.purged")


connect_signals()
