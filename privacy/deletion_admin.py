"""Wagtail admin: "Delete on request" for accounts and reports, the "Deleted items" list and "Restore".

Views only parse input; ``privacy.deletion`` does the work. Staff need ``privacy.add_deletionrecord``
(the Moderators group has it), and the generic Delete/Unpublish of these snippets lead here instead.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from account_security.reauth import reauth_required
from core.admin_display import be_date
from creators.forms import CleanTextMixin
from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from privacy.deletion import DeletionError, account_delete_on_request, deletion_restore, report_delete_on_request
from privacy.models import DeletionChannel, DeletionRecord
from reports.models import ImpactReport

DELETE_PERMISSION = "privacy.add_deletionrecord"
DELETE_URL_NAME = "moderation_delete_on_request"
DELETED_ITEMS_URL_NAME = "moderation_deleted_items"
RESTORE_URL_NAME = "moderation_deletion_restore"
# URL segment → model. Accounts are deleted through their profile.
DELETABLE = {"creator": ImpactCreatorProfile, "assessor": ImpactAssessorProfile, "report": ImpactReport}
KIND_BY_MODEL = {model: kind for kind, model in DELETABLE.items()}


class DeleteOnRequestForm(CleanTextMixin, forms.Form):
    multiline_fields = ("reason",)

    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    channel = forms.ChoiceField(
        label=pgettext_lazy("deletion request channel", "Requested by"), choices=DeletionChannel.choices
    )
    requested_by = forms.CharField(label=gettext_lazy("Name of the person who asked"), max_length=200)
    confirm = forms.BooleanField(
        label=gettext_lazy("I checked that this person may ask for this deletion"),
        error_messages={"required": gettext_lazy("Please confirm before deleting.")},
    )


def delete_on_request_url(instance) -> str | None:
    kind = KIND_BY_MODEL.get(type(instance))
    return reverse(DELETE_URL_NAME, args=[kind, instance.pk]) if kind and instance.pk else None


def _snippet_edit_url(instance) -> str:
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[instance.pk])


@reauth_required
@require_http_methods(["GET", "POST"])
def delete_on_request_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if not request.user.has_perm(DELETE_PERMISSION):
        return permission_denied(request)
    model = DELETABLE.get(kind)
    if model is None:
        raise Http404
    instance = get_object_or_404(model, pk=pk)
    if instance.deleted_at is not None:
        messages.error(request, _("This item was already deleted. Nothing was changed."))
        return redirect(DELETED_ITEMS_URL_NAME)
    form = DeleteOnRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = report_delete_on_request if kind == "report" else account_delete_on_request
        target = {"report": instance} if kind == "report" else {"profile": instance}
        try:
            record = service(
                **target,
                reason=form.cleaned_data["reason"],
                channel=form.cleaned_data["channel"],
                requested_by=form.cleaned_data["requested_by"],
                staff_user=request.user,
            )
        except DeletionError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("“%(name)s” was deleted. It can be restored until %(date)s.")
                % {"name": instance, "date": be_date(record.purge_after, full_month=True)},
            )
            return redirect(DELETED_ITEMS_URL_NAME)
    reports = (
        ImpactReport.objects.filter(owner_id=instance.user_id, deleted_at__isnull=True) if kind != "report" else []
    )
    return render(
        request,
        "moderation/deletion/delete_on_request.html",
        {
            "page_title": _("Delete on request"),
            "page_subtitle": str(instance),
            "header_icon": "bin",
            "instance": instance,
            "is_account": kind != "report",
            "reports": reports,
            "form": form,
            "cancel_url": _snippet_edit_url(instance),
            "restore_days": settings.DELETION_RESTORE_DAYS,
        },
    )


def deleted_items_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(DELETE_PERMISSION):
        return permission_denied(request)
    records = (
        DeletionRecord.objects.filter(restored_at__isnull=True, purged_at__isnull=True)
        .select_related("staff_user")
        .order_by("purge_after", "pk")
    )
    return render(
        request,
        "moderation/deletion/deleted_items.html",
        {"page_title": _("Deleted items"), "header_icon": "bin", "records": records},
    )


@reauth_required
@require_http_methods(["GET", "POST"])
def restore_view(request: HttpRequest, record_id: int) -> HttpResponse:
    if not request.user.has_perm(DELETE_PERMISSION):
        return permission_denied(request)
    record = get_object_or_404(DeletionRecord, pk=record_id)
    if request.method == "POST":
        try:
            deletion_restore(record=record, staff_user=request.user)
        except DeletionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("“%(name)s” was restored exactly as it was.") % {"name": record.label})
        return redirect(DELETED_ITEMS_URL_NAME)
    return render(
        request,
        "moderation/deletion/confirm_restore.html",
        {"page_title": _("Restore"), "page_subtitle": record.label, "header_icon": "undo", "record": record},
    )
